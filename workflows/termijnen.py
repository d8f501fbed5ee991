"""When a term's timer fires and what it does: a reminder to the owner some working days
before the end, an escalation to the team leads once the last day has passed. A term
counted in hours (a data breach is told to the municipalities within 24 hours, DVO BW/MO
Bijlage B 4.2) is reminded some hours before its moment and escalated at that moment.

Each is sent once per due date, however often or concurrently the timers are fired: the
term's row is locked and the due date the message went out for is stored on it. When the
due date moves (suspension, extension), the waiting timer is moved with it, and a new
reminder goes out for the new date.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from regio import dates
from regio.events import Event, emit
from regio.roles import Rol
from termijnen.deadlines import working_days_before
from termijnen.models import Termijn, TermijnWijziging
from termijnen.subjects import subject_of


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
    """When the timer must next look at the term; None when nothing is left to send."""
    if termijn.status == Termijn.Status.AFGEROND:
        return None
    if termijn.status == Termijn.Status.OPGESCHORT:
        # The end is unknown until the term resumes (which moves the timer); look daily.
        return timezone.now() + datetime.timedelta(days=1)
    if termijn.herinnerd_voor != termijn.uiterlijk:
        return reminder_moment(termijn)
    if termijn.geescaleerd_voor != termijn.uiterlijk:
        return overdue_moment(termijn)
    return None


def _team_leads() -> list[int]:
    return list(
        get_user_model()
        .objects.filter(groups__name=Rol.TEAMLEIDER, is_active=True)
        .values_list("pk", flat=True)
    )


def _owner(termijn: Termijn) -> list[int]:
    owner = termijn.eigenaar_id or (termijn.dossier.behandelaar_id if termijn.dossier else None)
    return [owner] if owner else _team_leads()


def _announce(termijn: Termijn, event: str, kind: str, user_ids: list[int]) -> None:
    dossier = termijn.dossier
    data = {
        "stap": termijn.omschrijving,
        "termijn": (
            dates.datum_tijd(termijn.uiterlijk_om)
            if termijn.uiterlijk_om
            else f"{dates.datum(termijn.uiterlijk)}"
        ),
        "user_ids": sorted(set(user_ids)),
    }
    event_id = f"termijn:{termijn.pk}:{kind}:{termijn.uiterlijk.isoformat()}"
    if dossier is None:  # a data breach's term: about the breach, on its register's page
        subject = subject_of(termijn)
        emit(
            event,
            event_id=event_id,
            instance=subject.instance,
            nummer=subject.nummer,
            data={**data, "pad": subject.pad},
        )
        return
    emit(
        event,
        event_id=event_id,
        instance=dossier,
        nummer=dossier.nummer,
        status=dossier.status,
        domein=dossier.domein,
        data={
            **data,
            "pad": f"/handhaving/dossier/{dossier.pk}/",
            "zorgaanbieder": dossier.zorgaanbieder.naam,
        },
    )


@transaction.atomic
def check(termijn_pk: int, now: datetime.datetime | None = None) -> str:
    """Send what is due for the term now; returns what was sent ("" for nothing)."""
    now = now or timezone.now()
    termijn = (
        # Only the term's row: a breach's term has no dossier (an outer join PostgreSQL
        # cannot lock).
        Termijn.objects.select_for_update(of=("self",))
        .select_related("dossier__zorgaanbieder")
        .get(pk=termijn_pk)
    )
    if termijn.status != Termijn.Status.LOPEND:
        return ""
    if now >= overdue_moment(termijn) and termijn.geescaleerd_voor != termijn.uiterlijk:
        termijn.geescaleerd_voor = termijn.herinnerd_voor = termijn.uiterlijk
        termijn.save(update_fields=["geescaleerd_voor", "herinnerd_voor"])
        TermijnWijziging.objects.create(
            termijn=termijn,
            soort=TermijnWijziging.Soort.GEESCALEERD,
            uiterlijk_oud=termijn.uiterlijk,
        )
        _announce(termijn, Event.TERMIJN_VERLOPEN, "verlopen", _owner(termijn) + _team_leads())
        return "verlopen"
    if now >= reminder_moment(termijn) and termijn.herinnerd_voor != termijn.uiterlijk:
        termijn.herinnerd_voor = termijn.uiterlijk
        termijn.save(update_fields=["herinnerd_voor"])
        TermijnWijziging.objects.create(
            termijn=termijn, soort=TermijnWijziging.Soort.HERINNERD, uiterlijk_oud=termijn.uiterlijk
        )
        _announce(termijn, Event.TERMIJN_HERINNERING, "herinnering", _owner(termijn))
        return "herinnering"
    return ""
