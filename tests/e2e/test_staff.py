import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from juridisch import services as juridisch
from meldpunt import services
from meldpunt.models import Melding, Status
from regio.mandates import DEMO_MANDATE_ROLES, grant_role_mandates
from regio.models import Gemeente
from tests.e2e.test_public_form import serious_violations
from tests.regio.factories import ContractFactory, VestigingFactory, ZorgaanbiederFactory

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROB = ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944"]


def user(username: str, role: str) -> User:
    account = User.objects.create_user(
        username=username, password="a-long-test-password", first_name=username.capitalize()
    )
    account.groups.add(Group.objects.get(name=role))
    return account


@pytest.fixture
def world(live_server):
    call_command("load_regio", verbosity=0)
    # Nijmegen's sub-mandates to the deciding roles, as the demonstration has them.
    grant_role_mandates(
        Gemeente.objects.get(code="GM0268"), DEMO_MANDATE_ROLES, datetime.date(2021, 1, 1)
    )
    aanbieder = ZorgaanbiederFactory(naam="Zorggroep De Waalkant", kvk_nummer="12345678")
    VestigingFactory(zorgaanbieder=aanbieder, naam="Hoofdlocatie")
    contract = ContractFactory(referentie="ROB-WMO-2024-001", zorgaanbieder=aanbieder, partijen=ROB)
    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="Cliënten krijgen hun medicatie niet op tijd.",
            domein="wmo",
            aard="kwaliteit",
            zorgaanbieder=aanbieder,
            contracten=[contract],
            vestiging_gemeente=contract.gemeenten.get(code="GM0268"),
        )
    )
    return {"melding": melding, "contract": contract, "server": live_server}


def test_staff_claim_and_complete_the_weighing_in_the_browser(page, world, shoot):
    user("fatima", "meldpunt")
    server = world["server"]
    login(page, server, "fatima")
    page.goto(f"{server.url}/werk-meldingen/queue/")
    page.wait_for_load_state("networkidle")
    assert "Wegen" in page.content()
    shoot(page, "werkvoorraad")
    melding = world["melding"]
    task = next(t for t in melding_tasks(melding) if t.flow_task.name == "wegen")
    base = f"{server.url}/werk-meldingen/{task.process_id}/wegen/{task.pk}"
    page.goto(f"{base}/assign/")
    with page.expect_navigation():
        page.get_by_role("button", name="Toewijzen", exact=True).or_(
            page.get_by_role("button", name="Assign", exact=True)
        ).click()
    page.goto(f"{base}/execute/")
    choose(page, "aard", "kwaliteit")
    choose(page, "domein", "wmo")
    choose(page, "ernst", "laag")
    choose(page, "aannemelijkheid", "mogelijk")
    page.fill("#id_motivering_control", "Eenmalig signaal, geen patroon.")
    choose(page, "route", "geen_vervolg")
    page.fill("#id_reden_control", "Geen aanwijzingen voor structurele tekortkomingen.")
    shoot(page, "wegen")
    with page.expect_navigation():
        page.locator("form.vf-form .vf-card__actions button").last.click()
    assert Melding.objects.get(pk=melding.pk).status == Status.GEEN_VERVOLG


def choose(page, name: str, value: str) -> None:
    """Pick an option in viewflow's Material select, as a person does: open it, click."""
    page.click(f"vf-field-select[name={name}] .mdc-select__anchor")
    page.click(f"vf-field-select[name={name}] li[data-value='{value}']")


def melding_tasks(melding):
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Task

    return Task.objects.filter(
        process__artifact_object_id=melding.pk,
        process__artifact_content_type=ContentType.objects.get_for_model(melding),
        status__in=["NEW", "ASSIGNED"],
    )


