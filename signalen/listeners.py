"""When a signal is made: a task of a signalled node is created, or an event tells that a
reporter answered, a term is about to end or ended, or a municipality answered. Written
in the transaction of that change, like the outbox's rows."""

from dossieroverleg.models import Dossier
from meldpunt.models import Melding, ReactieVerzoek
from regio.events import Event, WorkEvent

from . import recipients, services
from .models import Soort

# (flow, node) -> what its new task signals. Other human tasks wait in their queues as
# usual: these are the ones that wait for a second person.
SIGNALLED_NODES = {
    ("HandhavingFlow", "advies_beoordelen"): Soort.ADVIES_BEOORDELEN,
    ("BezwaarFlow", "beslissen"): Soort.BEZWAAR_BESLISSEN,
}
TERM_EVENTS = {
    Event.TERMIJN_HERINNERING: Soort.TERMIJN_HERINNERING,
    Event.TERMIJN_VERLOPEN: Soort.TERMIJN_VERLOPEN,
}


def soort_of(node) -> str | None:
    return SIGNALLED_NODES.get((node.flow_class.__name__, node.name))


def on_task_saved(sender, *, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or instance.flow_task_type != "HUMAN":
        return
    if created:
        if soort := soort_of(instance.flow_task):
            services.signal_task(task=instance, soort=soort)
        return
    services.follow_task(task=instance)


def on_domain_event(sender, *, event: str, event_id: str, instance, nummer: str, data, **kw):
    if event == Event.REACTIE_ONTVANGEN and isinstance(instance, Melding):
        reporter_answered(melding=instance, event_id=event_id, verzoek_id=data.get("verzoek"))
    elif event in TERM_EVENTS:
        term_due(event=event, event_id=event_id, instance=instance, nummer=nummer, data=data)


def open_weighing(melding: Melding):
    """The report's weighing task while it waits (the answer is shown on it)."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from workflows.flows import MeldingFlow

    for task in Task.objects.filter(
        process__artifact_object_id=melding.pk,
        process__flow_class=MeldingFlow,
        status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
    ).select_related("owner", "process"):
        if task.flow_task.name == "wegen":
            return task
    return None


def reporter_answered(*, melding: Melding, event_id: str, verzoek_id) -> None:
    weighing = open_weighing(melding)
    verzoek = ReactieVerzoek.objects.filter(pk=verzoek_id).select_related("gevraagd_door").first()
    nummer, zorgaanbieder, subject = services.case_of(melding)
    services.create(
        users=recipients.answer_recipients(
            weighing=weighing, asked_by=verzoek.gevraagd_door if verzoek else None
        ),
        soort=Soort.REACTIE_MELDER,
        sleutel=event_id,
        subject=subject,
        nummer=nummer,
        zorgaanbieder=zorgaanbieder,
        pad=services.task_page(weighing) if weighing else services.case_page(subject),
        taak=weighing,
    )


def on_domain_events(events: list[dict]) -> None:
    """A batch of events (the term sweep): the terms' signals in one insert."""
    terms = [e for e in events if e["event"] in TERM_EVENTS]
    if terms:
        terms_due(terms)
    for e in events:
        if e["event"] not in TERM_EVENTS:
            on_domain_event(sender=type(e["instance"]), **e)


def term_due(*, event: str, event_id: str, instance, nummer: str, data: dict) -> None:
    terms_due(
        [
            {
                "event": event,
                "event_id": event_id,
                "instance": instance,
                "nummer": nummer,
                "data": data,
            }
        ]
    )


def terms_due(events: list[dict]) -> None:
    """A signal to each user a term's reminder or escalation names, who may see its case."""
    from django.contrib.auth import get_user_model

    ids = {pk for e in events for pk in e["data"].get("user_ids", [])}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids, is_active=True)}
    signals = []
    for e in events:
        data = e["data"]
        stap, termijn = data.get("stap", ""), data.get("termijn", "")
        toelichting = f"{stap}, uiterlijk {termijn}" if stap and termijn else stap or termijn
        _nummer, _aanbieder, subject = services.case_of(e["instance"])
        signals.append(
            services.NewSignal(
                users=[users[pk] for pk in data.get("user_ids", []) if pk in users],
                soort=TERM_EVENTS[e["event"]],
                sleutel=e["event_id"],
                subject=subject,
                nummer=e["nummer"],
                zorgaanbieder=data.get("zorgaanbieder", ""),
                toelichting=toelichting,
                pad=data.get("pad") or services.case_page(subject),
            )
        )
    services.create_many(signals)


def on_work_event(sender, *, kind: str, instance, **kwargs) -> None:
    if kind == WorkEvent.MEERWERK_BEANTWOORD:
        standpunt = instance
        verzoek = standpunt.verzoek
        municipality_answered(
            soort=Soort.MEERWERK_BEANTWOORD,
            sleutel=f"meerwerk:{verzoek.pk}:standpunt:{standpunt.pk}",
            dossier=verzoek.dossier,
            asked_by=verzoek.gevraagd_door,
            toelichting=f"{standpunt.gemeente.naam}: {standpunt.get_standpunt_display()}",
        )
    elif kind == WorkEvent.NAZORG_GEREGELD:
        verzoek = instance
        municipality_answered(
            soort=Soort.NAZORG_GEREGELD,
            sleutel=f"nazorg:{verzoek.pk}:geregeld",
            dossier=verzoek.dossier,
            asked_by=verzoek.gevraagd_door,
            toelichting=verzoek.gemeente.naam,
        )


def municipality_answered(*, soort: str, sleutel: str, dossier: Dossier, asked_by, toelichting):
    services.create(
        users=recipients.case_officers(dossier, asked_by),
        soort=soort,
        sleutel=sleutel,
        subject=dossier,
        nummer=dossier.nummer,
        zorgaanbieder=dossier.zorgaanbieder.naam,
        toelichting=toelichting,
        pad=services.case_page(dossier),
    )
