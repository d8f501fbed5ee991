"""The weekly digest per municipality contact who opted in: one mail listing the open
cases of the contact's municipality, their status and the next deadline.

What is listed comes from *providers*, so this module needs no domain app: a provider is
a function ``provider(*, gemeente, domeinen) -> iterable of rows``, each row a dict with
``nummer``, ``status`` and ``termijn`` (the next deadline, or None), optionally
``zorgaanbieder``. Register one with :func:`register_provider`; the dossiers' provider is
registered by this app (``NotificationsConfig.ready``), others (legal follow-up, a future
case type) add theirs the same way.
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from regio.events import Event
from regio.models import Contactpersoon, Gemeente

from .models import Notificatie
from .outbox import queue
from .recipients import Recipient
from .rendering import dutch_date

Provider = Callable[..., Iterable[dict]]
_providers: list[Provider] = []
# Other apps (legal follow-up) add their deadlines without this module importing them.
_deadline_sources = []


def register_provider(provider: Provider) -> Provider:
    """Add a source of digest rows (usable as a decorator); registering twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister_provider(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def register_deadline_source(source) -> None:
    """``source(dossier) -> date | None``: the earliest open deadline it knows of."""
    if source not in _deadline_sources:
        _deadline_sources.append(source)


def rows_for(*, gemeente: Gemeente, domeinen: list[str]) -> list[dict]:
    rows = [
        {"zorgaanbieder": "", "termijn": None, **row}
        for provider in _providers
        for row in provider(gemeente=gemeente, domeinen=domeinen)
    ]
    for row in rows:
        row["termijn"] = dutch_date(row["termijn"]) if row["termijn"] else None
    return sorted(rows, key=lambda row: str(row["nummer"]))


def send_digests(*, today=None) -> int:
    """Queue this week's digest for every active, opted-in contact; returns how many were
    queued (a second run in the same week queues none: one event id per contact and week)."""
    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    count = 0
    for contact in Contactpersoon.objects.filter(
        actief=True, wekelijks_overzicht=True
    ).select_related("gemeente"):
        rows = queue_digest(contact=contact, label=f"{year}-W{week:02d}")
        count += len(rows)
    return count


def queue_digest(*, contact: Contactpersoon, label: str) -> list[Notificatie]:
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
                "dossiers": rows_for(gemeente=contact.gemeente, domeinen=list(contact.domeinen)),
                "pad": "/handhaving/dossiers/",
                "_ontvanger": Recipient(
                    email=contact.email, gemeente=contact.gemeente, contactpersoon=contact
                ),
            },
        )


# The dossiers' rows. Imports dossieroverleg and viewflow only when called, so the digest
# itself works without them.
def next_deadline(dossier):
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

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


def dossier_rows(*, gemeente: Gemeente, domeinen: list[str]) -> list[dict]:
    from dossieroverleg.models import OPEN_STATUSSEN, Dossier
    from dossieroverleg.selectors import mark_confidential

    dossiers = (
        Dossier.objects.filter(
            betrokken_gemeenten=gemeente, status__in=OPEN_STATUSSEN, domein__in=domeinen
        )
        .select_related("zorgaanbieder")
        .order_by("nummer")
    )
    # A secret dossier: only its number (DESIGN.md section 4); a mail has no reader who
    # may see more.
    return [
        {
            "nummer": d.nummer,
            "zorgaanbieder": "vertrouwelijk dossier" if d.vertrouwelijk else d.zorgaanbieder.naam,
            "status": "—" if d.vertrouwelijk else d.get_status_display(),
            "termijn": None if d.vertrouwelijk else next_deadline(d),
        }
        for d in mark_confidential(None, dossiers, lambda d: d.pk)
    ]
