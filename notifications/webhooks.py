"""Delivery receipts: anymail's tracking webhook (authenticated by anymail with the
``ANYMAIL_WEBHOOK_SECRET`` basic-auth credentials before this runs) updates the rows."""

from django.db import transaction

from .models import Notificatie, OntbrekendContact, Status
from .outbox import record_missing

DELIVERED = {"delivered"}
BOUNCED = {"bounced", "rejected", "failed"}


def on_tracking(sender, event, esp_name: str, **kwargs) -> None:
    if not event.message_id or event.event_type not in DELIVERED | BOUNCED:
        return
    with transaction.atomic():
        for row in Notificatie.objects.select_for_update().filter(message_id=event.message_id):
            if event.event_type in DELIVERED and row.status in (Status.VERZONDEN, Status.GEBOUNCED):
                row.afgeleverd()
                row.save()
            elif event.event_type in BOUNCED and row.status in (
                Status.VERZONDEN,
                Status.AFGELEVERD,
            ):
                row.gebounced(fout=(event.description or event.event_type)[:500])
                row.save()
                if row.gemeente_id:
                    record_missing(
                        gemeente=row.gemeente,
                        domein="",
                        event=row.event,
                        nummer=row.nummer,
                        adres=row.ontvanger,
                        reden=OntbrekendContact.Reden.GEBOUNCED,
                    )
