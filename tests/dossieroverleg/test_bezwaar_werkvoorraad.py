"""The objection is decided in its own work queue, by a jurist or team lead who took no part
in the primary decision (seed 002, Bijlage A art. 2 lid 4): the others are not offered the
task, and are told why when they open it anyway."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from juridisch import services as juridisch
from juridisch.models import JuridischTraject
from regio.roles import Rol
from tests.clients import api_for, client_of

from .conftest import decided_dossier

Fase = JuridischTraject.Fase

REASON = "U was betrokken bij het primaire besluit"


@pytest.fixture
def objection(people, rob_contract):
    """An objection against an instruction (aanwijzing). The advice was written by
    `handhaver` and approved by `teamleider`, the college's decision recorded by
    `teamleider2`, and the trajectory's decision by `jurist`: `jurist2` took no part."""
    today = timezone.localdate()
    dossier = decided_dossier(
        people, rob_contract, maatregelen=["aanwijzing"], datum=today, bekendmaking_op=today
    )
    traject = juridisch.open_trajectory(
        dossier=dossier, maatregel="aanwijzing", by=people["jurist"]
    )
    juridisch.receive_objection(traject=traject, by=people["jurist"], ontvangen_op=today)
    task = Task.objects.get(
        process__artifact_object_id=traject.pk,
        process__artifact_content_type=ContentType.objects.get_for_model(JuridischTraject),
        flow_task_type="HUMAN",
    )
    return traject, task


def task_url(task, action="") -> str:
    base = f"/werk-bezwaar/{task.process_id}/beslissen/{task.pk}/"
    return f"{base}{action}/" if action else base


def decision() -> dict:
    today = timezone.localdate().isoformat()
    return {"datum": today, "bekendmaking_op": today, "uitkomst": "ongegrond"}


def test_the_involved_jurist_is_not_offered_the_objection_task(people, objection):
    _, task = objection
    for user in (people["jurist"], people["teamleider"]):
        listed = [t["id"] for t in api_for(user).get("/api/v1/taken/").json()]
        assert task.pk not in listed, user
        queue = client_of(user).get("/werk-bezwaar/queue/")
        assert queue.status_code == 200
        assert task_url(task) not in queue.content.decode(), user
    assert task.pk in [t["id"] for t in api_for(people["jurist2"]).get("/api/v1/taken/").json()]
    queue = client_of(people["jurist2"]).get("/werk-bezwaar/queue/").content.decode()
    assert task_url(task) in queue


def test_the_involved_jurist_opening_the_task_is_refused_with_the_reason(people, objection):
    _, task = objection
    api = api_for(people["jurist"])
    for response in (
        api.get(f"/api/v1/taken/{task.pk}/"),
        api.post(f"/api/v1/taken/{task.pk}/voltooien/", decision(), format="json"),
    ):
        assert response.status_code == 403
        assert REASON in response.json()["detail"]
        assert "Bijlage A art. 2 lid 4" in response.json()["detail"]
    client = client_of(people["jurist"])
    for response in (
        client.get(task_url(task, "assign")),
        client.post(task_url(task, "assign")),
        client.get(task_url(task, "detail")),
        client.post(task_url(task, "execute"), decision()),
    ):
        assert response.status_code == 403
        assert REASON in response.content.decode()
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner_id is None


def test_those_who_do_not_decide_objections_have_no_objection_queue(people, objection):
    _, task = objection
    assert client_of(people["handhaver"]).get("/werk-bezwaar/queue/").status_code == 403
    api = api_for(people["handhaver"])
    assert api.get(f"/api/v1/taken/{task.pk}/").status_code == 404
    assert task.pk not in [t["id"] for t in api.get("/api/v1/taken/").json()]


def test_an_uninvolved_jurist_decides_the_objection_in_the_staff_ui(people, objection):
    traject, task = objection
    client = client_of(people["jurist2"])
    assert client.post(task_url(task, "assign")).status_code == 302
    page = client.get(task_url(task, "execute"))
    assert page.status_code == 200
    assert f"/handhaving/traject/{traject.pk}/" in page.content.decode()
    response = client.post(task_url(task, "execute"), decision())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JuridischTraject.objects.get(pk=traject.pk).fase == Fase.BESLIST_OP_BEZWAAR
    task.refresh_from_db()
    assert task.status == STATUS.DONE and task.owner == people["jurist2"]


def test_an_uninvolved_team_lead_decides_the_objection_through_the_api(
    people, objection, make_user
):
    traject, task = objection
    # teamleider2 recorded the college's decision: involved. Another team lead is not.
    assert api_for(people["teamleider2"]).get(f"/api/v1/taken/{task.pk}/").status_code == 403
    derde = make_user(Rol.TEAMLEIDER, username="teamleider3")
    response = api_for(derde).post(f"/api/v1/taken/{task.pk}/voltooien/", decision(), format="json")
    assert response.status_code == 200, response.content
    assert JuridischTraject.objects.get(pk=traject.pk).fase == Fase.BESLIST_OP_BEZWAAR


def test_the_trajectory_page_leads_to_the_objection_task(people, objection):
    traject, task = objection
    url = f"/handhaving/traject/{traject.pk}/"
    page = client_of(people["jurist2"]).get(url).content.decode()
    assert f'href="{task_url(task)}"' in page
    assert "werkvoorraad bezwaar" in page
    assert "werkvoorraad handhaving" not in page
    page = client_of(people["jurist"]).get(url).content.decode()
    assert REASON in page
    assert f'href="{task_url(task)}"' not in page


def test_the_author_is_not_offered_the_review_of_their_advice(people, rob_contract):
    """The same for the second pair of eyes on an advice (the review task's node)."""
    from dossieroverleg import services
    from workflows.flows import HandhavingFlow

    from .conftest import dossier_at_advice

    dossier = dossier_at_advice(people, rob_contract)
    HandhavingFlow.start.run(dossier=dossier)
    services.draft_advice(
        dossier=dossier,
        by=people["teamleider"],
        maatregelen=["waarschuwing"],
        motivering="m",
        juridische_grondslag="g",
    )
    # The fresh process's open task stands in for the review task the flow would reach.
    task = Task.objects.get(
        process__flow_class=HandhavingFlow,
        process__artifact_object_id=dossier.pk,
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )
    Task.objects.filter(pk=task.pk).update(
        flow_task=HandhavingFlow.advies_beoordelen,
        owner_permission="dossieroverleg.goedkeuren_advies",
        owner=None,
        status=STATUS.NEW,
    )
    listed = [t["id"] for t in api_for(people["teamleider"]).get("/api/v1/taken/").json()]
    assert task.pk not in listed
    response = api_for(people["teamleider"]).get(f"/api/v1/taken/{task.pk}/")
    assert response.status_code == 403
    assert "advies opgesteld" in response.json()["detail"]
    assert task.pk in [t["id"] for t in api_for(people["teamleider2"]).get("/api/v1/taken/").json()]
    queue = client_of(people["teamleider"]).get("/werk-handhaving/queue/").content.decode()
    assert f"/advies_beoordelen/{task.pk}/" not in queue