def test_dossier_page_screenshot(page, world, shoot):
    from dossieroverleg import services as dossier_services

    intake = user("ingrid", "meldpunt")
    handhaver = user("hanna", "handhaver")
    melding = services.weigh(
        melding=world["melding"],
        by=intake,
        invoer=services.WegingInvoer(
            aard="kwaliteit",
            domein="wmo",
            ernst="acuut",
            aannemelijkheid="aannemelijk",
            motivering="Meerdere cliënten zonder medicatie.",
            route="naar_handhaving",
            contracten=[world["contract"]],
        ),
    )
    melding = services.route(melding=melding, by=intake)
    dossier, _ = dossier_services.open_dossier(melding=melding)
    from django.utils import timezone

    dossier_services.add_activity(
        dossier=dossier,
        by=handhaver,
        soort="onaangekondigd_bezoek",
        datum=timezone.localdate(),
        uitgevoerd_door="Hanna",
        bevindingen="Medicatielijsten niet bijgehouden.",
    )
    login(page, world["server"], "hanna")
    page.goto(f"{world['server'].url}/handhaving/dossier/{dossier.pk}/")
    page.wait_for_selector("text=Betrokken gemeenten")
    assert dossier.nummer in page.content() and "URGENT" in page.content()
    assert serious_violations(page, ".hh-card") == []
    shoot(page, "dossier")


def test_dashboard_screenshot(page, world, shoot):
    user("theo", "teamleider")
    login(page, world["server"], "theo")
    page.goto(f"{world['server'].url}/rapportage/dashboard/")
    page.wait_for_selector("svg")
    assert "Dashboard" in page.content()
    shoot(page, "dashboard")


def test_legal_follow_up_in_the_browser_and_the_municipality_portal(page, world, shoot):
    """A jurist records an objection on the trajectory page (its term shown past Easter
    Monday); the deadline overview lists it; Druten gives its position in its portal."""
    import datetime

    from django.utils import timezone

    from dossieroverleg import services as dossier_services
    from regio.models import Gebruiker
    from tests.dossieroverleg.conftest import decided_dossier

    people = {
        name: user(name, role)
        for name, role in [
            ("intake", "meldpunt"),
            ("handhaver", "handhaver"),
            ("teamleider", "teamleider"),
            ("teamleider2", "teamleider"),
            ("voorzitter", "overleg"),
            ("secretaris", "overleg"),
            ("jurist", "jurist"),
            ("druten", "gemeente"),
        ]
    }
    Gebruiker.objects.create(user=people["druten"], gemeente=Gemeente.objects.get(code="GM0225"))
    today = timezone.localdate()
    dossier = decided_dossier(
        people,
        world["contract"],
        maatregelen=["last_onder_dwangsom"],
        datum=today,
        bekendmaking_op=today,
    )
    traject = juridisch.open_trajectory(
        dossier=dossier, maatregel="last_onder_dwangsom", by=people["jurist"]
    )
    dossier_services.request_extra_work(
        dossier=dossier,
        by=people["handhaver"],
        omschrijving="Extra juridische ondersteuning (40 uur)",
        uiterlijk=today + datetime.timedelta(days=14),
        uren=40,
    )
    server = world["server"].url
    login(page, world["server"], "jurist")
    page.goto(f"{server}/handhaving/traject/{traject.pk}/")
    page.locator("summary", has_text="Bezwaarschrift ontvangen").click()
    page.fill("#id_bezwaar_ontvangen_op", today.isoformat())
    page.locator("form:has(#id_bezwaar_ontvangen_op) button[type=submit]").click()
    page.wait_for_selector("text=bezwaar in behandeling")
    assert "Beslissen op bezwaar" in page.content()
    assert serious_violations(page, ".hh-card") == []
    shoot(page, "traject")
    page.goto(f"{server}/handhaving/termijnen/")
    page.wait_for_selector("td:has-text('Beslissen op bezwaar')")
    assert serious_violations(page, ".hh-card") == []
    shoot(page, "termijnen")

    page.context.clear_cookies()
    login(page, world["server"], "druten")
    page.goto(f"{server}/portaal/")
    page.wait_for_selector("text=Bestuurlijk standpunt over meerwerk")
    assert serious_violations(page, ".hh-card") == []
    page.locator("input[name=standpunt][value=akkoord]").first.check()
    page.locator("form:has(input[name=standpunt]) button[type=submit]").first.click()
    page.wait_for_selector("text=het standpunt van uw gemeente is vastgelegd")
    shoot(page, "portaal")
    standpunt = dossier.meerwerk.get().standpunten.get(gemeente__code="GM0225")
    assert standpunt.standpunt == "akkoord" and standpunt.door == people["druten"]
