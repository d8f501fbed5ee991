"""Requests for erasure (AVG art. 17), restriction (art. 18) and objection (art. 21), and
telling the municipalities concerned of every request about a case (seed 000 Bijlage 1
art. 5.1: "In geval van een verzoek van een betrokkene dat betrekking heeft op een casus
zullen Gemeente elkaar zo spoedig mogelijk daarover informeren en waar nodig bijdragen aan
de behandeling van het verzoek.")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dossieroverleg import services as dossier_services
from meldpunt import services as meldpunt_services
from meldpunt.models import Client, Melding
from notifications.models import Notificatie
from privacy import services
from privacy.models import AuditRegel, Beperking, BetrokkeneVerzoek
from regio.events import VerzoekEvent
from regio.roles import Rol
from tests.dossieroverleg.conftest import report_to_enforcement
from tests.regio.factories import ContactpersoonFactory

BSN = "111222333"  # Piet Pietersen, the client of report_to_enforcement
DRUTEN, TIEL, WIJCHEN = "GM0225", "GM0281", "GM0296"


def ontvangen() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=3)


def mail(event, code) -> Notificatie:
    return Notificatie.objects.get(event=event, ontvanger=f"fg@{code.lower()}.example.org")


def request_mails():
    return Notificatie.objects.filter(event__in=list(VerzoekEvent))


@pytest.fixture
def privacy_user(make_user):
    return make_user(Rol.PRIVACY, username="fg")


@pytest.fixture
def contacts(regio):
    for code in (DRUTEN, TIEL, WIJCHEN):
        ContactpersoonFactory(gemeente=regio[code], email=f"fg@{code.lower()}.example.org")


@pytest.fixture
def dossier(people, rob_contract, regio):
    """A ROB dossier (Wijchen is no party to its contract) on a report located in Wijchen."""
    melding = report_to_enforcement(by=people["intake"], contract=rob_contract)
    Melding.objects.filter(pk=melding.pk).update(vestiging_gemeente=regio[WIJCHEN])
    dossier, _ = dossier_services.open_dossier(melding=melding)
    return dossier


def report_in_tiel(regio, *, naam="Piet Pietersen", bsn=BSN) -> Melding:
    """A report still being handled, without a dossier, about a location in Tiel."""
    return meldpunt_services.receive(
        intake=meldpunt_services.Intake(
            kanaal="telefoon",
            omschrijving="Signaal over zorg in Tiel.",
            domein="wmo",
            nieuwe_zorgaanbieder=meldpunt_services.NieuweZorgaanbieder(naam="Zorg aan de Linge"),
            vestiging_gemeente=regio[TIEL],
            clienten=[meldpunt_services.ClientGegevens(naam=naam, bsn=bsn)],
        )
    )


def request(privacy_user, soort, **person) -> BetrokkeneVerzoek:
    vondst = services.find_person(by=privacy_user, **(person or {"bsn": BSN}))
    return services.register_request(
        by=privacy_user,
        vondst=vondst,
        soort=soort,
        kenmerk="AVG-2026-11",
        ontvangen_op=ontvangen(),
    )


def test_each_municipality_concerned_hears_of_a_request_with_its_own_cases_only(
    dossier, regio, contacts, privacy_user
):
    """Received and answered, told to the municipalities involved in the dossier and to
    the municipality of a report without a dossier; never the person's name or BSN. The
    location of a report behind a ROB dossier (Wijchen, no party) is not told."""
    tiel = report_in_tiel(regio)
    in_dossier = dossier.meldingen.get()
    verzoek = request(privacy_user, BetrokkeneVerzoek.Soort.VERWIJDERING)
    assert verzoek.is_open and verzoek.nummer.startswith("AVG-")

    druten = mail(VerzoekEvent.ONTVANGEN, DRUTEN)
    assert dossier.nummer in druten.tekst and in_dossier.nummer in druten.tekst
    assert tiel.nummer not in druten.tekst
    assert "verwijdering (AVG art. 17)" in druten.tekst and "AVG-2026-11" in druten.tekst
    assert "portaal" not in druten.tekst  # there is no page of ours for them
    told_tiel = mail(VerzoekEvent.ONTVANGEN, TIEL)
    assert tiel.nummer in told_tiel.tekst and dossier.nummer not in told_tiel.tekst
    assert not request_mails().filter(gemeente__code=WIJCHEN).exists()

    with pytest.raises(ValidationError, match="Archiefwet"):
        services.decide_request(verzoek=verzoek, by=privacy_user, toewijzen=True)
    services.decide_request(
        verzoek=verzoek,
        by=privacy_user,
        toewijzen=False,
        reden="Het dossier wordt bewaard volgens de Archiefwet 1995 (AVG art. 17 lid 3 sub b).",
    )
    answered = mail(VerzoekEvent.BEANTWOORD, DRUTEN)
    assert "afgewezen" in answered.tekst and dossier.nummer in answered.tekst
    assert mail(VerzoekEvent.BEANTWOORD, TIEL).tekst.count(tiel.nummer) == 1
    for row in request_mails():
        for part in (row.onderwerp, row.tekst, row.html):
            assert "Pietersen" not in part and BSN not in part
    assert Client.objects.filter(bsn=BSN).count() == 2  # the archive keeps them


def test_a_granted_erasure_erases_what_is_not_part_of_the_record_and_keeps_the_dossier(
    dossier, regio, contacts, privacy_user
):
    """AVG art. 17: the reporter's contact details go, and a report that ended without a
    dossier is anonymised; the dossier's case file stays whole (Archiefwet)."""
    in_dossier = dossier.meldingen.get()
    Melding.objects.filter(pk=in_dossier.pk).update(
        melder_naam="Jan Jansen", melder_email="jan.jansen@voorbeeld.nl"
    )
    ended = report_in_tiel(regio, naam="Jan Jansen", bsn="")
    Melding.objects.filter(pk=ended.pk).update(status="geen_vervolg")
    verzoek = request(privacy_user, BetrokkeneVerzoek.Soort.VERWIJDERING, naam="Jan Jansen")
    assert services.preview(verzoek) == [
        f"{ended.nummer}: melding geanonimiseerd",
        f"{in_dossier.nummer}: contactgegevens van de melder gewist",
    ]

    verzoek = services.decide_request(verzoek=verzoek, by=privacy_user, toewijzen=True)
    assert verzoek.besluit == "toegewezen" and verzoek.beantwoord_door == privacy_user
    kept = Melding.objects.get(pk=in_dossier.pk)
    assert kept.melder_naam == kept.melder_email == ""
    assert kept.omschrijving and kept.clienten.get().naam == "Piet Pietersen"
    assert dossier.meldingen.filter(pk=kept.pk).exists()
    gone = Melding.objects.get(pk=ended.pk)
    assert gone.geanonimiseerd_op and gone.clienten.get().naam == ""
    assert verzoek.uitkomst == [
        f"{ended.nummer}: melding geanonimiseerd",
        f"{in_dossier.nummer}: contactgegevens van de melder gewist",
    ]
    assert AuditRegel.objects.filter(
        actie="anonimiseren", nummer=in_dossier.nummer, toelichting__contains=verzoek.nummer
    ).exists()
    # Told, with what was done in their cases, so that they do the same (AVG art. 19).
    druten = mail(VerzoekEvent.BEANTWOORD, DRUTEN)
    assert "contactgegevens van de melder gewist" in druten.tekst
    assert "AVG art. 19" in druten.tekst and ended.nummer not in druten.tekst
    for row in request_mails():
        assert "Jansen" not in row.tekst and "jan.jansen" not in row.tekst
    with pytest.raises(ValidationError, match="al beslist"):
        services.decide_request(verzoek=verzoek, by=privacy_user, toewijzen=True)


