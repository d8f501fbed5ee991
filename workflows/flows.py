"""The flows: who does what next, and by when. Nodes call services; never set a status."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from dossieroverleg import services as dossier_services
from dossieroverleg.models import Advies, Conclusie
from meldpunt import services
from meldpunt.models import Route, Status

from .models import DossierProcess, MeldingProcess
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
        .Default(this.dossier_openen)
    )

    dossier_openen = flow.Function(this.open_dossier).Next(this.einde_handhaving)

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

    def open_dossier(self, activation):
        """Hand over to enforcement: a new dossier (with its own flow) or an existing one."""
        dossier, new = dossier_services.open_dossier(melding=activation.process.melding)
        if new:
            HandhavingFlow.start.run(dossier=dossier)


class AdviceReviewView(flow.View):
    """The second pair of eyes: the author of the pending advice cannot take this task."""

    @staticmethod
    def _is_author(user, task) -> bool:
        advies = (
            Advies.objects.filter(
                dossier_id=task.process.artifact_object_id, status=Advies.Status.TER_GOEDKEURING
            )
            .order_by("-opgesteld_op")
            .first()
        )
        return advies is not None and advies.opgesteld_door_id == user.pk

    def can_assign(self, user, task):
        return super().can_assign(user, task) and not self._is_author(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and not self._is_author(user, task)


def _conclusie_is(code: str):
    def cond(activation) -> bool:
        punt = activation.process.dossier.agendapunten.order_by("-overleg__datum").first()
        return punt is not None and punt.conclusie == code

    return cond


def _advies_goedgekeurd(activation) -> bool:
    return activation.process.dossier.advies_goedgekeurd()


class HandhavingFlow(DomainPermissionsMixin, flow.Flow):
    """Handhaving

    From a report routed to enforcement to the college's decision (DESIGN 2.2): investigation,
    the Dossieroverleg (with the loop back for more research), advice with a second pair of
    eyes, the decision; then the hand-over to legal follow-up and aftercare.
    """

    process_class = DossierProcess
    process_title = _("Handhavingsdossier")
    process_description = _("Onderzoek, dossieroverleg, advies en besluit.")
    lock_impl = lock.select_for_update_lock
    view_permission = "dossieroverleg.view_dossier"
    manage_permission = "dossieroverleg.goedkeuren_advies"

    start = flow.StartHandle(this.start_process).Next(this.onderzoek)

    onderzoek = (
        flow.View(TaskFormView.as_view())
        .Annotation(title=_("Onderzoek"), description=_("Onderzoek doen en bevindingen vastleggen"))
        .Permission("dossieroverleg.behandelen_dossier")
        .Assign(lambda activation: activation.process.dossier.behandelaar)
        .Next(this.agenderen)
    )

    agenderen = (
        flow.View(TaskFormView.as_view())
        .Annotation(title=_("Agenderen"), description=_("Op de agenda van het dossieroverleg"))
        .Permission("dossieroverleg.agenderen_dossier")
        .Next(this.bespreking)
    )

    bespreking = flow.Handle(this.besproken).Next(this.conclusie)

    conclusie = (
        flow.Switch()
        .Case(this.onderzoek, _conclusie_is(Conclusie.MEER_ONDERZOEK))
        .Case(this.einde_geen_maatregel, _conclusie_is(Conclusie.GEEN_MAATREGEL))
        .Default(this.advies_opstellen)
    )

    advies_opstellen = (
        flow.View(TaskFormView.as_view())
        .Annotation(title=_("Advies opstellen"), description=_("Advies aan het college"))
        .Permission("dossieroverleg.behandelen_dossier")
        .Assign(lambda activation: activation.process.dossier.behandelaar)
        .Next(this.advies_beoordelen)
    )

    advies_beoordelen = (
        AdviceReviewView(TaskFormView.as_view())
        .Annotation(title=_("Advies beoordelen"), description=_("Tweede paar ogen"))
        .Permission("dossieroverleg.goedkeuren_advies")
        .Next(this.is_goedgekeurd)
    )

    is_goedgekeurd = (
        flow.If(_advies_goedgekeurd).Then(this.besluit_vastleggen).Else(this.advies_opstellen)
    )

    besluit_vastleggen = (
        flow.View(TaskFormView.as_view())
        .Annotation(title=_("Besluit vastleggen"), description=_("Besluit van het college"))
        .Permission("dossieroverleg.besluit_vastleggen")
        .Next(this.overdracht)
    )

    # Hand-over point: legal follow-up and aftercare continue from here.
    overdracht = flow.End()
    einde_geen_maatregel = flow.End()

    def start_process(self, activation, dossier):
        activation.process.artifact = dossier
        activation.process.save()
        return activation.process

    def besproken(self, activation):
        """Woken when the minutes of the meeting that discussed the dossier are set."""


def wake_after_meeting(dossier) -> None:
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    for task in Task.objects.filter(
        process__artifact_object_id=dossier.pk,
        process__flow_class=HandhavingFlow,
        status=STATUS.NEW,
        flow_task_type="FUNCTION",
    ):
        if task.flow_task.name == "bespreking":
            HandhavingFlow.bespreking.run(task)


def start_melding_flow(melding) -> MeldingProcess:
    """Start the flow for a stored report (every channel calls this after ``receive``)."""
    return MeldingFlow.start.run(melding=melding)


FLOWS = [MeldingFlow, HandhavingFlow]
