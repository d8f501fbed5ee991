"""Reads of the outbox."""

from collections import Counter
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from .models import Notificatie, Status

# Who may see a reporter's own address in lists (the rest see "melder").
PERSONAL_PERMISSION = "meldpunt.persoonsgegevens_melding"
# Counted beside the statuses: sent again after an interrupted attempt.
MOGELIJK_DUBBEL = "mogelijk_dubbel"


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


def count_by_status(rows: Iterable[Notificatie]) -> list[tuple[str, int]]:
    """(label, number) per status that occurs, in the order of the statuses, and then
    "mogelijk dubbel": the mails sent again after an interrupted attempt, which the
    recipient may have had twice (they are also counted under their status)."""
    rows = list(rows)
    per_status = Counter(row.status for row in rows)
    counts = [(label, per_status[value]) for value, label in Status.choices if per_status[value]]
    doubles = sum(row.mogelijk_dubbel for row in rows)
    if doubles:
        counts.append((_("mogelijk dubbel"), doubles))
    return counts
