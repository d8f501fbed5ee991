"""A municipality reports a signal about a provider in its portal: it enters the Meldpunt's
queue like any report, and the portal shows the municipality its own signals only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meldpunt import services
from meldpunt.models import Kanaal, Melding
from regio.roles import Rol

from .test_flow import open_task

DRUTEN, TIEL = "GM0225", "GM0281"


@pytest.fixture
def druten(make_user, regio):
    return make_user(Rol.GEMEENTE, username="druten", gemeente=regio[DRUTEN])


@pytest.fixture
def tiel(make_user, regio):
    return make_user(Rol.GEMEENTE, username="tiel", gemeente=regio[TIEL])


def portal(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def signal(client, **values):
    data = {
        "nieuwe_zorgaanbieder_naam": "Dagbesteding De Maasoever",
        "domein": "wmo",
        "omschrijving": "Ouders melden dat de dagbesteding vaak dicht is.",
        **values,
    }
    return client.post("/portaal/signalen/nieuw/", data)


def test_a_municipalitys_signal_enters_the_meldpunt_queue(druten, regio, aanbieder):
    client = portal(druten)
    assert client.get("/portaal/signalen/nieuw/").status_code == 200
    upload = SimpleUploadedFile("brief.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = signal(
        client,
        nieuwe_zorgaanbieder_naam="",
        zorgaanbieder=aanbieder.pk,
        vestiging_gemeente=regio[DRUTEN].pk,
        bijlagen=upload,
    )
    assert response.status_code == 302 and response["Location"] == "/portaal/signalen/"
    melding = Melding.objects.get()
    assert melding.kanaal == Kanaal.GEMEENTE and melding.gemeld_door_gemeente.code == DRUTEN
    assert melding.zorgaanbieder == aanbieder and melding.aangemaakt_door == druten
    assert melding.status == "geregistreerd" and melding.nummer
    assert melding.bijlagen.get().naam == "brief.pdf"
    assert not melding.melder_email and not melding.clienten.exists()
    assert open_task(melding, "wegen")  # in the Meldpunt's work queue, as any report
    listed = client.get("/portaal/signalen/", follow=True).content.decode()
    assert melding.nummer in listed and "het meldpunt weegt het signaal" in listed


def test_a_municipality_sees_its_own_signals_only(druten, tiel, regio, intaker):
    """Municipalities share personal data only where the purpose needs it (seed 000
    Bijlage 1 art. 1.5): a municipality's portal lists its own signals, not another's, and
    not the reports of other channels about the same provider."""
    signal(portal(druten))
    signal(portal(tiel), nieuwe_zorgaanbieder_naam="Thuiszorg Lingewaard")
    druten_signaal = Melding.objects.get(gemeld_door_gemeente__code=DRUTEN)
    services.receive(  # a report of another channel about the same provider
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="Signaal.",
            domein="wmo",
            zorgaanbieder=druten_signaal.zorgaanbieder,
        )
    )
    seen_by_druten = portal(druten).get("/portaal/signalen/").content.decode()
    seen_by_tiel = portal(tiel).get("/portaal/signalen/").content.decode()
    assert "Dagbesteding De Maasoever" in seen_by_druten
    assert "Thuiszorg Lingewaard" not in seen_by_druten
    assert "Thuiszorg Lingewaard" in seen_by_tiel
    assert "Dagbesteding De Maasoever" not in seen_by_tiel
    assert seen_by_druten.count("RMZ-") == 1
    # Staff have the Meldpunt's pages; the portal is for municipalities.
    assert portal(intaker).get("/portaal/signalen/").status_code == 403


def test_the_portal_says_to_whom_a_signal_was_forwarded(druten, regio, intaker):
    signal(portal(druten))
    melding = Melding.objects.get()
    melding = services.weigh(
        melding=melding,
        by=intaker,
        invoer=services.WegingInvoer(
            aard="kwaliteit",
            domein="wmo",
            ernst="laag",
            aannemelijkheid="mogelijk",
            motivering="Lokale dagbesteding.",
            route="doorgeleid",
            doorgeleid_aan="gemeente",
            doorgeleid_aan_gemeente=regio[DRUTEN],
            reden="Dagbesteding is een lokale Wmo-taak.",
        ),
    )
    services.route(melding=melding, by=intaker)
    listed = portal(druten).get("/portaal/signalen/").content.decode()
    assert "Doorgeleid aan lokale gemeente (Druten), die erover gaat." in listed
    assert "Lokale dagbesteding." not in listed


def test_a_signal_without_a_provider_is_refused_and_what_was_typed_stays(druten):
    response = signal(portal(druten), nieuwe_zorgaanbieder_naam="")
    assert response.status_code == 422
    text = response.content.decode()
    assert "Kies een bestaande zorgaanbieder of vul een nieuwe naam in." in text
    assert "Ouders melden dat de dagbesteding vaak dicht is." in text
    assert not Melding.objects.exists()
