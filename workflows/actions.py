"""What completing each human task means: its form and the service it calls.

The staff UI (``views.TaskFormView``) and the API (``POST /api/v1/taken/{id}/voltooien/``)
both look a task up here, so they validate with the same form and call the same service.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from meldpunt import services as meldpunt_services
from meldpunt.forms import AcuutForm, NavraagForm, RegistratieForm, WegingForm, apply_service_errors


@dataclass(frozen=True)
class TaskAction:
    form_class: type[forms.Form]
    perform: Callable  # (task, user, cleaned_data) -> None
    form_kwargs: Callable = lambda task: {}  # noqa: E731 - extra form arguments per task
    template_name: str = "workflows/task_form.html"


def _melding(task):
    return task.process.artifact


def _register(task, user, data) -> None:
    meldpunt_services.complete_registration(
        melding=_melding(task),
        by=user,
        zorgaanbieder=data["zorgaanbieder"],
        domein=data["domein"],
        aard=data.get("aard", ""),
        vestiging_gemeente=data.get("vestiging_gemeente"),
        omschrijving=data.get("omschrijving") or None,
    )


def _weigh(task, user, data) -> None:
    form = WegingForm(melding=_melding(task))
    form.cleaned_data = data
    meldpunt_services.weigh(melding=_melding(task), by=user, invoer=form.invoer())


def _acute(task, user, data) -> None:
    task.data = {
        **task.data,
        "toezichthouder": data["toezichthouder"],
        "toelichting": data["toelichting"],
    }
    task.save(update_fields=["data"])


def _ask_after(task, user, data) -> None:
    meldpunt_services.record_forwarding_outcome(
        melding=_melding(task),
        by=user,
        wijze=data.get("wijze", ""),
        uitkomst=data["uitkomst"],
        toelichting=data.get("toelichting", ""),
    )


ACTIONS: dict[str, TaskAction] = {
    "workflows.flows.MeldingFlow.registreren": TaskAction(RegistratieForm, _register),
    "workflows.flows.MeldingFlow.wegen": TaskAction(
        WegingForm, _weigh, form_kwargs=lambda task: {"melding": _melding(task)}
    ),
    "workflows.flows.MeldingFlow.acuut_opvolgen": TaskAction(AcuutForm, _acute),
    "workflows.flows.MeldingFlow.navragen": TaskAction(NavraagForm, _ask_after),
}


def action_for(task) -> TaskAction:
    return ACTIONS[_key(task)]


def _key(task) -> str:
    flow_task = task.flow_task
    return f"{flow_task.flow_class.__module__}.{flow_task.flow_class.__name__}.{flow_task.name}"


def make_form(task, data=None, files=None) -> forms.Form:
    action = action_for(task)
    return action.form_class(data=data, files=files, **action.form_kwargs(task))


def perform(task, user, form: forms.Form) -> bool:
    """Call the task's service with a valid form; False (errors on the form) if it refused."""
    try:
        with transaction.atomic():
            action_for(task).perform(task, user, form.cleaned_data)
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    return True
