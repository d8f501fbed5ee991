"""The weekly digest per municipality contact who opted in: open dossiers, status and the
next deadline."""

from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossieroverleg.models import OPEN_STATUSSEN, Dossier
from regio.events import Event
from regio.models import Contactpersoon

from .outbox import queue
from .recipients import Recipient

# Other apps (legal follow-up) add their deadlines without this module importing them.
_deadline_sources = []


def register_deadline_source(source) -> None:
    """``source(dossier) -> date | None``: the earliest open deadline it knows of."""
    if source not in _deadline_sources:
        _deadline_sources.append(source)


def next_deadline(dossier: Dossier):
    dates = []
    for task in Task.objects.filter(
        process__artifact_object_id=dossier.pk,
        process__flow_class__contains="HandhavingFlow",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ):
        if task.data.get("uiterlijk"):
            dates.append(task.data["uiterlijk"])
    dates += [str(d) for source in _deadline_sources if (d := source(dossier))]
    return min(dates) if dates else None


def rows_for(contact: Contactpersoon) -> list[dict]:
    dossiers = (
        Dossier.objects.filter(betrokken_gemeenten=contact.gemeente, status__in=OPEN_STATUSSEN)
        .filter(Q(domein__in=contact.domeinen))
        .select_related("zorgaanbieder")
        .order_by("nummer")
    )
    return [
        {
            "nummer": d.nummer,
            "zorgaanbieder": d.zorgaanbieder.naam,
            "status": d.get_status_display(),
            "termijn": next_deadline(d),
        }
        for d in dossiers
    ]


def send_digests(*, today=None) -> int:
    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    count = 0
    for contact in Contactpersoon.objects.filter(
        actief=True, wekelijks_overzicht=True
    ).select_related("gemeente"):
        rows = queue_digest(contact=contact, label=f"{year}-W{week:02d}")
        count += len(rows)
    return count


def queue_digest(*, contact: Contactpersoon, label: str):
    from django.db import transaction

    with transaction.atomic():
        return queue(
            event=Event.WEKELIJKS_OVERZICHT,
            event_id=f"overzicht:{label}:{contact.pk}",
            instance=contact,
            nummer=f"week {label}",
            status="",
            domein="",
            gemeenten=[],
            data={
                "week": label,
                "dossiers": rows_for(contact),
                "pad": "/handhaving/dossiers/",
                "_ontvanger": Recipient(
                    email=contact.email, gemeente=contact.gemeente, contactpersoon=contact
                ),
            },
        )
