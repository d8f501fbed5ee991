"""A dossier from an acute report to the college's decision, through a meeting with two
dossiers on its agenda and the loop back to investigation; by the UI and by the API."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossieroverleg import services
from dossieroverleg.models import Dossier, Overleg, Status

from .conftest import report_to_enforcement


def tasks_of(obj):
    return Task.objects.filter(
        process__artifact_object_id=obj.pk,
        process__artifact_content_type=ContentType.objects.get_for_model(obj),
    )


def open_task(obj, name):
    found = [
        t
        for t in tasks_of(obj).filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        if t.flow_task.name == name
    ]
    assert found, f"no open task {name}; open: {list(tasks_of(obj).filter(status='NEW'))}"
    return found[0]


def reload(dossier):
    return Dossier.objects.get(pk=dossier.pk)


class Driver:
    """Completes tasks the way a person would, through the UI or the API."""

    def __init__(self, channel, client_factory):
        self.channel = channel
        self.client_factory = client_factory

    def complete(self, user, obj, name, data, expect=200):
        task = open_task(obj, name)
        if self.channel == "api":
            api = APIClient()
            api.force_authenticate(user)
            response = api.post(f"/api/v1/taken/{task.pk}/voltooien/", data, format="json")
            assert response.status_code == expect, response.content
            return response
        client = self.client_factory()
        client.force_login(user)
        app = "werk-handhaving" if isinstance(obj, Dossier) else "werk-meldingen"
        base = f"/{app}/{task.process_id}/{name}/{task.pk}"
        if task.status == STATUS.NEW:
            response = client.post(f"{base}/assign/")
            if expect != 200:
                assert response.status_code in (403, 404) or task.owner_id is None
                return response
            assert response.status_code == 302, response.status_code
        response = client.post(f"{base}/execute/", data)
        if expect == 200:
            assert response.status_code == 302, response.content.decode()[:2000]
        return response


@pytest.fixture(params=["ui", "api"])
def driver(request, client_factory):
    return Driver(request.param, client_factory)


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def activity(client_factory, user, dossier, bevindingen):
    client = client_factory()
    client.force_login(user)
    response = client.post(
        f"/handhaving/dossier/{dossier.pk}/activiteit/",
        {
            "soort": "onaangekondigd_bezoek",
            "datum": timezone.localdate().isoformat(),
            "uitgevoerd_door": "Team handhaving",
            "bevindingen": bevindingen,
        },
    )
    assert response.status_code == 302


def meeting_action(client_factory, user, overleg, action, **data):
    client = client_factory()
    client.force_login(user)
    response = client.post(f"/handhaving/overleg/{overleg.pk}/{action}/", data)
    assert response.status_code == 302
    return response


def test_acute_report_to_decision_through_a_meeting_with_two_dossiers(
    driver, client_factory, people, rob_contract, second_contract
):
    # Two dossiers: one from an acute report, one ordinary.
    acuut = report_to_enforcement(by=people["intake"], contract=rob_contract, ernst="acuut")
    gewoon = report_to_enforcement(by=people["intake"], contract=second_contract)
    services.open_dossier(melding=acuut)
    from workflows.flows import HandhavingFlow

    first = Dossier.objects.get(meldingen=acuut)
    HandhavingFlow.start.run(dossier=first)
    second, _ = services.open_dossier(melding=gewoon)
    HandhavingFlow.start.run(dossier=second)
    assert first.is_urgent and not second.is_urgent

    for dossier, finding in (
        (first, "Cliënten zonder toezicht."),
        (second, "Dossiers onvolledig."),
    ):
        activity(client_factory, people["handhaver"], dossier, finding)
        driver.complete(people["handhaver"], dossier, "onderzoek", {"toelichting": finding})

    secretaris = people["secretaris"]
    overleg = services.plan_meeting(
        datum=timezone.now(),  # held today: not before its date
        voorzitter=people["voorzitter"],
        secretaris=secretaris,
        by=secretaris,
        deelnemers=[("Mr. Jurist", "juridisch"), ("Contractbeheerder", "contractmanagement")],
    )
    # One door: the secretary puts each dossier on the agenda on the meeting page, and the
    # flow follows (no task of its own that could disagree with the dossier's status).
    for dossier in (first, second):
        assert not tasks_of(dossier).filter(flow_task_type="HUMAN", status=STATUS.NEW).exists()
        meeting_action(client_factory, secretaris, overleg, "agenderen", dossier=dossier.pk)
    assert overleg.agendapunten.count() == 2
    assert {reload(first).status, reload(second).status} == {Status.GEAGENDEERD}

    meeting_action(client_factory, secretaris, overleg, "agenda-vaststellen")
    meeting_action(client_factory, secretaris, overleg, "gehouden")
    punt_first = overleg.agendapunten.get(dossier=first)
    punt_second = overleg.agendapunten.get(dossier=second)
    meeting_action(
        client_factory,
        secretaris,
        overleg,
        "conclusie",
        punt=punt_first.pk,
        conclusie="advies_voorbereiden",
        maatregelen=["aanwijzing", "last_onder_dwangsom"],
        toelichting="Veiligheid in het geding.",
    )
    meeting_action(
        client_factory,
        secretaris,
        overleg,
        "conclusie",
        punt=punt_second.pk,
        conclusie="meer_onderzoek",
        toelichting="Eerst GGD-rapport afwachten.",
    )
    meeting_action(client_factory, secretaris, overleg, "verslag-vaststellen")
    assert Overleg.objects.get(pk=overleg.pk).status == "verslag_vastgesteld"

    # The loop back: more research for the second dossier, a new investigation task.
    assert reload(second).status == Status.IN_ONDERZOEK
    assert open_task(second, "onderzoek")
    assert reload(first).status == Status.ADVIES

    # Advice by the case officer; the author cannot review; another team lead approves.
    driver.complete(
        people["handhaver"],
        first,
        "advies_opstellen",
        {
            "maatregelen": ["aanwijzing", "last_onder_dwangsom"],
            "motivering": "Herhaalde tekortkomingen in het toezicht.",
            "juridische_grondslag": "Wmo 2015 art. 6.1; Awb art. 5:32",
        },
    )
    driver.complete(
        people["teamleider"],
        first,
        "advies_beoordelen",
        {"besluit": "afwijzen", "toelichting": "Termijn aanwijzing ontbreekt."},
    )
    driver.complete(
        people["handhaver"],
        first,
        "advies_opstellen",
        {
            "maatregelen": ["aanwijzing"],
            "motivering": "Aanwijzing met termijn van 6 weken.",
            "juridische_grondslag": "Wmo 2015 art. 6.1",
        },
    )
    driver.complete(people["teamleider"], first, "advies_beoordelen", {"besluit": "goedkeuren"})

    today = timezone.localdate()
    driver.complete(
        people["teamleider2"],
        first,
        "besluit_vastleggen",
        {
            "datum": today.isoformat(),
            "maatregelen": ["aanwijzing"],
            "bekendmaking_op": today.isoformat(),
        },
    )
    first = reload(first)
    assert first.status == Status.BESLUIT
    assert first.besluit.maatregelen == ["aanwijzing"]
    assert list(first.historie.values_list("naar", flat=True)) == [
        "geopend",
        "in_onderzoek",
        "geagendeerd",
        "besproken",
        "advies",
        "besluit",
    ]
    assert not tasks_of(first).filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).exists()


def test_the_author_cannot_take_the_review_task(people, rob_contract, client_factory, morgen_10u):
    from workflows.flows import HandhavingFlow

    from .conftest import dossier_at_advice as _dossier_at_advice

    dossier = _dossier_at_advice(people, rob_contract)
    process = HandhavingFlow.start.run(dossier=dossier)
    # Move the fresh process to the advice step as the meeting would have.
    task = open_task(dossier, "onderzoek")
    assert task.process_id == process.pk
    services.draft_advice(
        dossier=dossier,
        by=people["teamleider"],
        maatregelen=["waarschuwing"],
        motivering="m",
        juridische_grondslag="g",
    )
    review = HandhavingFlow.advies_beoordelen
    assert not review.can_assign(people["teamleider"], task)
    assert review.can_assign(people["teamleider2"], task)


def test_pdf_documents_contain_the_dossier_number(people, rob_contract, client_factory):
    from .conftest import dossier_at_advice as _dossier_at_advice

    dossier = _dossier_at_advice(people, rob_contract)
    advies = services.draft_advice(
        dossier=dossier,
        by=people["handhaver"],
        maatregelen=["aanwijzing"],
        motivering="Motivering.",
        juridische_grondslag="Wmo 2015 art. 6.1",
    )
    overleg = dossier.agendapunten.get().overleg
    client = client_factory()
    client.force_login(people["secretaris"])
    for kind in ("agenda", "verslag"):
        response = client.get(f"/handhaving/overleg/{overleg.pk}/{kind}.pdf")
        assert response["Content-Type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert dossier.nummer in text
        html = client.get(f"/handhaving/overleg/{overleg.pk}/{kind}.html").content.decode()
        assert dossier.nummer in html
    assert "Advies voorbereiden".lower() in text.lower()
    client.force_login(people["handhaver"])
    response = client.get(f"/handhaving/dossier/{dossier.pk}/advies/{advies.pk}.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert dossier.nummer in text and "Wmo 2015 art. 6.1" in text


def test_municipality_users_see_only_dossiers_involving_them(
    people, rob_contract, second_contract, client_factory
):
    rob, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    jeugd, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=second_contract)
    )
    # Druten is party to both contracts; Wijchen to neither; Tiel is not in the ROB at all.
    druten, wijchen = client_factory(), client_factory()
    druten.force_login(people["druten"])
    wijchen.force_login(people["wijchen"])
    api_druten, api_wijchen = APIClient(), APIClient()
    api_druten.force_authenticate(people["druten"])
    api_wijchen.force_authenticate(people["wijchen"])

    listing = druten.get("/handhaving/dossiers/").content.decode()
    assert rob.nummer in listing and jeugd.nummer in listing
    assert druten.get(f"/handhaving/dossier/{rob.pk}/").status_code == 200
    body = api_druten.get(f"/api/v1/dossiers/{rob.nummer}/").json()
    assert "GM0225" in body["betrokken_gemeenten"] and "meldingen" not in body

    listing = wijchen.get("/handhaving/dossiers/").content.decode()
    assert rob.nummer not in listing and jeugd.nummer not in listing
    assert wijchen.get(f"/handhaving/dossier/{rob.pk}/").status_code == 404
    assert api_wijchen.get(f"/api/v1/dossiers/{rob.nummer}/").status_code == 404
    searched = wijchen.get(f"/handhaving/dossiers/?q={rob.nummer}").content.decode()
    assert f">{rob.nummer}</a>" not in searched and "Geen dossiers gevonden." in searched

    page = druten.get(f"/handhaving/dossier/{rob.pk}/").content.decode()
    assert "Piet Pietersen" not in page and "111222333" not in page


def test_dossier_api_has_history_and_involved_codes(people, rob_contract):
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract, ernst="acuut")
    )
    api = APIClient()
    api.force_authenticate(people["handhaver"])
    body = api.get(f"/api/v1/dossiers/{dossier.nummer}/").json()
    assert body["prioriteit"] == "urgent"
    assert [h["naar"] for h in body["historie"]] == ["geopend"]
    assert sorted(body["betrokken_gemeenten"]) == sorted(
        dossier.betrokken_gemeenten.values_list("code", flat=True)
    )
    assert api.get("/api/v1/dossiers/HH-2026-9999/").status_code == 404


def test_dossier_list_filters(people, rob_contract, second_contract, client_factory):
    rob, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract, ernst="acuut")
    )
    jeugd, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=second_contract)
    )
    services.assign_officer(
        dossier=jeugd, behandelaar=people["handhaver2"], by=people["teamleider"]
    )
    client = client_factory()
    client.force_login(people["handhaver"])

    def listed(query):
        page = client.get(f"/handhaving/dossiers/?{query}").content.decode()
        return {d.nummer for d in (rob, jeugd) if d.nummer in page}

    assert listed("prioriteit=urgent") == {rob.nummer}
    assert listed(f"behandelaar={people['handhaver2'].pk}") == {jeugd.nummer}
    assert listed("gemeente=GM0296") == set()
    assert listed("gemeente=GM0225") == {rob.nummer, jeugd.nummer}
    assert listed(f"zorgaanbieder={rob.zorgaanbieder_id}") == {rob.nummer}
    assert listed("status=geopend") == {rob.nummer, jeugd.nummer}
    assert listed("q=Jeugdzorg") == {jeugd.nummer}


def test_the_dossier_page_shows_status_timeline_municipalities_and_tasks(
    people, rob_contract, client_factory
):
    from workflows.flows import HandhavingFlow

    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    HandhavingFlow.start.run(dossier=dossier)
    client = client_factory()
    client.force_login(people["handhaver"])
    page = client.get(f"/handhaving/dossier/{dossier.pk}/").content.decode()
    for expected in (
        dossier.nummer,
        "geopend",
        "Berg en Dal",
        "Onderzoek",
        dossier.meldingen.get().nummer,
    ):
        assert expected in page
    involved = page.split("Betrokken gemeenten</dt><dd>")[1].split("</dd>")[0]
    assert "Berg en Dal" in involved and "Wijchen" not in involved


def test_a_wrong_value_on_a_dossier_page_is_summed_up_on_top_and_kept(people, rob_contract):
    """The product's own staff pages, like the task forms: what is wrong on top, linked to
    the field, and what was typed stays."""
    from tests.clients import client_of

    melding = report_to_enforcement(by=people["intake"], contract=rob_contract)
    dossier, _ = services.open_dossier(melding=melding)
    page = client_of(people["handhaver"]).post(
        f"/handhaving/dossier/{dossier.pk}/activiteit/",
        {"soort": "onaangekondigd_bezoek", "datum": "", "bevindingen": "Medicatie ontbreekt."},
    )
    assert page.status_code == 422
    html = page.content.decode()
    summary = html.split('class="hh-error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_' in summary and "Datum" in summary
    assert "Medicatie ontbreekt." in html  # the typed findings are kept


def test_a_dossier_task_is_due_by_its_dossiers_first_running_term(people, rob_contract):
    """The work queue's due date of a dossier's task: the first running term of the
    dossier, kept on the task as the terms change (workflows.deadlines)."""

    from termijnen import services as termijnen
    from workflows.columns import with_due_dates
    from workflows.flows import HandhavingFlow

    melding = report_to_enforcement(by=people["intake"], contract=rob_contract)
    dossier, _ = services.open_dossier(melding=melding)
    HandhavingFlow.start.run(dossier=dossier)
    today = timezone.localdate()
    for days in (30, 10):
        termijnen.new_term(
            dossier=dossier,
            soort="zienswijze",
            omschrijving=f"{days} dagen",
            start=today,
            by=people["handhaver"],
            dagen=days,
        )
    first = dossier.termijnen.order_by("uiterlijk").first()
    task = with_due_dates(Task.objects.filter(flow_task_type="HUMAN")).get(
        process__artifact_object_id=dossier.pk,
        process__artifact_content_type=ContentType.objects.get_for_model(Dossier),
    )
    assert task.uiterlijk_op == first.uiterlijk
    assert first.uiterlijk > today + datetime.timedelta(days=9)
    # The municipalities column sorts on the first involved municipality by name.
    first_name = dossier.betrokken_gemeenten.order_by("naam").first().naam
    assert task.eerste_gemeente == first_name

    def due() -> datetime.date | None:
        return with_due_dates(Task.objects.filter(pk=task.pk)).get().uiterlijk_op

    later = dossier.termijnen.order_by("uiterlijk").last()
    termijnen.close_term(first, by=people["handhaver"])
    assert due() == later.uiterlijk  # the next running term
    termijnen.suspend(termijn=later, by=people["handhaver"], van=today, reden="Overleg")
    assert due() is None  # a suspended term does not run
    # A task created after the terms carries the date from the start.
    termijnen.new_term(
        dossier=dossier,
        soort="zienswijze",
        omschrijving="5 dagen",
        start=today,
        by=people["handhaver"],
        dagen=5,
    )
    assert due() == dossier.termijnen.get(omschrijving="5 dagen").uiterlijk
    task.delete()
    HandhavingFlow.start.run(dossier=dossier)
    fresh = Task.objects.filter(
        flow_task_type="HUMAN", process__artifact_object_id=dossier.pk
    ).latest("pk")
    assert fresh.data["termijn_uiterlijk"] == due_day(dossier).isoformat()


def due_day(dossier) -> datetime.date:
    return dossier.termijnen.filter(status="lopend").order_by("uiterlijk").first().uiterlijk
