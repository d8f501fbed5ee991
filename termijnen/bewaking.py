"""The watch on every term: a reminder to the owner some working days before the end, an
escalation to the team leads once the last day has passed. A term counted in hours (a data
breach is told to the municipalities within 24 hours, DVO BW/MO Bijlage B 4.2) is reminded
some hours before its moment and escalated at that moment.

Each term carries the moment it must next be looked at (``Termijn.volgende_controle``),
set by every change of the term (``plan``). A sweep (``sweep``, run every few minutes by
Celery beat and by ``manage.py termijnen_bewaken``) takes the due terms in batches, one
query each, and sends what is due for all of them at once: an update of the terms per due
date, one insert of their history, one batch of events (``regio.events.emit_many``), so one insert
of the mails and one of the signals.

Each reminder and escalation goes out once per due date, however often or concurrently
the sweep runs: a batch locks its rows and skips rows another sweep holds (PostgreSQL
``FOR UPDATE SKIP LOCKED``), and the due date a message went out for is stored on the
term. When the due date moves (suspension, extension), the next moment moves with it, and
a new reminder goes out for the new date.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from regio import dates
from regio.events import Event, emit_many
from regio.roles import Rol

from .deadlines import working_days_before
from .models import Termijn, TermijnWijziging
from .subjects import subject_of

# Terms taken per transaction: enough for one insert of mails to pay off, few enough that
# a batch holds its locks only briefly.
BATCH = 500


def _at(day: datetime.date, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def reminder_moment(termijn: Termijn) -> datetime.datetime:
    """08:00 on the day the configured number of working days before the end; for a term
    counted in hours, the configured number of hours before its moment."""
    if termijn.uiterlijk_om is not None:
        return termijn.uiterlijk_om - datetime.timedelta(hours=settings.TERMIJN_HERINNERING_UREN)
    day = working_days_before(termijn.uiterlijk, settings.TERMIJN_HERINNERING_WERKDAGEN)
    return _at(day, 8)


def overdue_moment(termijn: Termijn) -> datetime.datetime:
    """The start of the day after the last day of the term; for a term counted in hours,
    its moment."""
    if termijn.uiterlijk_om is not None:
        return termijn.uiterlijk_om
    return _at(termijn.uiterlijk + datetime.timedelta(days=1))


def next_moment(termijn: Termijn) -> datetime.datetime | None:
    """When the term must next be looked at; None when nothing is left to send (a closed
    term, a suspended one until it resumes, a term reminded and escalated for its date)."""
    if termijn.status != Termijn.Status.LOPEND:
        return None
    if termijn.herinnerd_voor != termijn.uiterlijk:
        return reminder_moment(termijn)
    if termijn.geescaleerd_voor != termijn.uiterlijk:
        return overdue_moment(termijn)
    return None


def plan(termijn: Termijn) -> None:
    """Set when the sweep must next look at ``termijn``; the caller saves it."""
    termijn.volgende_controle = next_moment(termijn)


def due(termijn: Termijn, now: datetime.datetime) -> str:
    """What is due for the term at ``now``: "verlopen", "herinnering" or ""."""
    if termijn.status != Termijn.Status.LOPEND:
        return ""
    if now >= overdue_moment(termijn) and termijn.geescaleerd_voor != termijn.uiterlijk:
        return "verlopen"
    if now >= reminder_moment(termijn) and termijn.herinnerd_voor != termijn.uiterlijk:
        return "herinnering"
    return ""


@dataclass
class _Recipients:
    """The team leads, looked up once per batch."""

    team_leads: list[int]

    @classmethod
    def load(cls) -> "_Recipients":
        leads = (
            get_user_model()
            .objects.filter(groups__name=Rol.TEAMLEIDER, is_active=True)
            .values_list("pk", flat=True)
        )
        return cls(team_leads=list(leads))

    def owner(self, termijn: Termijn) -> list[int]:
        dossier_owner = termijn.dossier.behandelaar_id if termijn.dossier_id else None
        owner = termijn.eigenaar_id or dossier_owner
        return [owner] if owner else self.team_leads

    def of(self, termijn: Termijn, kind: str) -> list[int]:
        if kind == "verlopen":
            return self.owner(termijn) + self.team_leads
        return self.owner(termijn)


KINDS = {
    "verlopen": (Event.TERMIJN_VERLOPEN, TermijnWijziging.Soort.GEESCALEERD),
    "herinnering": (Event.TERMIJN_HERINNERING, TermijnWijziging.Soort.HERINNERD),
}


def _event(termijn: Termijn, kind: str, user_ids: list[int]) -> dict:
    """The domain event that tells the owner (and for an escalation the team leads)."""
    data = {
        "stap": termijn.omschrijving,
        "termijn": (
            dates.datum_tijd(termijn.uiterlijk_om)
            if termijn.uiterlijk_om
            else f"{dates.datum(termijn.uiterlijk)}"
        ),
        "user_ids": sorted(set(user_ids)),
    }
    event = {
        "event": KINDS[kind][0],
        "event_id": f"termijn:{termijn.pk}:{kind}:{termijn.uiterlijk.isoformat()}",
    }
    dossier = termijn.dossier
    if dossier is None:  # a data breach's term: about the breach, on its register's page
        subject = subject_of(termijn)
        return {
            **event,
            "instance": subject.instance,
            "nummer": subject.nummer,
            "data": {**data, "pad": subject.pad},
        }
    return {
        **event,
        "instance": dossier,
        "nummer": dossier.nummer,
        "status": dossier.status,
        "domein": dossier.domein,
        "data": {
            **data,
            "pad": f"/handhaving/dossier/{dossier.pk}/",
            "zorgaanbieder": dossier.zorgaanbieder.naam,
        },
    }


def _send(terms: list[Termijn], now: datetime.datetime) -> dict[int, str]:
    """Send what is due for each of ``terms`` (locked by the caller) and plan their next
    moment; returns what was sent per term id."""
    sent: dict[int, str] = {}
    history, events = [], []
    recipients = None
    for termijn in terms:
        kind = due(termijn, now)
        if kind == "verlopen":
            termijn.geescaleerd_voor = termijn.herinnerd_voor = termijn.uiterlijk
        elif kind == "herinnering":
            termijn.herinnerd_voor = termijn.uiterlijk
        plan(termijn)
        if not kind:
            continue
        recipients = recipients or _Recipients.load()
        sent[termijn.pk] = kind
        history.append(
            TermijnWijziging(termijn=termijn, soort=KINDS[kind][1], uiterlijk_oud=termijn.uiterlijk)
        )
        events.append(_event(termijn, kind, recipients.of(termijn, kind)))
    _update(terms, sent)
    TermijnWijziging.objects.bulk_create(history, batch_size=BATCH)
    emit_many(events)
    return sent


def _update(terms: list[Termijn], sent: dict[int, str]) -> None:
    """Write what was sent and the next moments: one UPDATE per kind and next moment (the
    terms of a sweep share a few due dates), not one per term."""
    groups: dict[tuple, list[int]] = {}
    for termijn in terms:
        groups.setdefault((sent.get(termijn.pk, ""), termijn.volgende_controle), []).append(
            termijn.pk
        )
    for (kind, moment), pks in groups.items():
        fields = {"volgende_controle": moment}
        if kind:
            fields["herinnerd_voor"] = F("uiterlijk")
        if kind == "verlopen":
            fields["geescaleerd_voor"] = F("uiterlijk")
        Termijn.objects.filter(pk__in=pks).update(**fields)


def _due_terms(now: datetime.datetime, limit: int):
    # Only the term's row is locked: a breach's term has no dossier (an outer join
    # PostgreSQL cannot lock); rows another sweep holds are skipped, not waited for.
    skip = connection.features.has_select_for_update_skip_locked
    return (
        Termijn.objects.select_for_update(skip_locked=skip, of=("self",))
        .select_related("dossier__zorgaanbieder")
        .filter(volgende_controle__lte=now)
        .order_by("volgende_controle", "pk")[:limit]
    )


def sweep(now: datetime.datetime | None = None, *, batch: int = BATCH) -> int:
    """Look at every term whose moment has come; returns how many messages went out."""
    now = now or timezone.now()
    count = 0
    while True:
        with transaction.atomic():
            terms = list(_due_terms(now, batch))
            count += len(_send(terms, now)) if terms else 0
        if len(terms) < batch:
            return count


@transaction.atomic
def check(termijn_pk: int, now: datetime.datetime | None = None) -> str:
    """Send what is due for one term now, whatever its planned moment; returns what was
    sent ("" for nothing)."""
    termijn = (
        Termijn.objects.select_for_update(of=("self",))
        .select_related("dossier__zorgaanbieder")
        .get(pk=termijn_pk)
    )
    return _send([termijn], now or timezone.now()).get(termijn.pk, "")
