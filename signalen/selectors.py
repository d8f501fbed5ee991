"""Reading signals: a user's own, without those about a dossier now hidden from them
(need to know is asked again when shown: a dossier may have become secret since)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from dossieroverleg.selectors import hidden_records

from .models import Signaal


def hidden_subjects(user) -> Q | None:
    """Signals about a dossier (or a record of one) hidden from ``user``, as a condition;
    None when nothing is hidden. ``user=None``: a mail's reader."""
    records = hidden_records(user)
    if not records:
        return None
    hidden = Q()
    for model, ids in records.items():
        hidden |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return hidden


def signals_of(user) -> QuerySet[Signaal]:
    """``user``'s signals, newest first."""
    signals = Signaal.objects.filter(gebruiker=user)
    hidden = hidden_subjects(user)
    return signals if hidden is None else signals.exclude(hidden)


def waiting(signals: QuerySet[Signaal]) -> QuerySet[Signaal]:
    """Unread, and the work still waits."""
    return signals.filter(gelezen_op=None, afgehandeld_op=None)


def unread_count(user) -> int:
    """What the badge shows: one query, however many signals there are."""
    return waiting(signals_of(user)).count()


def for_mail(user, *, since) -> QuerySet[Signaal]:
    """``user``'s waiting signals made since ``since`` and in no daily mail yet, oldest
    first, each marked ``vertrouwelijk`` when its dossier is secret: a mail leaves the
    system, so it shows such a signal with its number and what waits, nothing more
    (DESIGN.md section 4)."""
    rows = (
        waiting(signals_of(user))
        .filter(aangemaakt_op__gte=since, gemaild_op=None)
        .order_by("aangemaakt_op", "id")
    )
    secret = hidden_subjects(None)
    if secret is None:
        return rows.annotate(vertrouwelijk=Value(False, BooleanField()))
    return rows.annotate(
        vertrouwelijk=Case(
            When(secret, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )
