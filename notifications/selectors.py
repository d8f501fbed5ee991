"""Reads of the outbox."""

from collections import Counter
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notificatie, Status
from .rendering import dutch_date

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
        .select_related("gemeente", "contactpersoon", "overzicht")
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


def delivery_state(row: Notificatie, *, doubles: bool = True) -> str:
    """How far a mail got, as a page says it: its status (and, with ``doubles``, whether
    it may have arrived twice), or for a change that went in a daily overview,
    "in dagoverzicht" with the overview's."""
    if row.status == Status.IN_OVERZICHT and row.overzicht_id:
        return _("in dagoverzicht van %(datum)s, %(status)s") % {
            "datum": dutch_date(timezone.localtime(row.overzicht.aangemaakt_op).date()),
            "status": delivery_state(row.overzicht),
        }
    state = row.get_status_display()
    if doubles and row.mogelijk_dubbel:
        state = _("%(status)s, mogelijk dubbel") % {"status": state}
    return str(state)


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
