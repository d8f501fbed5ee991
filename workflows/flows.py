"""The flows: who does what next, and by when. Nodes call services; never set a status."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from dossieroverleg import services as dossier_services
from dossieroverleg.models import Advies, Conclusie, MeerwerkStandpunt
from juridisch import bezwaar
from juridisch.models import JuridischTraject
from meldpunt import services
from meldpunt.doorgeleiding import needs_follow_up
from meldpunt.models import Route, Status
from termijnen import bewaking

from .locking import waiting_lock
from .models import BezwaarProcess, DossierProcess, MeerwerkProcess, MeldingProcess
from .nodes import ForEachSplit, RestrictedView
from .permissions import DomainPermissionsMixin
from .views import TaskFormView


class ArtifactFlowMixin:
    """A flow whose process is about one domain object (its artifact), given at the start:
    ``XFlow.start.run(melding=...)``."""

    def start_process(self, activation, **artifact):
        (obj,) = artifact.values()
        activation.process.artifact = obj
        activation.process.save()
        return activation.process


def _vandaag(activation) -> dict:
    return {"uiterlijk": timezone.localdate().isoformat(), "urgent": True}


def _navragen_op(activation) -> datetime.datetime:
    doorgeleiding = activation.process.melding.doorgeleiding
    day = doorgeleiding.navragen_op
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def _navragen_nodig(activation) -> bool:
    return needs_follow_up(activation.process.melding.doorgeleiding)


def _route_is(route: str):
    return lambda activation: activation.process.melding.weging.route == route


class MeldingFlow(ArtifactFlowMixin, DomainPermissionsMixin, flow.Flow):
    """Melding

    From any channel to registration, weighing and the routing decision (DESIGN 2.1).
    """

    process_class = MeldingProcess
    process_title = _("Melding")
    process_description = _("Registreren, wegen en doorgeleiden van een melding.")
    lock_impl = waiting_lock
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

    # The follow-up date: the recipient that said it took the report up (through its
    # link, or to the Meldpunt) is not asked again; one that did not, or said nothing, is.
    # "Not taken up" brings the date forward to now (``forwarding_answered``).
    wachten_op_ontvanger = flow.Timer(_navragen_op).Next(this.navragen_nodig)

    navragen_nodig = (
        flow.If(_navragen_nodig)
        .Annotation(title=_("Navragen nodig?"))
        .Then(this.navragen)
        .Else(this.einde_doorgeleid)
    )

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

    def route_melding(self, activation):
        services.route(melding=activation.process.melding, by=None)

    def open_dossier(self, activation):
        """Hand over to enforcement: a new dossier (with its own flow) or an existing one."""
        dossier, new = dossier_services.open_dossier(melding=activation.process.melding)
        if new:
            HandhavingFlow.start.run(dossier=dossier)


class AdviceReviewView(RestrictedView):
    """The second pair of eyes: the author of the pending advice cannot take this task
    (a dossier has at most one advice pending, services.draft_advice)."""

    @staticmethod
    def _pending_by(user):
        return Advies.objects.filter(
            status=Advies.Status.TER_GOEDKEURING, opgesteld_door_id=user.pk
        )

    def refusal(self, user, task):
        if self._pending_by(user).filter(dossier_id=task.process.artifact_object_id).exists():
            return _("U hebt dit advies opgesteld; een andere teamleider beoordeelt het.")
        return None

    def hidden_from(self, user):
        return Q(process__artifact_object_id__in=self._pending_by(user).values("dossier_id"))


def _conclusie_is(code: str):
    def cond(activation) -> bool:
        punt = activation.process.dossier.agendapunten.order_by("-overleg__datum").first()
        return punt is not None and punt.conclusie == code

    return cond


def _advies_goedgekeurd(activation) -> bool:
    return activation.process.dossier.advies_goedgekeurd()


class HandhavingFlow(ArtifactFlowMixin, DomainPermissionsMixin, flow.Flow):
    """Handhaving

    From a report routed to enforcement to the college's decision (DESIGN 2.2): investigation,
    the Dossieroverleg (with the loop back for more research), advice with a second pair of
    eyes, the decision; then the hand-over to legal follow-up and aftercare.
    """

    process_class = DossierProcess
    process_title = _("Handhavingsdossier")
    process_description = _("Onderzoek, dossieroverleg, advies en besluit.")
    lock_impl = waiting_lock
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

    # One door: the secretary puts the dossier on a meeting's agenda on the meeting page
    # (services.put_on_agenda); the flow follows that domain event (listeners.py).
    agenderen = (
        flow.Handle(this.geagendeerd)
        .Annotation(
            title=_("Wacht op agendering"),
            description=_("De secretaris zet het dossier op de agenda van het dossieroverleg"),
        )
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

    def geagendeerd(self, activation):
        """Woken when the secretary put the dossier on a meeting's agenda."""

    def besproken(self, activation):
        """Woken when the minutes of the meeting that discussed the dossier are set."""


