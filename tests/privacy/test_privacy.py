"""Need-to-know access, the audit log, data-subject requests, data breaches and
destruction."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError
from django.utils import timezone

from dossieroverleg import services as dossier_services
from dossieroverleg.models import Dossier
from meldpunt.models import Client, Melding
from notifications.models import Notificatie
from privacy import archive, services
from privacy.models import AuditRegel, BetrokkeneVerzoek, Vernietigingslijst
from regio.events import Event
from regio.roles import Rol
from tests.dossieroverleg.conftest import report_to_enforcement
from tests.regio.factories import ContactpersoonFactory


@pytest.fixture
def dossier(people, rob_contract):
    melding = report_to_enforcement(by=people["intake"], contract=rob_contract)
    dossier, _ = dossier_services.open_dossier(melding=melding)
    dossier_services.assign_officer(
        dossier=dossier, behandelaar=people["handhaver"], by=people["teamleider"]
    )
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def privacy_user(make_user):
    return make_user(Rol.PRIVACY, username="fg")


def test_reads_downloads_and_changes_are_in_the_audit_log(people, dossier, client_for):
    melding = dossier.meldingen.get()
    client = client_for(people["intake"])
    assert client.get(f"/meldpunt/melding/{melding.pk}/").status_code == 200
    row = AuditRegel.objects.filter(actie="lezen", nummer=melding.nummer).latest("id")
    assert row.gebruikersnaam == "intake" and "melder_naam" in row.velden
    assert row.ip == "127.0.0.1" and row.pad == "/meldpunt/melding/<int:pk>/"
    client_for(people["handhaver"]).get(f"/handhaving/dossier/{dossier.pk}/")
    assert AuditRegel.objects.filter(
        actie="lezen", nummer=dossier.nummer, gebruikersnaam="handhaver"
    ).exists()
    # A change (the officer's assignment emitted no event; opening did).
    assert AuditRegel.objects.filter(actie="wijzigen", nummer=dossier.nummer).exists()
    # No personal data of the client in any audit row.
    assert not AuditRegel.objects.filter(toelichting__icontains="Pietersen").exists()


@pytest.mark.postgres
def test_the_audit_log_refuses_update_and_delete_on_postgresql(people, dossier):
    row = AuditRegel.objects.first()
    for statement in (
        "UPDATE privacy_auditregel SET gebruikersnaam = 'iemand' WHERE id = %s",
        "DELETE FROM privacy_auditregel WHERE id = %s",
    ):
        refused = pytest.raises((InternalError, ProgrammingError), match="Cannot update or delete")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [row.pk])
    assert AuditRegel.objects.get(pk=row.pk).gebruikersnaam == row.gebruikersnaam


def test_the_audit_page_searches_per_person_and_only_for_privacy(
    people, dossier, privacy_user, client_for
):
    melding = dossier.meldingen.get()
    client_for(people["intake"]).get(f"/meldpunt/melding/{melding.pk}/")
    page = client_for(privacy_user).post("/privacy/auditlog/", {"bsn": "111222333"})
    html = page.content.decode()
    assert page.status_code == 200 and melding.nummer in html and "intake" in html
    # The search on a person is itself audited, without the BSN.
    search = AuditRegel.objects.filter(actie="zoeken").latest("id")
    assert search.velden == ["bsn"] and "111222333" not in search.toelichting
    assert client_for(people["teamleider"]).get("/privacy/auditlog/").status_code == 403


@pytest.mark.parametrize("url", ["/privacy/auditlog/", "/privacy/betrokkenen/"])
def test_a_search_by_person_answers_200_and_a_refused_one_422(
    url, people, dossier, privacy_user, client_for
):
    """The person searches are plain form posts (not through Turbo, whose middleware turns
    every page shown after a POST into a 422): a result is a 200, a refusal a 422."""
    client = client_for(privacy_user)
    page = client.get(url).content.decode()
    assert page.count('method="post" data-turbo="false"') >= 1
    found = client.post(url, {"bsn": "111222333", "actie": "zoeken"})
    assert found.status_code == 200 and dossier.meldingen.get().nummer in found.content.decode()
    refused = client.post(url, {"bsn": "123456789", "actie": "zoeken"})  # fails the elfproef
    assert refused.status_code == 422 and "elfproef" in refused.content.decode()


def test_inspection_and_correction_of_a_data_subject(people, dossier, privacy_user, client_for):
    vondst = services.find_person(by=privacy_user, bsn="111222333")
    assert [m.pk for m in vondst.meldingen] == list(dossier.meldingen.values_list("pk", flat=True))
    assert vondst.dossiers == [dossier]
    client = client_for(privacy_user)
    response = client.post(
        "/privacy/betrokkenen/",
        {
            "bsn": "111222333",
            "actie": "inzage",
            "kenmerk": "AVG-2026-7",
            "ontvangen_op": "2026-11-20",
        },
    )
    body = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert body["meldingen"][0]["als_client"][0]["naam"] == "Piet Pietersen"
    assert body["dossiers"][0]["nummer"] == dossier.nummer
    verzoek = BetrokkeneVerzoek.objects.get(kenmerk="AVG-2026-7")
    assert verzoek.soort == "inzage" and dossier.nummer in verzoek.gevonden
    assert AuditRegel.objects.filter(actie="inzage", nummer=dossier.nummer).exists()

    client_row = Client.objects.get(bsn="111222333")
    with pytest.raises(ValidationError):
        services.correct_client(
            by=privacy_user,
            client=client_row,
            kenmerk="AVG-2026-8",
            ontvangen_op=datetime.date(2026, 11, 21),
            bsn="123456789",  # fails the elfproef
        )
    services.correct_client(
        by=privacy_user,
        client=client_row,
        kenmerk="AVG-2026-8",
        ontvangen_op=datetime.date(2026, 11, 21),
        naam="Piet Pieterse",
    )
    assert Client.objects.get(pk=client_row.pk).naam == "Piet Pieterse"
    row = AuditRegel.objects.filter(actie="correctie").latest("id")
    assert row.velden == ["client.naam"] and "Pieterse" not in row.toelichting
    with pytest.raises(PermissionDenied):
        services.find_person(by=people["intake"], bsn="111222333")


def test_a_data_breach_tells_the_municipalities_of_the_cases(people, dossier, privacy_user, regio):
    ContactpersoonFactory(gemeente=regio["GM0225"], email="fg@druten.example.org")
    lek = services.register_breach(
        by=privacy_user,
        omschrijving="Een mail met een dossieroverzicht ging naar een verkeerde ontvanger.",
        ontdekt_op=timezone.now() - datetime.timedelta(hours=2),
        dossiers=[dossier],
    )
    assert "GM0225" in lek.gemeenten and "GM0296" not in lek.gemeenten  # Wijchen: no party
    mail = Notificatie.objects.get(event=Event.DATALEK, ontvanger="fg@druten.example.org")
    assert "24 uur" in mail.tekst and "Pietersen" not in mail.tekst
    with pytest.raises(ValidationError):
        services.register_breach(
            by=privacy_user, omschrijving="x", ontdekt_op=timezone.now(), dossiers=[]
        )


def test_destruction_of_a_due_dossier_with_a_statement(
    people, dossier, privacy_user, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    melding = dossier.meldingen.get()
    Dossier.objects.filter(pk=dossier.pk).update(
        status="afgesloten",
        afgesloten_op=timezone.now() - datetime.timedelta(days=6 * 365),
        resultaat="geen_maatregel",
        archiefnominatie="vernietigen",
        archiefactiedatum=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert list(archive.due_for_destruction()) == [Dossier.objects.get(pk=dossier.pk)]
    with pytest.raises(PermissionDenied):
        archive.create_batch(by=people["teamleider"])
    lijst = archive.create_batch(by=privacy_user)
    assert [i.nummer for i in lijst.items.all()] == [dossier.nummer]
    assert list(archive.due_for_destruction()) == []  # on a list under review
    archive.approve_batch(lijst=lijst, by=privacy_user)
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not Melding.objects.filter(pk=melding.pk).exists()
    lijst = Vernietigingslijst.objects.get(pk=lijst.pk)
    assert lijst.status == "vernietigd" and lijst.verklaring.read().startswith(b"%PDF")
    assert AuditRegel.objects.filter(actie="vernietigen", nummer=dossier.nummer).exists()
    with pytest.raises(ValidationError):
        archive.approve_batch(lijst=lijst, by=privacy_user)


def test_closing_sets_the_archive_date_from_the_result_type(people, dossier):
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(status="nazorg")
    dossier_services.close_dossier(
        dossier=Dossier.objects.get(pk=dossier.pk),
        by=people["handhaver"],
        resultaat="teruggevorderd",
    )
    closed = Dossier.objects.get(pk=dossier.pk)
    assert closed.archiefnominatie == "vernietigen"
    assert closed.archiefactiedatum == timezone.localdate(closed.afgesloten_op).replace(
        year=closed.afgesloten_op.year + 10
    )


def test_a_secret_dossier_is_for_its_officers_and_a_municipality_sees_only_that_it_exists(
    people, dossier, client_for
):
    dossier_services.set_confidentiality(
        dossier=dossier,
        by=people["teamleider"],
        niveau="geheim",
        medebehandelaars=[people["jurist"]],
        reden="Strafrechtelijk onderzoek",
    )
    url = f"/handhaving/dossier/{dossier.pk}/"
    assert client_for(people["handhaver"]).get(url).status_code == 200  # the officer
    assert client_for(people["jurist"]).get(url).status_code == 200  # assigned
    assert client_for(people["teamleider2"]).get(url).status_code == 200  # a team lead
    assert client_for(people["handhaver2"]).get(url).status_code == 404
    assert client_for(people["intake"]).get(url).status_code == 404
    listing = client_for(people["handhaver2"]).get("/handhaving/dossiers/").content.decode()
    assert dossier.nummer not in listing
    druten = client_for(people["druten"])
    page = druten.get(url).content.decode()
    assert "vertrouwelijk" in page and dossier.zorgaanbieder.naam not in page
    listing = druten.get("/handhaving/dossiers/").content.decode()
    assert dossier.nummer in listing and dossier.zorgaanbieder.naam not in listing
    api = druten.get(f"/api/v1/dossiers/{dossier.nummer}/").json()
    assert api == {"nummer": dossier.nummer, "vertrouwelijk": True}
    with pytest.raises(PermissionDenied):
        dossier_services.set_confidentiality(
            dossier=dossier, by=people["handhaver"], niveau="openbaar", reden="x"
        )


def test_a_correction_through_the_page_is_its_own_form_and_a_refused_one_is_kept(
    people, dossier, privacy_user, client_for
):
    """The correction's name and BSN fields are the client's own (prefixed), not the
    search's; a refused correction shows the page again with what was found and typed."""
    client_row = Client.objects.get(bsn="111222333")
    prefix = f"correctie{client_row.pk}"
    client = client_for(privacy_user)
    post = {
        "bsn": "111222333",
        "actie": "correctie",
        "client": client_row.pk,
        f"{prefix}-kenmerk": "AVG-2026-9",
        f"{prefix}-ontvangen_op": "2026-11-21",
        f"{prefix}-bsn": "123456789",  # fails the elfproef
    }
    refused = client.post("/privacy/betrokkenen/", post)
    html = refused.content.decode()
    assert refused.status_code == 422
    assert "elfproef" in html.split('class="hh-error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'value="AVG-2026-9"' in html and dossier.nummer in html  # typed and found, kept
    assert Client.objects.get(pk=client_row.pk).bsn == "111222333"

    post[f"{prefix}-bsn"] = ""
    post[f"{prefix}-naam"] = "Piet Pieterse"
    done = client.post("/privacy/betrokkenen/", post)
    assert done.status_code == 302
    assert Client.objects.get(pk=client_row.pk).naam == "Piet Pieterse"
    assert BetrokkeneVerzoek.objects.filter(kenmerk="AVG-2026-9", soort="correctie").exists()
