"""Writing the outbox, in the transaction of the change that caused the mail.

The listener runs synchronously inside the domain service's ``transaction.atomic()``: if
the change rolls back, so do its rows. After the commit, ``queued`` says which rows were
written to be sent; ``tasks`` (which sends) listens and enqueues them. A row for the daily
overview (``timing``) is written ``voor_overzicht`` and not announced: the overview sends
it. The outbox only writes rows: it imports nothing that sends.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from dossieroverleg.selectors import is_hidden

from .models import Notificatie, OntbrekendContact, Status
from .privacy import check_mail
from .recipients import REPORTER_EVENTS, recipients_for
from .rendering import context_for, custom_template, render
from .timing import waits_for_overview

# Sent after the commit that wrote rows: ``ids`` of the new rows.
queued = Signal()

# The template of every mail about a secret dossier or a record of one.
CONFIDENTIAL = "vertrouwelijk"


def on_domain_event(
    sender,
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
) -> None:
    queue(
        event=event,
        event_id=event_id,
        instance=instance,
        nummer=nummer,
        status=status,
        domein=domein,
        gemeenten=gemeenten,
        data=data,
    )


def queue(
    *,
    event: str,
    event_id: str,
    instance,
    nummer: str,
    status: str,
    domein: str,
    gemeenten: list[str],
    data: dict,
) -> list[Notificatie]:
    recipients, missing = recipients_for(event=event, gemeenten=gemeenten, domein=domein, data=data)
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
    confidential = confidential and is_hidden(None, instance)
    if confidential:
        data = {key: data[key] for key in ("pad", "gevraagd") if key in data}
        status_label = CONFIDENTIAL
    custom = None if confidential else custom_template(event)
    event_id = event_id[:120]
    already = set(
        Notificatie.objects.filter(
            event_id=event_id, ontvanger__in=[r.email for r in recipients]
        ).values_list("ontvanger", flat=True)
    )
    rows = []
    for recipient in recipients:
        if recipient.email in already:
            continue  # the same event for the same recipient: already queued once
        already.add(recipient.email)
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
    created = _insert(rows)
    ids = [row.pk for row in created if row.status == Status.WACHTEND]
    if ids:
        transaction.on_commit(lambda: queued.send(sender=Notificatie, ids=ids))
    return created


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
