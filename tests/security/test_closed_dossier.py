"""After closure access narrows to those who need it (DVO BW/MO art. 9 lid 1 and 3;
Archiefwet 1995 art. 3; DESIGN 4): a closed dossier's page, its documents and its API
detail are for its officer (behandelaar), the team leads and the privacy officer; everyone
else gets the answer for a dossier they may not see, and does not find it in a list.
Every read of a closed dossier is audit-logged."""

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from dossieroverleg import selectors
from dossieroverleg import services as dossier_services
from meldpunt import services
from privacy.models import AuditRegel
from regio.roles import Rol
from termijnen import services as termijn_services
from tests.dossieroverleg.conftest import decided_dossier

MAY_OPEN = ["handhaver", "teamleider", "privacy"]  # officer, a team lead, the officer FG
MAY_NOT = ["handhaver2", "jurist", "intake", "secretaris", "druten"]


@pytest.fixture
def users(people, make_user):
    return {**people, "privacy": make_user(Rol.PRIVACY, username="fg")}


def _decided(people, rob_contract):
    dossier = decided_dossier(
        people,
        rob_contract,
        maatregelen=["waarschuwing"],
        datum=datetime.date.today(),
        bekendmaking_op=datetime.date.today(),
    )
    document = dossier_services.add_document(
        dossier=dossier,
        by=people["handhaver"],
        upload=services.Upload(naam="notitie.txt", inhoud=b"verslag"),
    )
    return dossier, document


@pytest.fixture
def closed(users, rob_contract, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    dossier, document = _decided(users, rob_contract)
    dossier_services.close_dossier(
        dossier=dossier, by=users["handhaver"], resultaat="geen_maatregel"
    )
    return dossier, document


def _answers(user, dossier, document) -> list[int]:
    client = Client()
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    return [
        client.get(f"/handhaving/dossier/{dossier.pk}/").status_code,
        client.get(f"/handhaving/dossier/{dossier.pk}/document/{document.pk}/").status_code,
        api.get(f"/api/v1/dossiers/{dossier.nummer}/").status_code,
    ]


@pytest.mark.parametrize("role", MAY_OPEN)
def test_officer_team_lead_and_privacy_officer_open_a_closed_dossier_and_each_read_is_logged(
    users, closed, role
):
    dossier, document = closed
    assert _answers(users[role], dossier, document) == [200, 200, 200]
    reads = AuditRegel.objects.filter(
        nummer=dossier.nummer, gebruikersnaam=users[role].username, actie="lezen"
    )
    assert reads.filter(toelichting="gesloten dossier geopend").count() == 3
    assert selectors.visible_dossiers(users[role]).filter(pk=dossier.pk).exists()


@pytest.mark.parametrize("role", MAY_NOT)
def test_others_get_the_answer_for_a_dossier_they_may_not_see_and_do_not_find_it_listed(
    users, closed, rob_contract, role
):
    dossier, document = closed
    assert _answers(users[role], dossier, document) == [404, 404, 404]
    assert not selectors.visible_dossiers(users[role]).filter(pk=dossier.pk).exists()
    client = Client()
    client.force_login(users[role])
    page = client.get("/handhaving/dossiers/")
    assert dossier.nummer not in page.content.decode()


@pytest.mark.parametrize("role", MAY_NOT)
def test_before_closure_the_same_people_open_it(users, rob_contract, settings, tmp_path, role):
    """The narrowing comes with the closure: the same dossier, still open, is theirs to see."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    dossier, document = _decided(users, rob_contract)
    assert _answers(users[role], dossier, document)[0] == 200
    assert not AuditRegel.objects.filter(toelichting="gesloten dossier geopend").exists()


def test_the_officer_who_closed_a_dossier_without_a_case_officer_still_opens_it(
    users, rob_contract, settings, tmp_path
):
    """A dossier worked from the queue may have no case officer: whoever closed it is its
    handler then; a colleague who did not is not."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    dossier, document = _decided(users, rob_contract)
    type(dossier).objects.filter(pk=dossier.pk).update(behandelaar=None)
    dossier_services.close_dossier(
        dossier=type(dossier).objects.get(pk=dossier.pk),
        by=users["handhaver2"],
        resultaat="geen_maatregel",
    )
    assert _answers(users["handhaver2"], dossier, document) == [200, 200, 200]
    assert _answers(users["handhaver"], dossier, document) == [404, 404, 404]


def test_a_co_handler_still_opens_a_closed_dossier_and_sees_its_terms(users, closed):
    """A colleague assigned to the dossier (medebehandelaar) handled it too; the terms
    overview follows the dossier (``selectors.of_visible_dossiers``)."""
    dossier, document = closed
    term = termijn_services.new_term(
        dossier=dossier,
        soort="zienswijze",
        omschrijving="zienswijze",
        start=datetime.date.today(),
        weken=2,
        by=users["teamleider"],
    )
    colleague = users["handhaver2"]
    assert _answers(colleague, dossier, document) == [404, 404, 404]
    assert not selectors.open_deadlines(colleague).filter(pk=term.pk).exists()
    dossier.medebehandelaars.add(colleague)
    assert _answers(colleague, dossier, document) == [200, 200, 200]
    assert selectors.open_deadlines(colleague).filter(pk=term.pk).exists()
