"""Reads of the outbox."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import Notificatie

# Who may see a reporter's own address in lists (the rest see "melder").
PERSONAL_PERMISSION = "meldpunt.persoonsgegevens_melding"


def notifications_for(obj: Model) -> QuerySet[Notificatie]:
    """The mails queued about ``obj`` (a dossier, a report, a provider), newest first."""
    return (
        Notificatie.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("gemeente", "contactpersoon")
        .order_by("-aangemaakt_op", "-id")
    )


def shown_recipient(row: Notificatie, user) -> str:
    """The recipient as a list shows it: a reporter's address is personal data, shown
    only to those who may see the reporter's details (DESIGN.md section 4)."""
    if row.aan_melder and not (user and user.has_perm(PERSONAL_PERMISSION)):
        return "melder"
    if row.gemeente_id:
        return f"{row.gemeente.naam} ({row.ontvanger})"
    return row.ontvanger