def test_a_granted_restriction_shows_beperkt_and_hides_the_client_but_from_privacy(
    people, dossier, contacts, privacy_user, client_for
):
    """AVG art. 18: the data are kept; every page marks them and only the privacy officer
    still sees them."""
    melding = dossier.meldingen.get()
    intake = client_for(people["intake"])
    assert "Piet Pietersen" in intake.get(f"/meldpunt/melding/{melding.pk}/").content.decode()

    verzoek = request(privacy_user, BetrokkeneVerzoek.Soort.BEPERKING)
    services.decide_request(verzoek=verzoek, by=privacy_user, toewijzen=True)
    client_row = Client.objects.get(bsn=BSN)
    assert Beperking.objects.get(client=client_row).verzoek == verzoek

    page = intake.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "beperkt" in page and "Piet Pietersen" not in page and BSN not in page
    api = intake.get(f"/api/v1/meldingen/{melding.nummer}/").json()
    assert api["clienten"][0]["naam"] == "" and api["clienten"][0]["bsn"] == ""
    assert services.restricted_clients(people["intake"], [client_row.pk]) == {client_row.pk: True}
    assert services.restricted_clients(privacy_user, [client_row.pk]) == {client_row.pk: False}
    found = client_for(privacy_user).post("/privacy/betrokkenen/", {"bsn": BSN, "actie": "zoeken"})
    assert 'class="hh-beperkt"' in found.content.decode()
    assert "cliëntgegevens beperkt" in mail(VerzoekEvent.BEANTWOORD, DRUTEN).tekst


