"""Every event has a Dutch mail with the number, the status, what is asked and a link, and
none of them can carry personal data into a queued mail."""

import pytest
from django.db import transaction

from notifications.models import Notificatie
from notifications.privacy import PersonalDataInMail, check_mail
from notifications.recipients import (
    ARRANGEMENT_EVENTS,
    DOSSIER_EVENTS,
    INTERNAL_EVENTS,
    OVERVIEW_EVENTS,
    REPORTER_EVENTS,
)
from notifications.rendering import context_for, render
from regio.events import Event, emit
from tests.regio.factories import ContactpersoonFactory, ZorgaanbiederFactory

pytestmark = pytest.mark.django_db

BSN = "111222333"  # passes the elfproef
NAAM = "Piet Pietersen"
EMAIL = "piet.pietersen@example.org"
TEKST = "Mijn moeder kreeg drie dagen geen medicatie"
PERSONAL = [NAAM, BSN, EMAIL, TEKST]


def leaky_data() -> dict:
    """Event data with personal data in every key a template may show, not only in
    ``_persoonlijk`` (a domain app's mistake the check must catch)."""
    text_keys = [
        "bekendmaking", "conclusie", "datum", "gevraagd", "naar", "omschrijving_algemeen",
        "overleg_datum", "prioriteit", "resultaat", "stap", "termijn", "uiterlijk_op",
        "uitkomst", "week", "zorgaanbieder",
    ]  # fmt: skip
    data = dict.fromkeys(text_keys, f"{NAAM}, BSN {BSN}, {EMAIL}: {TEKST}")
    data.update(
        maatregelen=[NAAM],
        toegevoegd=[TEKST],
        verwijderd=[BSN],
        dossiers=[{"nummer": "HH-2026-0001", "zorgaanbieder": NAAM, "status": TEKST}],
        _persoonlijk=PERSONAL,
    )
    return data


@pytest.mark.parametrize("event", Event.values)
def test_every_event_has_a_mail_with_number_status_request_and_link(event, regio, settings):
    settings.SITE_URL = "https://handhaving.example.nl"
    context = context_for(
        event=event,
        nummer="HH-2026-0042",
        status="in onderzoek",
        data={"gevraagd": "Geef uw bestuurlijk standpunt", "pad": "/handhaving/dossier/42/"},
        gemeente=regio["GM0268"],
    )
    mail = render(event=event, context=context)
    link = "https://handhaving.example.nl/handhaving/dossier/42/"
    assert mail.onderwerp and "\n" not in mail.onderwerp
    if event != Event.DAGELIJKS_OVERZICHT:  # its rows carry the numbers (test_daily.py)
        assert "HH-2026-0042" in mail.tekst and "Status: in onderzoek" in mail.tekst
    assert "Wat wij van u vragen: Geef uw bestuurlijk standpunt" in mail.tekst
    if event in REPORTER_EVENTS:  # a staff page is no link for the public
        assert "handhaving.example.nl" not in mail.tekst + mail.html
    else:
        assert link in mail.tekst and f'href="{link}"' in mail.html
    assert "Geachte heer, mevrouw" in mail.tekst  # Dutch, from the shared layout


@pytest.mark.parametrize("event", sorted(REPORTER_EVENTS))
def test_a_reporter_gets_a_link_to_a_public_page_or_none(event, settings):
    settings.SITE_URL = "https://handhaving.example.nl"

    def mail(pad):
        data = {"pad": pad, "melder_email": "melder@example.org"}
        context = context_for(event=event, nummer="RMZ-1", status="geregistreerd", data=data)
        return render(event=event, context=context)

    staff = mail("/meldpunt/melding/7/")
    assert "https://" not in staff.tekst + staff.html and "portaal" not in staff.tekst
    public = mail("/melding/reactie/geheim-token/")
    link = "https://handhaving.example.nl/melding/reactie/geheim-token/"
    assert f"Uw persoonlijke link: {link}" in public.tekst and f'href="{link}"' in public.html


def test_without_a_request_the_mail_says_nothing_is_asked(regio, settings):
    context = context_for(
        event=Event.DOSSIER_GESLOTEN, nummer="HH-2026-0042", status="gesloten", data={}
    )
    mail = render(event=Event.DOSSIER_GESLOTEN, context=context)
    assert "Wat wij van u vragen: niets" in mail.tekst
    assert f"{settings.SITE_URL}/\n" in mail.tekst  # no path given: the portal's start


@pytest.mark.parametrize("event", Event.values)
def test_the_check_refuses_every_rendering_that_shows_personal_data(event, regio):
    mail = render(
        event=event, context=context_for(event=event, nummer="HH-2026-0042", status="x",
                                         data=leaky_data(), gemeente=regio["GM0268"])
    )  # fmt: skip
    text = mail.onderwerp + mail.tekst + mail.html
    # Every mail shows at least the request (``gevraagd``), so each one must be refused.
    assert [value for value in PERSONAL if value in text]
    with pytest.raises(PersonalDataInMail):
        check_mail(
            parts=[mail.onderwerp, mail.tekst, mail.html],
            recipient="c@gemeente.example.org",
            personal=PERSONAL,
        )
    # Unlisted, a BSN and a stranger's address are still found; a name cannot be.
    if BSN in text or EMAIL in text:
        with pytest.raises(PersonalDataInMail):
            check_mail(
                parts=[mail.onderwerp, mail.tekst, mail.html],
                recipient="c@gemeente.example.org",
                personal=[],
            )


def test_no_queued_mail_of_any_event_carries_personal_data(regio, make_user):
    """Emit every event with personal data everywhere in its data: every event that mails
    anyone refuses, and its transaction rolls back, so nothing is queued. (Personal data
    passed only under ``_persoonlijk`` and clean other keys: see test_outbox.py.)"""
    for code in ("GM0268", "GM0225"):
        ContactpersoonFactory(gemeente=regio[code], email=f"c.{code.lower()}@gemeente.example.org")
    user = make_user("handhaver")
    user.email = "hh@rob.example.org"
    user.save()
    aanbieder = ZorgaanbiederFactory()
    refused = set()
    for event in Event.values:
        if event in OVERVIEW_EVENTS:
            continue  # built for one contact by the digests (tested there)
        data = {**leaky_data(), "melder_email": "melder@example.org", "user_ids": [user.pk]}
        try:
            with transaction.atomic():
                emit(
                    event,
                    event_id=f"lek:{event}",
                    instance=aanbieder,
                    nummer="HH-2026-0042",
                    status="besluit",
                    domein="wmo",
                    gemeenten=["GM0268", "GM0225"],
                    data=data,
                )
        except PersonalDataInMail:
            refused.add(event)
            assert not Notificatie.objects.filter(event=event).exists()
    mailed = DOSSIER_EVENTS | ARRANGEMENT_EVENTS | REPORTER_EVENTS | INTERNAL_EVENTS
    assert refused == {str(e) for e in mailed}
    assert not Notificatie.objects.exists()
