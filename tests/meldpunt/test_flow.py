"""A report through every route, once by the staff UI's task views and once by the API."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from meldpunt import services
from meldpunt.models import Melding, Status
from regio.roles import Rol

WEGING = {
    "aard": "kwaliteit",
    "domein": "wmo",
    "ernst": "midden",
    "aannemelijkheid": "aannemelijk",
    "motivering": "Meerdere signalen.",
}

ROUTES = {
    "geen_vervolg": {"route": "geen_vervolg", "reden": "Geen aanwijzingen."},
    "doorgeleid": {"route": "doorgeleid", "doorgeleid_aan": "ggd_wmo", "reden": "Toezicht."},
    "naar_handhaving": {"route": "naar_handhaving", "contracten": ["ROB-WMO-2026-001"]},
}


def tasks_of(obj):
    return Task.objects.filter(
        process__artifact_object_id=obj.pk,
        process__artifact_content_type=ContentType.objects.get_for_model(obj),
    )


def open_task(obj, name):
    return next(
        t
        for t in tasks_of(obj).filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
        if t.flow_task.name == name
    )


def ui_complete(client, melding, name, data):
    task = open_task(melding, name)
    base = f"/werk-meldingen/{task.process_id}/{name}/{task.pk}"
    response = client.post(f"{base}/assign/")
    assert response.status_code == 302, response.content
    response = client.post(f"{base}/execute/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


def api_complete(api, melding, name, data):
    task = open_task(melding, name)
    described = api.get(f"/api/v1/taken/{task.pk}/").json()
    assert {f["naam"] for f in described["formulier"]} >= set(data)
    response = api.post(f"/api/v1/taken/{task.pk}/voltooien/", data, format="json")
    assert response.status_code == 200, response.content


@pytest.fixture
def melding(api, payload):
    nummer = api.post("/api/v1/meldingen/", payload, format="json").json()["nummer"]
    return Melding.objects.get(nummer=nummer)


def fire_timers_after(days: int) -> None:
    from viewflow.workflow.models import Task

    Task.objects.filter(flow_task_type="TIMER", status=STATUS.SCHEDULED).update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("workflow_timers")


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("channel", ["ui", "api"])
def test_a_report_goes_through_every_route(channel, route, melding, client, intaker, api):
    client.force_login(intaker)
    complete = (
        (lambda n, d: ui_complete(client, melding, n, d))
        if channel == "ui"
        else (lambda n, d: api_complete(api, melding, n, d))
    )
    complete("wegen", {**WEGING, **ROUTES[route]})

    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == route
    if route == "doorgeleid":
        assert melding.doorgeleiding.aan == "ggd_wmo"
        fire_timers_after(days=28)
        complete("navragen", {"uitkomst": "in_behandeling", "toelichting": "GGD bezoekt."})
        melding.doorgeleiding.refresh_from_db()
        assert melding.doorgeleiding.uitkomst == "in_behandeling"
    assert (
        not tasks_of(melding)
        .filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exists()
    )
    if route == "naar_handhaving":
        dossier = melding.dossiers.get()
        assert open_task(dossier, "onderzoek")


@pytest.mark.parametrize("channel", ["ui", "api"])
def test_acute_report_gets_an_urgent_task_due_today_before_routing(
    channel, melding, client, intaker, api
):
    client.force_login(intaker)
    complete = (
        (lambda n, d: ui_complete(client, melding, n, d))
        if channel == "ui"
        else (lambda n, d: api_complete(api, melding, n, d))
    )
    complete("wegen", {**WEGING, "ernst": "acuut", **ROUTES["naar_handhaving"]})

    task = open_task(melding, "acuut_opvolgen")
    assert task.data["uiterlijk"] == timezone.localdate().isoformat()
    listed = next(t for t in api.get("/api/v1/taken/").json() if t["id"] == task.pk)
    assert listed["urgent"] and listed["uiterlijk"] == timezone.localdate().isoformat()
    assert listed["over"] == melding.nummer
    assert b"ACUUT" in client.get(f"/meldpunt/melding/{melding.pk}/").content
    assert b"ACUUT" in client.get("/meldpunt/meldingen/").content

    complete("acuut_opvolgen", {"toezichthouder": "ggd_wmo", "toelichting": "GGD gebeld."})
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == Status.NAAR_HANDHAVING


def test_inbound_report_is_registered_by_a_person_first(aanbieder, intaker, client, regio):
    melding = services.receive(
        intake=services.Intake(kanaal="email_inbound", omschrijving="Mail over zorg."),
        register_now=False,
    )
    assert melding.status == Status.ONTVANGEN and melding.nummer is None
    client.force_login(intaker)
    ui_complete(
        client,
        melding,
        "registreren",
        {
            "zorgaanbieder": aanbieder.pk,
            "domein": "jeugd",
            "vestiging_gemeente": regio["GM0225"].pk,
        },
    )
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == Status.GEREGISTREERD and melding.nummer.startswith("RMZ-")
    assert open_task(melding, "wegen")


def test_an_invalid_weighing_by_api_is_a_400_and_leaves_the_task_open(melding, api):
    task = open_task(melding, "wegen")
    response = api.post(
        f"/api/v1/taken/{task.pk}/voltooien/", {**WEGING, "route": "doorgeleid"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"doorgeleid_aan", "reden"}
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner is None
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == Status.GEREGISTREERD


def test_wrong_json_types_in_a_task_are_a_400(melding, api):
    task = open_task(melding, "wegen")
    response = api.post(
        f"/api/v1/taken/{task.pk}/voltooien/", {**WEGING, "route": {"x": 1}}, format="json"
    )
    assert response.status_code == 400 and "route" in response.json()


def test_a_task_completed_by_someone_else_answers_409(melding, api, make_user):
    task = open_task(melding, "wegen")
    data = {**WEGING, **ROUTES["geen_vervolg"]}
    assert api.post(f"/api/v1/taken/{task.pk}/voltooien/", data, format="json").status_code == 200
    other = APIClient()
    other.force_authenticate(make_user(Rol.MELDPUNT, username="collega"))
    response = other.post(f"/api/v1/taken/{task.pk}/voltooien/", data, format="json")
    assert response.status_code == 409


def test_a_task_claimed_by_someone_else_answers_409(melding, client, intaker, make_user):
    task = open_task(melding, "wegen")
    client.force_login(intaker)
    client.post(f"/werk-meldingen/{task.process_id}/wegen/{task.pk}/assign/")
    other = APIClient()
    other.force_authenticate(make_user(Rol.MELDPUNT, username="collega"))
    response = other.post(
        f"/api/v1/taken/{task.pk}/voltooien/", {**WEGING, **ROUTES["geen_vervolg"]}, format="json"
    )
    assert response.status_code == 409


def test_task_form_description_has_types_choices_and_required(melding, api):
    task = open_task(melding, "wegen")
    fields = {f["naam"]: f for f in api.get(f"/api/v1/taken/{task.pk}/").json()["formulier"]}
    assert fields["ernst"]["type"] == "choice" and fields["ernst"]["verplicht"]
    assert {c["value"] for c in fields["ernst"]["keuzes"]} == {"laag", "midden", "hoog", "acuut"}
    assert fields["contracten"]["type"] == "list" and not fields["contracten"]["verplicht"]
    assert fields["motivering"]["type"] == "string"


def test_users_without_the_role_see_no_tasks(melding, make_user, regio):
    gemeente = APIClient()
    gemeente.force_authenticate(make_user(Rol.GEMEENTE, gemeente=regio["GM0225"]))
    assert gemeente.get("/api/v1/taken/").json() == []
    task = open_task(melding, "wegen")
    assert gemeente.get(f"/api/v1/taken/{task.pk}/").status_code == 404
    assert (
        gemeente.post(f"/api/v1/taken/{task.pk}/voltooien/", {}, format="json").status_code == 404
    )
    # Not even a wrong body tells them the task exists.
    for body in ([1, 2], "x"):
        answer = gemeente.post(f"/api/v1/taken/{task.pk}/voltooien/", body, format="json")
        assert answer.status_code == 404
    plain = gemeente.post(f"/api/v1/taken/{task.pk}/voltooien/", "a=b", content_type="text/plain")
    assert plain.status_code == 404


def test_staff_see_the_queue_and_the_flow_chart(melding, client, intaker):
    client.force_login(intaker)
    assert client.get("/werk-meldingen/queue/").status_code == 200
    process_id = open_task(melding, "wegen").process_id
    assert client.get(f"/werk-meldingen/{process_id}/").status_code == 200
    detail = client.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "Wegen" in detail and f"/werk-meldingen/{process_id}/" in detail
    chart = client.get("/werk-meldingen/chart/")
    assert chart.status_code == 200


def test_viewflow_pages_are_closed_to_municipality_users(melding, client, make_user, regio):
    client.force_login(make_user(Rol.GEMEENTE, gemeente=regio["GM0225"]))
    process_id = open_task(melding, "wegen").process_id
    for url in (
        "/werk-meldingen/queue/",
        f"/werk-meldingen/{process_id}/",
        "/werk-meldingen/flows/",
    ):
        assert client.get(url).status_code in (302, 403, 404), url


def test_the_reporters_answer_wakes_the_weighing_task(melding, api, intaker):
    verzoek = services.ask_reporter(melding=melding, by=intaker, vraag="Welke dag?")
    task = open_task(melding, "wegen")
    listed = next(t for t in api.get("/api/v1/taken/").json() if t["id"] == task.pk)
    assert listed["reactie_ontvangen"] is None
    services.answer_reporter_question(token=verzoek.token, antwoord="Maandag.")
    listed = next(t for t in api.get("/api/v1/taken/").json() if t["id"] == task.pk)
    assert listed["reactie_ontvangen"]


def test_forwarding_records_how_it_was_sent(melding, api):
    api_complete(
        api,
        melding,
        "wegen",
        {**WEGING, **ROUTES["doorgeleid"], "verzendwijze": "beveiligde e-mail"},
    )
    assert Melding.objects.get(pk=melding.pk).doorgeleiding.wijze == "beveiligde e-mail"


def test_viewflow_pages_do_not_list_the_reporters_or_clients_data(melding, client, make_user):
    Melding.objects.filter(pk=melding.pk).update(melder_naam="Jan Jansen")
    task = open_task(melding, "wegen")
    client.force_login(make_user(Rol.OVERLEG, username="overleg-lid"))
    page = client.get(f"/werk-meldingen/{task.process_id}/").content.decode()
    assert melding.nummer in page
    for secret in ("Jan Jansen", "jan@example.org", "Piet Pietersen", "medicatie"):
        assert secret not in page
