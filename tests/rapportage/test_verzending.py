"""The half-year report goes to every municipality's contacts as a private link (DVO
Centrumregeling BW/MO art. 3.8 sub a: "Nijmegen verstrekt de regiogemeente twee maal per
jaar geanalyseerde managementrapportages"), with a record of who received it and when
the link was first opened."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import signing
from django.core.management import call_command
from pypdf import PdfReader

from notifications.models import Notificatie, OntbrekendContact, Status
from rapportage import links
from rapportage.distribution import send_half_year_reports
from rapportage.figures import Period
from rapportage.models import Verzending
from rapportage.tasks import send_half_year_reports as half_year_task
from regio.events import Event
from tests.regio.factories import ContactpersoonFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
H1 = Period.half_year(2026, 1)


def at(y, m, d, hh=7, mm=30):
    return time_machine.travel(datetime.datetime(y, m, d, hh, mm, tzinfo=AMSTERDAM), tick=False)


@pytest.fixture
def contacts(regio):
    return {
        "druten": ContactpersoonFactory(
            gemeente=regio["GM0225"], naam="Dirk Druten", email="wmo@druten.example.org"
        ),
        "druten_weg": ContactpersoonFactory(
            gemeente=regio["GM0225"], email="oud@druten.example.org", actief=False
        ),
        "tiel": ContactpersoonFactory(
            gemeente=regio["GM0281"], domeinen=["bw_mo"], email="bwmo@tiel.example.org"
        ),
        "nijmegen_wmo": ContactpersoonFactory(
            gemeente=regio["GM0268"], email="wmo@nijmegen.example.org"
        ),
        "nijmegen_jeugd": ContactpersoonFactory(
            gemeente=regio["GM0268"], domeinen=["jeugd"], email="jeugd@nijmegen.example.org"
        ),
        # Maasdriel takes part in no arrangement (seed 004): no regiogemeente of these.
        "maasdriel": ContactpersoonFactory(
            gemeente=regio["GM0263"], email="wmo@maasdriel.example.org"
        ),
    }


def test_after_a_half_year_every_municipality_contact_gets_a_private_link(contacts, settings):
    settings.SITE_URL = "https://handhaving.example.nl"
    with at(2026, 7, 1):
        sent = send_half_year_reports()
    received = {v.ontvanger: v for v in sent}
    assert set(received) == {
        "wmo@druten.example.org",
        "bwmo@tiel.example.org",
        "wmo@nijmegen.example.org",
        "jeugd@nijmegen.example.org",
    }  # not the inactive contact, not Maasdriel
    druten = received["wmo@druten.example.org"]
    assert (druten.soort, druten.van, druten.tot) == ("halfjaarrapportage", H1.van, H1.tot)
    assert druten.contactpersoon == contacts["druten"] and druten.gemeente.code == "GM0225"
    assert druten.geopend_op is None
    mail = druten.notificatie
    assert mail.event == Event.HALFJAARRAPPORTAGE and mail.status == Status.WACHTEND
    assert mail.ontvanger == "wmo@druten.example.org" and mail.contactpersoon == contacts["druten"]
    assert mail.onderwerp == "Halfjaarrapportage handhaving Druten – eerste halfjaar 2026"
    assert "1 januari 2026 t/m 30 juni 2026" in mail.tekst
    assert "art. 3.8 sub a" in mail.tekst and "werkt tot en met 29 september 2026" in mail.tekst
    link = "https://handhaving.example.nl" + links.path_for(druten)
    assert f"Uw persoonlijke link naar de rapportage: {link}" in mail.tekst
    assert f'href="{link}"' in mail.html and "Bekijk in het portaal" not in mail.html
    assert "Dirk Druten" not in mail.tekst + mail.html  # the contact's own name neither
    # Each contact its own link; a municipality without an active contact is listed.
    nijmegen = [received[f"{d}@nijmegen.example.org"] for d in ("wmo", "jeugd")]
    assert links.path_for(nijmegen[0]) != links.path_for(nijmegen[1])
    missing = OntbrekendContact.objects.filter(event=Event.HALFJAARRAPPORTAGE)
    assert {m.gemeente.code for m in missing} == {
        "GM1945", "GM0209", "GM0214", "GM0216", "GM0252", "GM0944", "GM1740", "GM1960",
        "GM0668", "GM0296",
    }  # fmt: skip
    # A second run (or a second worker) sends nothing twice.
    with at(2026, 7, 1, 8):
        assert send_half_year_reports() == []
    assert Notificatie.objects.filter(event=Event.HALFJAARRAPPORTAGE).count() == 4
    assert Verzending.objects.count() == 4


def test_the_private_link_opens_that_municipality_report_and_records_the_first_open(
    contacts, client
):
    with at(2026, 7, 1):
        sent = {v.ontvanger: v for v in send_half_year_reports()}
    druten = sent["wmo@druten.example.org"]
    url = links.path_for(druten)
    with at(2026, 7, 2, 8):  # a mail server's link checker: not an open
        assert client.head(url).status_code == 200
    druten.refresh_from_db()
    assert druten.geopend_op is None
    with at(2026, 7, 2, 9, 15):
        response = client.get(url)  # no login
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "gemeente Druten" in text and "1 januari 2026 t/m 30 juni 2026" in text
    druten.refresh_from_db()
    first = druten.geopend_op
    assert first == datetime.datetime(2026, 7, 2, 9, 15, tzinfo=AMSTERDAM)
    with at(2026, 7, 3):
        assert client.get(url).status_code == 200
    druten.refresh_from_db()
    assert druten.geopend_op == first  # the first open is kept
    assert sent["bwmo@tiel.example.org"].geopend_op is None  # another's is not opened


def test_the_link_reaches_nothing_else_and_expires(contacts, client):
    with at(2026, 7, 1):
        sent = {v.ontvanger: v for v in send_half_year_reports()}
    druten = sent["wmo@druten.example.org"]
    token = links.path_for(druten).split("/")[-2]
    with at(2026, 7, 2):
        # Altered, or signed for another purpose: not found (not a login page either).
        assert client.get(f"/halfjaarrapportage/{token[:-2]}xx/").status_code == 404
        value = {"verzending": druten.pk, "tot": "2026-09-29"}
        other_salt = signing.Signer(salt="iets anders").sign_object(value)
        assert client.get(f"/halfjaarrapportage/{other_salt}/").status_code == 404
        # Not a key to the staff pages: they still ask for a login.
        assert client.get(f"/rapportage/halfjaar.pdf?token={token}").status_code == 302
    druten.refresh_from_db()
    assert druten.geopend_op is None
    # The link works RAPPORTAGE_LINK_GELDIG_DAGEN (90) days, then says it has expired.
    with at(2026, 9, 29, 23, 59):
        assert client.get(f"/halfjaarrapportage/{token}/").status_code == 200
    with at(2026, 9, 30, 0, 1):
        expired = client.get(f"/halfjaarrapportage/{token}/")
    assert expired.status_code == 410 and "verlopen" in expired.content.decode()
    # A contact made inactive (left the municipality) can no longer open it.
    tiel = sent["bwmo@tiel.example.org"]
    contacts["tiel"].actief = False
    contacts["tiel"].save()
    with at(2026, 7, 2):
        assert client.get(links.path_for(tiel)).status_code == 404


def test_beat_and_command_send_the_half_year_just_ended(contacts):
    entry = settings.CELERY_BEAT_SCHEDULE["halfjaarrapportage"]
    assert entry["task"] == "rapportage.tasks.send_half_year_reports"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.month_of_year == {1, 7} and schedule.day_of_month == {1}
    with at(2027, 1, 1):
        assert half_year_task() == 4
    assert set(Verzending.objects.values_list("van", flat=True)) == {datetime.date(2026, 7, 1)}
    out = io.StringIO()
    call_command("halfjaarrapportage_versturen", jaar=2026, halfjaar=1, stdout=out)
    assert "4 halfjaarrapportage(s) verstuurd." in out.getvalue()
    call_command("halfjaarrapportage_versturen", jaar=2026, halfjaar=1, stdout=out)
    assert "0 halfjaarrapportage(s) verstuurd." in out.getvalue()
