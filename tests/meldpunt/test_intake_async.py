"""Accept, then process (ADR 12): through the API a report is stored registered and
numbered in the request; a worker writes its history and events after the commit; a sweep
takes every report a worker never got to, and each is processed once."""

from unittest import mock

import pytest
from viewflow.workflow.models import Process

from meldpunt import services, tasks
from meldpunt.models import Melding, StatusWijziging
from notifications.models import Notificatie
from privacy.models import AuditRegel
from regio.events import Event
from workflows.flows import MeldingFlow

URL = "/api/v1/meldingen/"


@pytest.fixture
def deferred(settings):
    settings.INTAKE_ASYNC = True


def flow_of(melding):
    return Process.objects.filter(flow_class=MeldingFlow, artifact_object_id=melding.pk)


def acknowledgements(melding):
    return Notificatie.objects.filter(event=Event.MELDING_ONTVANGEN, object_id=melding.pk)


def assert_processed(melding):
    melding = Melding.objects.get(pk=melding.pk)
    assert not melding.verwerking_open
    history = list(melding.historie.order_by("op", "pk").values_list("van", "naar"))
    assert history == [("", "ontvangen"), ("ontvangen", "geregistreerd")]
    process = flow_of(melding).get()
    assert "wegen" in {t.flow_task.name for t in process.task_set.all()}
    assert [n.ontvanger for n in acknowledgements(melding)] == ["jan@example.org"]
    assert AuditRegel.objects.filter(object_id=str(melding.pk), nummer=melding.nummer).exists()


def test_the_request_stores_the_numbered_report_and_a_worker_does_the_rest(
    api, payload, deferred, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="a-1")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "geregistreerd" and body["nummer"].startswith("RMZ-")
    melding = Melding.objects.get(nummer=body["nummer"])
    # Stored with all it says, registered and numbered; nothing else yet.
    assert melding.verwerking_open
    assert melding.clienten.count() == 1 and melding.contracten.count() == 1
    assert not StatusWijziging.objects.filter(melding=melding).exists()
    assert not flow_of(melding).exists() and not acknowledgements(melding).exists()

    for callback in after_commit:  # the worker (Celery runs the task eagerly here)
        callback()
    assert_processed(melding)
    # A retry of the request answers the same report and adds nothing.
    again = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="a-1")
    assert again.json() == body and Melding.objects.count() == 1


def test_a_report_whose_processing_never_started_is_picked_up_by_the_sweep(
    api, payload, deferred, django_capture_on_commit_callbacks
):
    # The broker is down when the request commits: the task is never queued.
    down = mock.patch.object(tasks.process_intake, "delay", side_effect=ConnectionError)
    with down, django_capture_on_commit_callbacks(execute=True):
        response = api.post(URL, payload, format="json")
    melding = Melding.objects.get(nummer=response.json()["nummer"])
    assert melding.verwerking_open and not flow_of(melding).exists()

    assert tasks.sweep_intake() == 1  # the periodic sweep
    assert_processed(melding)
    assert tasks.sweep_intake() == 0  # once: nothing is left, nothing is sent twice
    assert services.process_accepted(melding.pk) is False
    assert acknowledgements(melding).count() == 1 and flow_of(melding).count() == 1


def test_a_worker_that_fails_halfway_leaves_nothing_half_done_and_the_sweep_finishes(
    api, payload, deferred, django_capture_on_commit_callbacks
):
    real_emit = services._emit

    def fails_on_the_acknowledgement(melding, event, *args, **kwargs):
        if event == Event.MELDING_ONTVANGEN:
            raise RuntimeError("worker killed")
        return real_emit(melding, event, *args, **kwargs)

    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(URL, payload, format="json")
    melding = Melding.objects.get(nummer=response.json()["nummer"])
    failing = mock.patch.object(services, "_emit", side_effect=fails_on_the_acknowledgement)
    with failing, pytest.raises(RuntimeError):
        tasks.process_intake(melding.pk)  # the worker's task
    # Rolled back as a whole: no history, no flow, still open.
    assert melding.verwerking_open
    assert not StatusWijziging.objects.filter(melding=melding).exists()
    assert not flow_of(melding).exists()

    assert services.process_open() == 1
    assert_processed(melding)


def test_without_a_broker_the_report_is_processed_in_the_request(api, payload, settings):
    settings.INTAKE_ASYNC = False
    response = api.post(URL, payload, format="json")
    assert_processed(Melding.objects.get(nummer=response.json()["nummer"]))
