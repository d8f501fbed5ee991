"""The dossier page's folded parts (its forms and rarely read lists) are loaded when
opened, from an address of their own with the page's checks: the same dossier by the same
rule (need to know), for the staff the page shows them to, with the permission the page
asks. The page itself makes the same queries whatever the dossier holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dossieroverleg import services
from tests.clients import client_of

from .conftest import decided_dossier

pytestmark = pytest.mark.django_db
DECIDED = {
    "maatregelen": ["aanwijzing"],
    "datum": timezone.localdate() - datetime.timedelta(days=2),
    "bekendmaking_op": timezone.localdate() - datetime.timedelta(days=1),
}


def part(user, dossier, naam, frame=True):
    headers = {"Turbo-Frame": f"onderdeel-{naam}"} if frame else {}
    return client_of(user).get(
        f"/handhaving/dossier/{dossier.pk}/onderdeel/{naam}/", headers=headers
    )


def test_a_folded_form_is_loaded_in_its_frame_and_posts_to_its_action(people, rob_contract):
    dossier = decided_dossier(people, rob_contract, **DECIDED)
    page = client_of(people["handhaver"]).get(f"/handhaving/dossier/{dossier.pk}/").content.decode()
    assert f"/handhaving/dossier/{dossier.pk}/onderdeel/sluiten/" in page
    assert 'name="reden"' not in page  # not rendered until opened

    response = part(people["handhaver"], dossier, "sluiten")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<turbo-frame id="onderdeel-sluiten"')
    assert f'action="/handhaving/dossier/{dossier.pk}/opvolging/sluiten/"' in html
    assert 'id="id_sluiten_reden"' in html
    # Opened on its own (no JavaScript): a page with the form and the way back.
    alone = part(people["handhaver"], dossier, "sluiten", frame=False).content.decode()
    assert 'id="id_sluiten_reden"' in alone and f"/handhaving/dossier/{dossier.pk}/" in alone


def test_a_folded_part_is_not_found_for_a_secret_dossier_hidden_from_the_user(people, rob_contract):
    dossier = decided_dossier(people, rob_contract, **DECIDED)
    services.set_confidentiality(
        dossier=dossier, by=people["teamleider"], niveau="geheim", reden="Strafrechtelijk"
    )
    assert part(people["handhaver2"], dossier, "termijnen").status_code == 404
    assert part(people["handhaver2"], dossier, "inzet").status_code == 404
    assert part(people["handhaver"], dossier, "termijnen").status_code == 200  # its officer


def test_a_municipality_and_a_missing_permission_get_no_folded_part(people, rob_contract):
    dossier = decided_dossier(people, rob_contract, **DECIDED)
    assert part(people["druten"], dossier, "termijnen").status_code == 403  # involved
    assert part(people["tiel"], dossier, "termijnen").status_code == 404  # not involved
    # Confidentiality is set by who approves advice (the team lead), not the officer.
    assert part(people["handhaver"], dossier, "vertrouwelijkheid").status_code == 403
    assert part(people["teamleider"], dossier, "vertrouwelijkheid").status_code == 200
    assert part(people["handhaver"], dossier, "onbekend").status_code == 404


def dossier_page_queries(user, dossier) -> int:
    client = client_of(user)
    url = f"/handhaving/dossier/{dossier.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_dossier_page_makes_the_same_queries_whatever_the_dossier_holds(people, rob_contract):
    empty = decided_dossier(people, rob_contract, **DECIDED)
    full = decided_dossier(people, rob_contract, **DECIDED)
    today = timezone.localdate()
    services.request_aftercare(dossier=full, by=people["handhaver"], reden="ontbinding")
    services.request_extra_work(
        dossier=full,
        by=people["handhaver"],
        omschrijving="Extra inspecties",
        uiterlijk=today + datetime.timedelta(days=14),
        uren=10,
        bedrag=0,
    )
    services.record_improvement_plan(
        dossier=full,
        by=people["handhaver"],
        ontvangen_op=today,
        omschrijving="Plan",
        herinspectie_op=today + datetime.timedelta(days=30),
    )
    assert dossier_page_queries(people["teamleider"], full) == dossier_page_queries(
        people["teamleider"], empty
    )