def _wake(dossier, node_name: str) -> None:
    """Run the flow's waiting node ``node_name`` of this dossier, if it waits."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    for task in Task.objects.filter(
        process__artifact_object_id=dossier.pk,
        process__flow_class=HandhavingFlow,
        status=STATUS.NEW,
        flow_task_type="FUNCTION",
    ):
        if task.flow_task.name == node_name:
            getattr(HandhavingFlow, node_name).run(task)


def wake_after_agenda(dossier) -> None:
    _wake(dossier, "agenderen")


def wake_after_meeting(dossier) -> None:
    _wake(dossier, "bespreking")


class ObjectionDecisionView(RestrictedView):
    """Segregation of duties: whoever took part in the primary decision cannot take or
    do this task (seed 002, Bijlage A art. 2 lid 4)."""

    def refusal(self, user, task):
        traject = JuridischTraject.objects.get(pk=task.process.artifact_object_id)
        return bezwaar.objection_refusal(user, traject)

    def hidden_from(self, user):
        barred = bezwaar.objections_barred_for(user).values("pk")
        return Q(process__artifact_object_id__in=barred)


class BezwaarFlow(ArtifactFlowMixin, DomainPermissionsMixin, flow.Flow):
    """Bezwaar

    An objection against a decision in a legal trajectory is decided by a colleague who
    took no part in the primary decision; its term is watched like every term.
    """

    process_class = BezwaarProcess
    process_title = _("Bezwaar")
    process_description = _("Beslissen op bezwaar, door wie niet bij het besluit betrokken was.")
    lock_impl = waiting_lock
    # Its work queue is for those who decide objections (jurist, teamleider).
    view_permission = "juridisch.beslissen_op_bezwaar"
    manage_permission = "juridisch.beslissen_op_bezwaar"

    start = flow.StartHandle(this.start_process).Next(this.beslissen)

    beslissen = (
        ObjectionDecisionView(TaskFormView.as_view())
        .Annotation(title=_("Beslissen op bezwaar"), description=_("Beslissing op het bezwaar"))
        .Permission("juridisch.beslissen_op_bezwaar")
        .Next(this.einde)
    )

    einde = flow.End()


def _einde_termijn(activation) -> datetime.datetime:
    verzoek = activation.process.verzoek
    return bewaking.overdue_moment(verzoek.termijn)


class MeerwerkFlow(ArtifactFlowMixin, DomainPermissionsMixin, flow.Flow):
    """Meerwerk

    Every member municipality of the arrangement is asked, in parallel, for an
    administrative position on extra work (seed 000 art. 5). The request ends when all
    answered or the deadline passed; who did not answer is recorded.
    """

    process_class = MeerwerkProcess
    process_title = _("Meerwerk")
    process_description = _("Bestuurlijk standpunt van elke gemeente over meerwerk.")
    lock_impl = waiting_lock
    view_permission = "dossieroverleg.view_dossier"
    manage_permission = "dossieroverleg.goedkeuren_advies"

    start = flow.StartHandle(this.start_process).Next(this.verdelen)

    verdelen = ForEachSplit().Next(this.standpunt, data_source=this.per_gemeente)

    standpunt = (
        flow.Handle(this.beantwoord)
        .Annotation(title=_("Standpunt gemeente"), description=_("In het portaal van de gemeente"))
        .OnTimeout(_einde_termijn, this.geen_antwoord, title=_("Termijn verstreken"))
        .Next(this.samenvoegen)
    )

    geen_antwoord = flow.Function(this.noteer_geen_antwoord).Next(this.samenvoegen)

    samenvoegen = flow.Join().Next(this.afronden)

    afronden = flow.Function(this.rond_af).Next(this.einde)

    einde = flow.End()

    def per_gemeente(self, activation) -> list[dict]:
        verzoek = activation.process.verzoek
        return [
            {"gemeente": code}
            for code in verzoek.standpunten.values_list("gemeente__code", flat=True)
        ]

    def beantwoord(self, activation):
        """Completed when the municipality gave its position in its portal."""

    def noteer_geen_antwoord(self, activation):
        verzoek = activation.process.verzoek
        for standpunt in verzoek.standpunten.filter(standpunt=""):
            dossier_services.record_no_answer(standpunt=standpunt)

    def rond_af(self, activation):
        dossier_services.conclude_extra_work(verzoek=activation.process.verzoek)


def answered_extra_work(standpunt: MeerwerkStandpunt) -> None:
    """Complete the waiting task of the municipality that answered."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    for task in Task.objects.filter(
        process__flow_class=MeerwerkFlow,
        process__artifact_object_id=standpunt.verzoek_id,
        flow_task_type="FUNCTION",
        status=STATUS.NEW,
    ):
        if (
            task.flow_task.name == "standpunt"
            and task.data.get("gemeente") == standpunt.gemeente.code
        ):
            MeerwerkFlow.standpunt.run(task)


def forwarding_answered(doorgeleiding) -> None:
    """The recipient said what it does with a forwarded report. "Not taken up" needs the
    Meldpunt now, not at the follow-up date: the waiting timer fires at once (at the next
    run of ``workflow_timers``). Any other answer leaves the date, where the follow-up
    sees it (``navragen_nodig``)."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from meldpunt.models import Doorgeleiding

    if doorgeleiding.uitkomst != Doorgeleiding.Uitkomst.NIET_OPGEPAKT:
        return
    for task in Task.objects.filter(
        process__flow_class=MeldingFlow,
        process__artifact_object_id=doorgeleiding.melding_id,
        flow_task_type="TIMER",
        status=STATUS.SCHEDULED,
    ):
        if task.flow_task.name == "wachten_op_ontvanger":
            task.scheduled = timezone.now()
            task.save(update_fields=["scheduled"])


def start_melding_flow(melding) -> MeldingProcess:
    """Start the flow for a stored report (every channel calls this after ``receive``)."""
    return MeldingFlow.start.run(melding=melding)


FLOWS = [MeldingFlow, HandhavingFlow, BezwaarFlow, MeerwerkFlow]


def sentence_case_titles() -> None:
    """viewflow titles a node without an annotation by its name in Title Case ("Is
    Geregistreerd", "Einde Doorgeleid"), which is not how Dutch writes: those nodes get
    their name in sentence case ("Is geregistreerd"). Called once the apps are ready."""
    for flow_class in FLOWS:
        for node in flow_class.instance.nodes():
            automatic = node.name.replace("_", " ")
            if node.name and node.task_title == automatic.title():
                node.task_title = automatic.capitalize()
