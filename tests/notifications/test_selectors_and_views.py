"""The mails sent about an object: the selector, the include and the page."""

import pytest
from django.template import Context, Template

from notifications.selectors import notifications_for
from regio.events import Event, emit
from regio.roles import Rol
from tests.regio.factories import ContactpersoonFactory, ZorgaanbiederFactory


@pytest.fixture
def mailed(regio):
    """A provider with a Bibob notice to two municipalities and a reporter's receipt."""
    for code in ("GM0268", "GM0225"):
        ContactpersoonFactory(gemeente=regio[code], email=f"c.{code.lower()}@gemeente.example.org")
    aanbieder, other = ZorgaanbiederFactory(), ZorgaanbiederFactory()
    for instance, gemeenten in ((aanbieder, ["GM0268", "GM0225"]), (other, ["GM0268"])):
        emit(
            Event.BIBOB_GESTART,
            event_id=f"test:bibob:{instance.pk}",
            instance=instance,
            nummer=instance.naam,
            gemeenten=gemeenten,
            data={"zorgaanbieder": instance.naam},
        )
    emit(
        Event.MELDING_ONTVANGEN,
        event_id=f"test:ontvangen:{aanbieder.pk}",
        instance=aanbieder,
        nummer="RMZ-2026-00042",
        data={"melder_email": "melder@voorbeeld.example.org"},
    )
    return aanbieder


def test_notifications_for_returns_the_rows_of_that_object_only(mailed):
    rows = notifications_for(mailed)
    assert rows.count() == 3
    assert {r.event for r in rows} == {Event.BIBOB_GESTART, Event.MELDING_ONTVANGEN}


def test_the_include_lists_status_and_hides_the_reporters_address_without_permission(
    mailed, make_user
):
    template = Template("{% load notificaties %}{% verzonden_mails obj %}")
    overleg = make_user(Rol.OVERLEG)  # no right to see reporters' details
    html = template.render(Context({"obj": mailed, "user": overleg}))
    assert "Nijmegen" in html and "wachtend" in html
    assert "melder@voorbeeld.example.org" not in html and "melder" in html
    handhaver = make_user(Rol.HANDHAVER)  # works with reporters' details
    assert "melder@voorbeeld.example.org" in template.render(
        Context({"obj": mailed, "user": handhaver})
    )


def test_the_page_is_for_staff_only(client, mailed, make_user, regio):
    url = f"/notificaties/regio/zorgaanbieder/{mailed.pk}/"
    client.force_login(make_user(Rol.JURIST))
    response = client.get(url)
    assert response.status_code == 200
    assert "Verstuurde e-mails" in response.content.decode()
    assert client.get("/notificaties/regio/bestaatniet/1/").status_code == 404
    client.force_login(make_user(Rol.GEMEENTE, username="druten", gemeente=regio["GM0225"]))
    assert client.get(url).status_code == 403


def test_the_outbox_admin_shows_beheer_no_reporter_address(client, mailed, make_user):
    user = make_user(Rol.BEHEER)
    user.is_staff = True
    user.save()
    client.force_login(user)
    page = client.get("/beheer/notifications/notificatie/").content.decode()
    assert "c.gm0268@gemeente.example.org" in page
    assert "melder@voorbeeld.example.org" not in page
    row = notifications_for(mailed).get(event=Event.MELDING_ONTVANGEN)
    detail = client.get(f"/beheer/notifications/notificatie/{row.pk}/change/").content.decode()
    assert detail.count("RMZ-2026-00042") >= 1
    assert "melder@voorbeeld.example.org" not in detail
    found = client.get("/beheer/notifications/notificatie/?q=melder@voorbeeld.example.org")
    assert "RMZ-2026-00042" not in found.content.decode()  # no searching by the address
