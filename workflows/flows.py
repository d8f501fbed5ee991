"""The flows: who does what next, and by when. Nodes call services; never set a status."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from meldpunt import services
from meldpunt.models import Route, Status

from .models import MeldingProcess
from .permissions import DomainPermissionsMixin
from .views import TaskFormView


def _vandaag(activation) -> dict:
    return {"uiterlijk": timezone.localdate().isoformat(), "urgent": True}


def _navragen_op(activation) -> datetime.datetime:
    doorgeleiding = activation.process.melding.doorgeleiding
    day = doorgeleiding.navragen_op
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def _route_is(route: str):
    return lambda activation: activation.process.melding.weging.route == route


class MeldingFlow(DomainPermissionsMixin, flow.Flow):
    """Melding

    From any channel to registration, weighing and the routing decision (DESIGN 2.1).
    """

    process_class = MeldingProcess
    process_title = _("Melding")
    process_description = _("Registreren, wegen en doorgeleiden van een melding.")
    lock_impl = lock.select_for_update_lock
    view_permission = "meldpunt.view_melding"
    manage_permission = "meldpunt.wegen_melding"

    start = flow.StartHandle(this.start_process).Next(this.is_geregistreerd)

    is_geregistreerd = (
        flow.If(lambda activation: activation.process.melding.status != Status.ONTVANGEN)
        .Then(this.wegen)
        .Else(this.registreren)
    )

    registreren = (
        flow.View(TaskFormView.as_view())
        .Annotation(title=_("Registreren"), description=_("Melding aanvullen en registreren"))
        .Permission("meldpunt.registreren_melding")
        .Next(this.wegen)
    )

    wegen = (
        flow.View(TaskFormView.as_view())
        .Annotation(title=_("Wegen"), description=_("Wegingskader invullen en besluiten"))
        .Permission("meldpunt.wegen_melding")
        .Next(this.is_acuut)
    )

    is_acuut = (
        flow.If(lambda activation: activation.process.melding.acuut)
        .Then(this.acuut_opvolgen, task_data=_vandaag)
        .Else(this.routeren)
    )

    acuut_opvolgen = (
        flow.View(TaskFormView.as_view())
        .Annotation(
            title=_("Acute melding opvolgen"),
            description=_("Vandaag: toezichthouder informeren en dossier met voorrang"),
        )
        .Permission("meldpunt.wegen_melding")
        .Next(this.routeren)
    )

    routeren = flow.Function(this.route_melding).Next(this.besluit)

    besluit = (
        flow.Switch()
        .Case(this.wachten_op_ontvanger, _route_is(Route.DOORGELEID))
        .Case(this.einde_geen_vervolg, _route_is(Route.GEEN_VERVOLG))
        .Default(this.einde_handhaving)
    )

    wachten_op_ontvanger = flow.Timer(_navragen_op).Next(this.navragen)

    navragen = (
        flow.View(TaskFormView.as_view())
        .Annotation(
            title=_("Uitkomst navragen"),
            description=_("Bij de ontvanger navragen wat er met de melding is gedaan"),
        )
        .Permission("meldpunt.wegen_melding")
        .Next(this.einde_doorgeleid)
    )

    einde_doorgeleid = flow.End()
    einde_geen_vervolg = flow.End()
    einde_handhaving = flow.End()

    def start_process(self, activation, melding):
        activation.process.artifact = melding
        activation.process.save()
        return activation.process

    def route_melding(self, activation):
        services.route(melding=activation.process.melding, by=None)


def start_melding_flow(melding) -> MeldingProcess:
    """Start the flow for a stored report (every channel calls this after ``receive``)."""
    return MeldingFlow.start.run(melding=melding)


FLOWS = [MeldingFlow]
