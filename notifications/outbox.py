"""Writing the outbox, in the transaction of the change that caused the mail.

The listener runs synchronously inside the domain service's ``transaction.atomic()``: if
the change rolls back, so do its rows. After the commit, ``queued`` says which rows were
written to be sent; ``tasks`` (which sends) listens and enqueues them. A row for the daily
overview (``timing``) is written ``voor_overzicht`` and not announced: the overview sends
it. The outbox only writes rows: it imports nothing that sends.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from dossieroverleg.selectors import hidden_among

from .models import Notificatie, OntbrekendContact, Sjabloon, Status
from .privacy import check_mail
from .recipients import INTERNAL_EVENTS, REPORTER_EVENTS, recipients_for
from .rendering import context_for, render
from .timing import waits_for_overview

# Sent after the commit that wrote rows: ``ids`` of the new rows.
queued = Signal()

# The template of every mail about a secret dossier or a record of one.
CONFIDENTIAL = "vertrouwelijk"


def on_domain_event(sender, **event) -> None:
    queue(**event)


def queue(**event) -> list[Notificatie]:
    """The rows for one event (the keyword arguments of a domain event)."""
    return queue_many([event])


class _Lookups:
    """What the events of a batch share, looked up once: the staff users named by internal
    events, which of the instances belong to a secret dossier, the edited templates."""

    def __init__(self, events: list[dict]) -> None:
        user_ids = {
            pk
            for e in events
            if e["event"] in INTERNAL_EVENTS
            for pk in e["data"].get("user_ids", [])
        }
        self.users = (
            {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids, is_active=True)}
            if user_ids
            else {}
        )
        by_model: dict[type, set] = {}
        for e in events:
            instance = e["instance"]
            if instance.pk and e["event"] not in REPORTER_EVENTS:
                by_model.setdefault(instance._meta.concrete_model, set()).add(instance.pk)
        self.hidden = set()
        for model, pks in by_model.items():
            self.hidden |= {(model, pk) for pk in hidden_among(None, model, pks)}
        self.custom: dict[str, object] = {}
        for template in Sjabloon.objects.filter(event__in={e["event"] for e in events}):
            self.custom.setdefault(template.event, template)

    def is_hidden(self, instance) -> bool:
        return (instance._meta.concrete_model, instance.pk) in self.hidden


def queue_many(events: list[dict]) -> list[Notificatie]:
    """The rows for several events (each the keyword arguments of a domain event), with one
    lookup of what they share and one INSERT."""
    lookups = _Lookups(events)
    rows = [row for event in events for row in _rows(lookups, **event)]
    already = set(
        Notificatie.objects.filter(event_id__in={row.event_id for row in rows}).values_list(
            "event_id", "ontvanger"
        )
    )
    fresh = []
    for row in rows:
        if (row.event_id, row.ontvanger) in already:
            continue  # the same event for the same recipient: already queued once
        already.add((row.event_id, row.ontvanger))
        fresh.append(row)
    created = _insert(fresh) if fresh else []
    ids = [row.pk for row in created if row.status == Status.WACHTEND]
    if ids:
        transaction.on_commit(lambda: queued.send(sender=Notificatie, ids=ids))
    return created


def _rows(
    lookups: _Lookups,
    *,
    event: str,
    event_id: str,
    instance,
    nummer: str,
    status: str,
    domein: str,
    gemeenten: list[str],
    data: dict,
    **kwargs,
) -> list[Notificatie]:
    recipients, missing = recipients_for(
        event=event, gemeenten=gemeenten, domein=domein, data=data, users=lookups.users
    )
    for gap in missing:
        record_missing(
            gemeente=gap.gemeente,
            domein=gap.domein,
            event=event,
            nummer=nummer,
            reden=OntbrekendContact.Reden.GEEN_CONTACT,
        )
    if not recipients:
        return []
    status_label = getattr(instance, "get_status_display", lambda: status)() or status
    content_type = ContentType.objects.get_for_model(instance) if instance.pk else None
    personal = data.get("_persoonlijk", [])
    # A secret dossier (DESIGN.md section 4): the mail says its number, that something
    # changed and what is asked, nothing more. A reporter's mails are about their own report.
    confidential = bool(instance.pk) and event not in REPORTER_EVENTS
    confidential = confidential and lookups.is_hidden(instance)
    if confidential:
        data = {key: data[key] for key in ("pad", "gevraagd") if key in data}
        status_label = CONFIDENTIAL
    custom = None if confidential else lookups.custom.get(event)
    event_id = event_id[:120]
    rows, seen = [], set()
    for recipient in recipients:
        if recipient.email in seen:
            continue
        seen.add(recipient.email)
        context = context_for(
            event=event, nummer=nummer, status=status_label, data=data, gemeente=recipient.gemeente
        )
        mail = render(event=CONFIDENTIAL if confidential else event, context=context, custom=custom)
        check_mail(
            parts=[mail.onderwerp, mail.tekst, mail.html],
            recipient=recipient.email,
            personal=personal,
        )
        later = waits_for_overview(event=event, recipient=recipient, domein=domein, data=data)
        rows.append(
            Notificatie(
                event=event,
                event_id=event_id,
                content_type=content_type,
                object_id=instance.pk,
                nummer=nummer,
                ontvanger=recipient.email,
                gemeente=recipient.gemeente,
                contactpersoon=recipient.contactpersoon,
                gebruiker_id=recipient.gebruiker_id,
                sjabloon=mail.sjabloon,
                onderwerp=mail.onderwerp,
                tekst=mail.tekst,
                html=mail.html,
                status=Status.VOOR_OVERZICHT if later else Status.WACHTEND,
                overzicht_regel=(
                    {
                        "zorgaanbieder": context["zorgaanbieder"],
                        "link": context["link"],
                        "vertrouwelijk": confidential,
                    }
                    if later
                    else {}
                ),
            )
        )
    return rows


def _insert(rows: list[Notificatie]) -> list[Notificatie]:
    """One INSERT for all recipients; if another transaction queued one of them meanwhile
    (the unique event-recipient constraint), row by row, skipping the duplicates."""
    try:
        with transaction.atomic():
            return Notificatie.objects.bulk_create(rows)
    except IntegrityError:
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                continue
            created.append(row)
        return created


def record_missing(
    *, gemeente, domein: str, event: str, nummer: str, reden: str, adres: str = ""
) -> None:
    row = OntbrekendContact.objects.filter(
        gemeente=gemeente, domein=domein, reden=reden, adres=adres, opgelost=False
    ).first()
    if row is None:
        OntbrekendContact.objects.create(
            gemeente=gemeente, domein=domein, reden=reden, adres=adres, event=event, nummer=nummer
        )
    else:
        row.aantal += 1
        row.event, row.nummer, row.laatst_op = event, nummer, timezone.now()
        row.save(update_fields=["aantal", "event", "nummer", "laatst_op"])
