"""Flows start and wake on domain events; the domain apps do not import the flows."""

from dossieroverleg.models import Dossier
from meldpunt.models import Melding
from regio.events import Event, WorkEvent


def on_domain_event(sender, *, event: str, instance, **kwargs) -> None:
    if event == Event.MELDING_BINNENGEKOMEN and isinstance(instance, Melding):
        from .flows import start_melding_flow

        start_melding_flow(instance)
    elif event == Event.REACTIE_ONTVANGEN and isinstance(instance, Melding):
        wake_weighing(instance)
    elif event == Event.DOSSIER_GEAGENDEERD and isinstance(instance, Dossier):
        from .flows import wake_after_agenda

        wake_after_agenda(instance)
    elif event == Event.DOSSIER_BESPROKEN and isinstance(instance, Dossier):
        from .flows import wake_after_meeting

        wake_after_meeting(instance)


def wake_weighing(melding) -> None:
    """The reporter answered: mark the open weighing task so its holder sees it at once.

    The weighing never waits for the answer; without one by the deadline it simply goes on.
    """
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from .flows import MeldingFlow

    for task in Task.objects.filter(
        process__artifact_object_id=melding.pk,
        process__flow_class=MeldingFlow,
        status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
    ):
        if task.flow_task.name == "wegen":
            task.data = {**task.data, "reactie_ontvangen": timezone.now().isoformat()}
            task.save(update_fields=["data"])


def on_work_event(sender, *, kind: str, instance, **kwargs) -> None:
    from . import flows

    if kind == WorkEvent.BEZWAAR_ONTVANGEN:
        flows.BezwaarFlow.start.run(traject=instance)
    elif kind == WorkEvent.MEERWERK_GEVRAAGD:
        flows.MeerwerkFlow.start.run(verzoek=instance)
    elif kind == WorkEvent.MEERWERK_BEANTWOORD:
        flows.answered_extra_work(instance)
    elif kind == WorkEvent.DOORGELEIDING_UITKOMST:
        flows.forwarding_answered(instance)
