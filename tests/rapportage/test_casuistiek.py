"""Every ROB partner gets a monthly overview of the enforcement casework, without personal
data (samenwerkingsovereenkomst ROB art. 2 lid 2 sub f: "informeren regiogemeenten over
handhavingscasuïstiek"): dossiers per domain and phase, and the providers under
enforcement, never those of a secret dossier; Wijchen only the dossiers on contracts it
is a party to (art. 2 lid 2 sub g)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from dossieroverleg.models import Dossier
from meldpunt.models import Client, Melding
from notifications.models import OntbrekendContact
from rapportage import casework
from rapportage.distribution import send_casework_overviews
from rapportage.figures import Period
from rapportage.models import Verzending
from rapportage.tasks import send_casework_overviews as casework_task
from regio.events import Event
from tests.regio.factories import ContactpersoonFactory, ContractFactory, ZorgaanbiederFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ROB = ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"]
NOVEMBER = Period(datetime.date(2026, 11, 1), datetime.date(2026, 12, 1))


def at(y, m, d, hh=7, mm=30):
    return time_machine.travel(datetime.datetime(y, m, d, hh, mm, tzinfo=AMSTERDAM), tick=False)


def dossier(nummer, naam, domein, parties, status, geopend, **extra):
    aanbieder = ZorgaanbiederFactory(naam=naam)
    contract = ContractFactory(zorgaanbieder=aanbieder, domein=domein, partijen=parties)
    d = Dossier.objects.create(
        nummer=nummer,
        zorgaanbieder=aanbieder,
        domein=domein,
        status=status,
        geopend_op=datetime.datetime(*geopend, 10, tzinfo=AMSTERDAM),
        **extra,
    )
    d.contracten.add(contract)
    d.betrokken_gemeenten.set(contract.gemeenten.all())
    return d


@pytest.fixture
def casework_world(regio):
    without_wijchen = ROB[:-1]
    zorg_a = dossier(
        "HH-2026-0001", "Zorg A", "wmo", without_wijchen, "in_onderzoek", (2026, 11, 5)
    )
    client = Client.objects.create(
        melding=Melding.objects.create(
            nummer="RMZ-2026-00001", kanaal="telefoon", omschrijving="Geen medicatie gekregen"
        ),
        naam="Piet Pietersen",
        bsn="111222333",
    )
    zorg_a.meldingen.add(client.melding)
    dossier("HH-2026-0002", "Jeugdzorg B", "jeugd", ["GM0268", "GM0296"], "besluit", (2026, 10, 1))
    dossier(
        "HH-2026-0003",
        "Geheim Zorg BV",
        "wmo",
        without_wijchen,
        "in_onderzoek",
        (2026, 11, 10),
        vertrouwelijkheid="geheim",
    )
    dossier(
        "HH-2026-0004",
        "Zorg C",
        "wmo",
        without_wijchen,
        "afgesloten",
        (2026, 9, 1),
        afgesloten_op=datetime.datetime(2026, 11, 20, 15, tzinfo=AMSTERDAM),
    )
    dossier("HH-2026-0005", "Opvang D", "bw_mo", ["GM0268"], "in_onderzoek", (2026, 11, 2))
    contacts = {code: ContactpersoonFactory(gemeente=regio[code]) for code in ROB}
    # Not told: a contact for BW/MO only (no ROB domain), and Tiel (no ROB member).
    ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["bw_mo"], email="bwmo@n.example.org")
    ContactpersoonFactory(gemeente=regio["GM0281"], email="wmo@tiel.example.org")
    return contacts


def test_a_rob_partner_sees_dossiers_per_domain_and_phase_and_shareable_providers(
    casework_world, regio
):
    with at(2026, 12, 1):
        data = casework.overview(
            periode=NOVEMBER, gemeente=regio["GM0225"], domeinen=["wmo", "jeugd"]
        )
    assert data["domeinen"] == [
        {
            "domein": "Wmo",
            "geopend": 2,  # Zorg A and the secret one
            "gesloten": 1,  # Zorg C
            "open": 2,
            "fasen": [{"fase": "in onderzoek", "aantal": 2}],
        },
        {
            "domein": "Jeugd",
            "geopend": 0,
            "gesloten": 0,
            "open": 1,
            "fasen": [{"fase": "besluit", "aantal": 1}],
        },
    ]  # BW/MO is no ROB casework
    # By name only what may be shared: not the secret dossier's provider, not a closed one.
    assert data["zorgaanbieders"] == [
        {"naam": "Jeugdzorg B", "domeinen": "Jeugd", "dossiers": 1},
        {"naam": "Zorg A", "domeinen": "Wmo", "dossiers": 1},
    ]
    assert data["beperkt"] is False
    # Druten is no party to Jeugdzorg B's contract: as a ROB partner it is told all the same.
    # Wijchen only about the contracts it is a party to (art. 2 lid 2 sub g).
    wijchen = casework.overview(
        periode=NOVEMBER, gemeente=regio["GM0296"], domeinen=["wmo", "jeugd"]
    )
    assert [(d["domein"], d["geopend"], d["gesloten"], d["open"]) for d in wijchen["domeinen"]] == [
        ("Wmo", 0, 0, 0),
        ("Jeugd", 0, 0, 1),
    ]
    assert [z["naam"] for z in wijchen["zorgaanbieders"]] == ["Jeugdzorg B"]
    assert wijchen["beperkt"] is True


def test_every_rob_partner_gets_the_monthly_overview_by_mail_once(casework_world, regio):
    with at(2026, 12, 1):
        sent = send_casework_overviews()
    assert sorted(v.gemeente.code for v in sent) == sorted(ROB)  # not Tiel, not BW/MO only
    record = next(v for v in sent if v.gemeente.code == "GM0225")
    assert (record.soort, record.van, record.tot) == ("casuistiek", NOVEMBER.van, NOVEMBER.tot)
    assert record.contactpersoon == casework_world["GM0225"]
    assert record.ontvanger == casework_world["GM0225"].email
    mail = record.notificatie
    assert mail.event == Event.CASUISTIEK_OVERZICHT and mail.ontvanger == record.ontvanger
    assert mail.onderwerp == "Handhavingscasuïstiek ROB Rijk van Nijmegen – november 2026"
    text = mail.tekst
    assert "art. 2 lid 2 sub f" in text
    assert "Wmo: 2 geopend en 1 afgesloten in november 2026; 2 open op 1 december 2026" in text
    assert "- in onderzoek: 2" in text and "- besluit: 1" in text
    assert "- Zorg A (Wmo): 1 dossier" in text and "- Jeugdzorg B (Jeugd): 1 dossier" in text
    # No secret provider, no BW/MO, no personal data, no dossier or report numbers.
    for secret in ("Geheim Zorg BV", "Opvang D", "Piet Pietersen", "111222333", "medicatie"):
        assert secret not in text + mail.html + mail.onderwerp
    assert "HH-2026" not in text and "RMZ-2026" not in text
    assert "<td" in mail.html and "Zorg A" in mail.html
    wijchen = next(v for v in sent if v.gemeente.code == "GM0296").notificatie
    assert "alleen om dossiers over regionale contracten waarbij Wijchen partij is" in (
        wijchen.tekst
    )
    assert "Zorg A" not in wijchen.tekst and "Jeugdzorg B" in wijchen.tekst
    # A second run sends nothing twice.
    with at(2026, 12, 1, 9):
        assert send_casework_overviews() == []
    assert Verzending.objects.filter(soort="casuistiek").count() == 7


def test_a_partner_without_a_contact_for_its_domains_is_listed(regio):
    ContactpersoonFactory(gemeente=regio["GM0268"])
    with at(2026, 12, 1):
        sent = send_casework_overviews()
    assert [v.gemeente.code for v in sent] == ["GM0268"]
    missing = OntbrekendContact.objects.filter(event=Event.CASUISTIEK_OVERZICHT)
    assert sorted(m.gemeente.code for m in missing) == sorted(ROB[1:])


def test_beat_and_command_send_the_month_just_ended(casework_world):
    entry = settings.CELERY_BEAT_SCHEDULE["casuistiek-rob"]
    assert entry["task"] == "rapportage.tasks.send_casework_overviews"
    assert entry["schedule"].day_of_month == {1}
    with at(2027, 1, 1):
        assert casework_task() == 7
    assert set(Verzending.objects.values_list("van", flat=True)) == {datetime.date(2026, 12, 1)}
    call_command("casuistiek_versturen", maand="2026-11")
    assert set(Verzending.objects.values_list("van", "tot")) == {
        (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1)),
        (NOVEMBER.van, NOVEMBER.tot),
    }
