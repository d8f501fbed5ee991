"""The due date of an open task, kept on the task so that a work queue sorts on an index.

A task's due date (``columns``: "Uiterlijk") is its own date, else the first open term of
its dossier. Computed per task at read time, a queue of 100,000 open tasks looked up the
terms of every one of them before it could show the first 25 (~300 ms at a million
reports). So the date of the dossier's first open term is written on each of its open
tasks, in ``task.data["termijn_uiterlijk"]`` (an ISO date, as ``data["uiterlijk"]``), and
kept right by the two things that change it:

* a task is created: :func:`on_task_saving` reads the date of its dossier's first open term;
* a term is saved or deleted (opened, closed, suspended, resumed, extended: every change
  of ``termijnen.services`` saves the term): :func:`refresh` writes the date again on the
  open tasks of that dossier.

The queue sorts on ``COALESCE(data->>'uiterlijk', data->>'termijn_uiterlijk'), id``, which
the partial index ``workflows_task_uiterlijk_idx`` (migration 0006) holds in that order
for the open human tasks: a page reads the first rows of the index.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from .models import BezwaarProcess, MeerwerkProcess

KEY = "termijn_uiterlijk"
OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


def sort_key():
    """The due date as the queue sorts on it (text: ISO dates sort as the dates do); the
    expression of the index ``workflows_task_uiterlijk_idx``."""
    return Coalesce(KT("data__uiterlijk"), KT(f"data__{KEY}"))


def _case_models() -> dict:
    """The artifacts that belong to a dossier through ``dossier_id`` (a legal trajectory,
    an extra-work request), by content type id."""
    models = [apps.get_model(*p.artifact_model) for p in (BezwaarProcess, MeerwerkProcess)]
    return {ContentType.objects.get_for_model(m).pk: m for m in models}


def dossier_of(process: Process) -> int | None:
    """The dossier a process is about (none for a report)."""
    dossier_type = ContentType.objects.get_for_model(apps.get_model("dossieroverleg", "Dossier"))
    if process.artifact_object_id is None:
        return None
    if process.artifact_content_type_id == dossier_type.pk:
        return process.artifact_object_id
    model = _case_models().get(process.artifact_content_type_id)
    if model is None:
        return None
    return (
        model.objects.filter(pk=process.artifact_object_id)
        .values_list("dossier_id", flat=True)
        .first()
    )


def first_open_term(dossier_id: int) -> str | None:
    termijn = apps.get_model("termijnen", "Termijn")
    day = (
        termijn.objects.filter(dossier_id=dossier_id, status=termijn.Status.LOPEND)
        .order_by("uiterlijk")
        .values_list("uiterlijk", flat=True)
        .first()
    )
    return day.isoformat() if day else None


def _with_date(data: dict | None, day: str | None) -> dict:
    data = {key: value for key, value in (data or {}).items() if key != KEY}
    if day is not None:
        data[KEY] = day
    return data


def on_task_saving(sender, instance: Task, raw=False, **kwargs) -> None:
    """A new human task carries the date of its dossier's first open term."""
    if raw or not instance._state.adding or instance.flow_task_type != "HUMAN":
        return
    dossier_id = dossier_of(instance.process)
    if dossier_id is not None:
        instance.data = _with_date(instance.data, first_open_term(dossier_id))


def refresh(dossier_id: int | None) -> None:
    """Write the date of the dossier's first open term on its open human tasks (those of
    the dossier itself, of its legal trajectories and of its extra-work requests)."""
    if dossier_id is None:
        return
    about = Q(
        artifact_content_type=ContentType.objects.get_for_model(
            apps.get_model("dossieroverleg", "Dossier")
        ),
        artifact_object_id=dossier_id,
    )
    for type_id, model in _case_models().items():
        about |= Q(
            artifact_content_type_id=type_id,
            artifact_object_id__in=model.objects.filter(dossier_id=dossier_id).values("pk"),
        )
    tasks = Task.objects.filter(
        process__in=Process.objects.filter(about), flow_task_type="HUMAN", status__in=OPEN
    ).only("pk", "data")
    day = first_open_term(dossier_id)
    for task in tasks:
        if (task.data or {}).get(KEY) != day:
            task.data = _with_date(task.data, day)
            task.save(update_fields=["data"])


def on_term_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh(instance.dossier_id)