def test_an_objection_is_recorded_and_decided_on_the_page_and_a_refused_form_is_kept(
    dossier, contacts, privacy_user, client_for
):
    """AVG art. 21: recorded with its kind, reference and date; a refusal needs its reason;
    a granted objection stops the processing (the data kept, restricted)."""
    client = client_for(privacy_user)
    post = {
        "bsn": BSN,
        "actie": "verzoek",
        "nieuw-soort": "bezwaar",
        "nieuw-kenmerk": "AVG-2026-12",
        "nieuw-ontvangen_op": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
    }
    refused = client.post("/privacy/betrokkenen/", post)
    html = refused.content.decode()
    assert refused.status_code == 422 and "toekomst" in html.split("hh-error-summary", 1)[1]
    assert 'value="AVG-2026-12"' in html and dossier.nummer in html
    post["nieuw-ontvangen_op"] = ontvangen().isoformat()
    assert client.post("/privacy/betrokkenen/", post).status_code == 302
    verzoek = BetrokkeneVerzoek.objects.get(kenmerk="AVG-2026-12")
    assert verzoek.soort == "bezwaar" and verzoek.ontvangen_op == ontvangen()
    assert "bezwaar tegen de verwerking" in mail(VerzoekEvent.ONTVANGEN, DRUTEN).tekst

    prefix = f"besluit{verzoek.pk}"
    decide = {"actie": "besluit", "verzoek": verzoek.pk, f"{prefix}-besluit": "afgewezen"}
    refused = client.post("/privacy/betrokkenen/", decide)
    assert refused.status_code == 422
    assert "wettelijke grond" in refused.content.decode().split("hh-error-summary", 1)[1]
    assert BetrokkeneVerzoek.objects.get(pk=verzoek.pk).is_open

    decide[f"{prefix}-besluit"] = "toegewezen"
    assert client.post("/privacy/betrokkenen/", decide).status_code == 302
    verzoek = BetrokkeneVerzoek.objects.get(pk=verzoek.pk)
    assert verzoek.besluit == "toegewezen"
    assert verzoek.uitkomst == [
        f"{dossier.meldingen.get().nummer}: verwerking gestaakt, cliëntgegevens beperkt"
    ]
    assert Beperking.objects.filter(verzoek=verzoek).count() == 1


def test_a_correction_is_told_without_the_corrected_values(dossier, contacts, privacy_user):
    client_row = Client.objects.get(bsn=BSN)
    services.correct_client(
        by=privacy_user,
        client=client_row,
        kenmerk="AVG-2026-13",
        ontvangen_op=ontvangen(),
        naam="Piet Pieterse",
    )
    told = mail(VerzoekEvent.BEANTWOORD, DRUTEN)
    assert f"{client_row.melding.nummer}: cliënt gecorrigeerd (naam)" in told.tekst
    assert "Pieterse" not in told.tekst and "AVG art. 16" in told.tekst
