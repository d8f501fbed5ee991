"""The mails sent about a dossier on its timeline: one row per event, with whom it went
to and how far each got (sent, delivered, waiting for or in the daily overview)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .models import Notificatie
from .selectors import delivery_state


def entries(dossier, staff: bool):
    from dossieroverleg.timeline import Entry

    rows = (
        Notificatie.objects.filter(
            content_type=ContentType.objects.get_for_model(dossier), object_id=dossier.pk
        )
        .select_related("gemeente", "overzicht")
        .order_by("aangemaakt_op", "id")
    )
    per_event: dict[str, list[Notificatie]] = {}
    for row in rows:
        if row.gemeente is None and not staff:
            continue  # a colleague's mail (a term reminder) is for staff
        per_event.setdefault(row.event_id, []).append(row)
    for group in per_event.values():
        yield Entry(group[0].aangemaakt_op, _("e-mail"), describe(group))


def describe(rows: list[Notificatie]) -> str:
    """The subject, then per delivery state the municipalities (or, for a colleague, the
    address) it reached, one state a line."""
    by_state: dict[str, list[str]] = {}
    for row in rows:
        who = row.gemeente.naam if row.gemeente else row.ontvanger
        names = by_state.setdefault(delivery_state(row), [])
        if who not in names:
            names.append(who)
    lines = [
        _("%(state)s: %(who)s") % {"state": state, "who": ", ".join(sorted(names))}
        for state, names in by_state.items()
    ]
    return "\n".join([rows[0].onderwerp, *lines])


def register() -> None:
    from dossieroverleg.timeline import register as register_provider

    register_provider(entries)
