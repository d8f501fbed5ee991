"""What completing each human task means: its form and the service it calls.

The staff UI (``views.TaskFormView``) and the API (``POST /api/v1/taken/{id}/voltooien/``)
both look a task up here, so they validate with the same form and call the same service.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dossieroverleg import services as dossier_services
from dossieroverleg.forms import (
    AdviesForm,
    BeoordelingForm,
    BesluitForm,
    OnderzoekAfrondenForm,
)
from dossieroverleg.models import Advies
from juridisch import services as juridisch
from juridisch.forms import BeslissingOpBezwaarForm
from juridisch.models import JuridischTraject
from meldpunt import services as meldpunt_services
from meldpunt.forms import AcuutForm, NavraagForm, RegistratieForm, WegingForm
from regio.ui import apply_service_errors


@dataclass(frozen=True)
class TaskAction:
    form_class: type[forms.Form]
    perform: Callable  # (task, user, cleaned_data) -> None
    form_kwargs: Callable = lambda task: {}  # noqa: E731 - extra form arguments per task
    context: Callable = lambda task: {}  # noqa: E731 - what the task page shows beside the form
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
    if data.get("dossier_nummer"):
        try:
            dossier_services.validate_dossier_link(
                melding=_melding(task), nummer=data["dossier_nummer"]
            )
        except ValidationError as error:
            raise ValidationError({"dossier_nummer": error.messages}) from None
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


def _dossier(task):
    return task.process.dossier


def _finish_investigation(task, user, data) -> None:
    dossier_services.finish_investigation(
        dossier=_dossier(task), by=user, samenvatting=data["toelichting"]
    )


def _draft_advice(task, user, data) -> None:
    dossier_services.draft_advice(
        dossier=_dossier(task),
        by=user,
        maatregelen=data["maatregelen"],
        motivering=data["motivering"],
        juridische_grondslag=data["juridische_grondslag"],
    )


def _pending_advice(task) -> Advies | None:
    return (
        Advies.objects.filter(dossier=_dossier(task), status=Advies.Status.TER_GOEDKEURING)
        .select_related("opgesteld_door")
        .order_by("-opgesteld_op")
        .first()
    )


def _review_advice(task, user, data) -> None:
    advies = _pending_advice(task)
    if advies is None:
        raise ValidationError(_("Er is geen advies dat op beoordeling wacht."))
    dossier_services.review_advice(
        advies=advies,
        by=user,
        goedkeuren=data["besluit"] == "goedkeuren",
        toelichting=data.get("toelichting", ""),
    )


def _record_decision(task, user, data) -> None:
    dossier_services.record_decision(
        dossier=_dossier(task),
        by=user,
        datum=data["datum"],
        maatregelen=data["maatregelen"],
        bekendmaking_op=data["bekendmaking_op"],
        toelichting=data.get("toelichting", ""),
    )


def _decide_objection(task, user, data) -> None:
    juridisch.decide_objection(
        traject=JuridischTraject.objects.get(pk=task.process.artifact_object_id),
        by=user,
        datum=data["datum"],
        bekendmaking_op=data["bekendmaking_op"],
        uitkomst=data["uitkomst"],
        toelichting=data.get("toelichting", ""),
    )


ACTIONS: dict[str, TaskAction] = {
    "workflows.flows.BezwaarFlow.beslissen": TaskAction(BeslissingOpBezwaarForm, _decide_objection),
    "workflows.flows.HandhavingFlow.onderzoek": TaskAction(
        OnderzoekAfrondenForm, _finish_investigation
    ),
    "workflows.flows.HandhavingFlow.advies_opstellen": TaskAction(AdviesForm, _draft_advice),
    "workflows.flows.HandhavingFlow.advies_beoordelen": TaskAction(
        BeoordelingForm, _review_advice, context=lambda task: {"advies": _pending_advice(task)}
    ),
    "workflows.flows.HandhavingFlow.besluit_vastleggen": TaskAction(BesluitForm, _record_decision),
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


def context_for(task) -> dict:
    return action_for(task).context(task)


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
