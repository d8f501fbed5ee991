"""A refused staff form shows its page again (422) with what is wrong on top and at the
field, and keeps what was typed: the dossier's, a trajectory's, a meeting's and the
privacy officer's forms, like the task forms."""

import datetime

import pytest
from django.utils import timezone

from dossieroverleg import services
from dossieroverleg.models import Overleg
from tests.clients import client_of

from .conftest import decided_dossier

pytestmark = pytest.mark.django_db
DECIDED = {
    "maatregelen": ["aanwijzing"],
    "datum": timezone.localdate() - datetime.timedelta(days=2),
    "bekendmaking_op": timezone.localdate() - datetime.timedelta(days=1),
}


def summary_of(response) -> str:
    html = response.content.decode()
    return html.split('class="hh-error-summary"', 1)[1].split("</div>", 1)[0]


def test_a_service_refusal_on_the_dossier_page_is_on_top_and_the_reason_is_kept(
    people, rob_contract
):
    dossier = decided_dossier(people, rob_contract, **DECIDED)
    from juridisch import services as juridisch

    juridisch.open_trajectory(dossier=dossier, maatregel="aanwijzing", by=people["jurist"])
    response = client_of(people["handhaver"]).post(
        f"/handhaving/dossier/{dossier.pk}/opvolging/sluiten/",
        {"resultaat": "", "reden": "Alles is geregeld."},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Alles is geregeld." in html
    assert 'href="#id_sluiten_resultaat"' in summary_of(response)
    assert "<details open>" in html  # the folded form is open where the error is


def test_a_refused_trajectory_step_keeps_its_values(people, rob_contract):
    from juridisch import services as juridisch

    dossier = decided_dossier(people, rob_contract, **DECIDED)
    traject = juridisch.open_trajectory(
        dossier=dossier,
        maatregel="aanwijzing",
        by=people["jurist"],
        voornemen_op=timezone.localdate(),
    )
    response = client_of(people["jurist"]).post(
        f"/handhaving/traject/{traject.pk}/besluit/",
        {"datum": "", "bekendmaking_op": "", "toelichting": "Besluit volgt op de zienswijze."},
    )
    assert response.status_code == 422
    assert "Besluit volgt op de zienswijze." in response.content.decode()
    assert 'href="#id_besluit_' in summary_of(response)


def test_a_meeting_refuses_an_attendee_without_a_name_and_keeps_the_discipline(people):
    overleg = services.plan_meeting(
        datum=timezone.now(),
        voorzitter=people["voorzitter"],
        secretaris=people["secretaris"],
        by=people["secretaris"],
    )
    response = client_of(people["secretaris"]).post(
        f"/handhaving/overleg/{overleg.pk}/deelnemer/", {"naam": "", "discipline": "juridisch"}
    )
    assert response.status_code == 422
    assert 'href="#id_naam"' in summary_of(response)
    assert '<option value="juridisch" selected>' in response.content.decode()
    assert Overleg.objects.get(pk=overleg.pk).deelnemers.count() == 0


def test_a_municipality_sets_how_its_contact_is_told_in_the_portal(people, regio):
    """ADR 0007: per domain, status changes at once instead of in the daily overview;
    chosen by the municipality itself, for its own contacts only."""
    from regio.models import Contactpersoon
    from tests.regio.factories import ContactpersoonFactory

    eigen = ContactpersoonFactory(gemeente=regio["GM0225"], domeinen=["wmo", "jeugd"])
    ander = ContactpersoonFactory(gemeente=regio["GM0296"], domeinen=["wmo"])
    client = client_of(people["druten"])
    page = client.get("/portaal/").content.decode()
    assert eigen.naam in page and ander.naam not in page
    done = client.post(
        f"/portaal/berichten/{eigen.pk}/",
        {"direct_domeinen": ["jeugd"], "wekelijks_overzicht": "on"},
    )
    assert done.status_code == 302
    eigen = Contactpersoon.objects.get(pk=eigen.pk)
    assert eigen.direct_domeinen == ["jeugd"] and eigen.wekelijks_overzicht
    assert eigen.wil_direct("jeugd") and not eigen.wil_direct("wmo")
    # A domain the contact does not cover is refused at the field; another municipality's
    # contact is not found.
    refused = client.post(f"/portaal/berichten/{eigen.pk}/", {"direct_domeinen": ["bw_mo"]})
    assert refused.status_code == 422
    assert f'href="#id_berichten{eigen.pk}_direct_domeinen' in summary_of(refused)
    assert client.post(f"/portaal/berichten/{ander.pk}/", {}).status_code == 404
