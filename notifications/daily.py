"""The daily overview: one mail per municipality contact with the informational changes
that waited for it (``notifications.timing``), grouped per dossier.

The changes are outbox rows already, written ``voor_overzicht`` in the transaction of each
change. Once a day (Celery beat, or ``manage.py daily_overview``) each contact with such
rows gets one overview row, and in the same transaction its rows become ``in_overzicht``
and point to it. The overview is then sent like any mail (claim, retries, Message-ID,
sweep), so a worker that stops loses nothing.

Once per contact and day: the overview's event id is ``dagoverzicht:<date>:<contact>``, and
a second run on that day queues nothing; changes made after the day's overview wait for
the next day's. A dossier that is secret (now, or when the change was queued) shows only
its number, "vertrouwelijk dossier" and that something changed, as the single mails do
(DESIGN.md section 4).
"""

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from dossieroverleg.selectors import is_hidden
from regio.events import Event
from regio.models import Contactpersoon

from .models import Notificatie, Status
from .outbox import queue
from .recipients import Recipient
from .rendering import dutch_date

CONFIDENTIAL = "vertrouwelijk dossier"
CHANGED = "Er is iets gewijzigd."


def send_daily_overviews(*, now: datetime.datetime | None = None) -> int:
    """Queue today's overview for every active contact with changes waiting; returns how
    many were queued (a second run on the same day queues none)."""
    now = now or timezone.now()
    waiting = Notificatie.objects.filter(
        status=Status.VOOR_OVERZICHT, aangemaakt_op__lte=now, contactpersoon__isnull=False
    ).values("contactpersoon")
    count = 0
    for contact in Contactpersoon.objects.filter(pk__in=waiting, actief=True).select_related(
        "gemeente"
    ):
        if queue_overview(contact=contact, now=now) is not None:
            count += 1
    return count


def event_id_for(contact: Contactpersoon, day: datetime.date) -> str:
    return f"dagoverzicht:{day.isoformat()}:{contact.pk}"


def queue_overview(*, contact: Contactpersoon, now: datetime.datetime) -> Notificatie | None:
    """The overview of ``contact``'s waiting changes up to ``now``, queued with them in one
    transaction; None when there is nothing to tell or today's overview went already."""
    day = timezone.localdate(now)
    event_id = event_id_for(contact, day)
    with transaction.atomic():
        # Locked, so that of two runs at once one takes the rows (the other finds none
        # waiting once the first commits); the check for today's overview comes after the
        # lock, so it sees the first run's.
        rows = list(
            Notificatie.objects.select_for_update()
            .filter(contactpersoon=contact, status=Status.VOOR_OVERZICHT, aangemaakt_op__lte=now)
            .order_by("aangemaakt_op", "id")
        )
        if not rows or Notificatie.objects.filter(event_id=event_id).exists():
            return None
        created = queue(
            event=Event.DAGELIJKS_OVERZICHT,
            event_id=event_id,
            instance=contact,
            nummer=f"dagoverzicht {dutch_date(day)}",
            status="",
            domein="",
            gemeenten=[],
            data={
                "datum": dutch_date(day),
                "dossiers": overview_lines(rows),
                "pad": "/handhaving/dossiers/",
                "_ontvanger": Recipient(
                    email=contact.email, gemeente=contact.gemeente, contactpersoon=contact
                ),
            },
        )
        if not created:
            return None
        overview = created[0]
        Notificatie.objects.filter(
            pk__in=[row.pk for row in rows], status=Status.VOOR_OVERZICHT
        ).update(status=Status.IN_OVERZICHT, overzicht=overview)
        return overview


def overview_lines(rows: Iterable[Notificatie]) -> list[dict]:
    """Per dossier (by number): its provider, its link and its changes in time order.

    A change shows the subject its own mail had. A dossier hidden now, or a change that
    was queued as confidential, shows the dossier only as confidential."""
    groups: dict[str, dict] = {}
    hidden = _hidden_now(rows)
    for row in rows:
        regel = row.overzicht_regel or {}
        secret = regel.get("vertrouwelijk") or (row.content_type_id, row.object_id) in hidden
        group = groups.setdefault(
            row.nummer,
            {"nummer": row.nummer, "zorgaanbieder": "", "link": "", "regels": [], "geheim": False},
        )
        group["geheim"] = group["geheim"] or secret
        group["zorgaanbieder"] = group["zorgaanbieder"] or regel.get("zorgaanbieder", "")
        group["link"] = group["link"] or regel.get("link", "")
        group["regels"].append({"op": dutch_date(row.aangemaakt_op), "wijziging": row.onderwerp})
    for group in groups.values():
        if group.pop("geheim"):
            group["zorgaanbieder"] = CONFIDENTIAL
            group["regels"] = [{**regel, "wijziging": CHANGED} for regel in group["regels"]]
    return [groups[nummer] for nummer in sorted(groups)]


def _hidden_now(rows: Iterable[Notificatie]) -> set[tuple[int, int]]:
    """(content type, id) of the objects among ``rows`` that belong to a secret dossier
    today: a dossier may have become secret after its change was queued."""
    hidden = set()
    seen = {(row.content_type_id, row.object_id) for row in rows if row.object_id}
    for content_type_id, object_id in seen:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        obj = model.objects.filter(pk=object_id).first()
        if obj is not None and is_hidden(None, obj):
            hidden.add((content_type_id, object_id))
    return hidden
