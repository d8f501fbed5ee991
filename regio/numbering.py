"""Gap-free yearly numbers (``RMZ-2026-00001``, ``HH-2026-0001``), safe under concurrency."""

from django.db import IntegrityError, transaction

from .models import Nummerreeks


def next_number(*, reeks: str, year: int, digits: int) -> str:
    """Draw the next number of ``reeks`` in ``year`` inside the caller's transaction.

    The series' row is locked (SELECT ... FOR UPDATE on PostgreSQL) until that transaction
    ends, so two callers cannot draw the same number, and a rolled-back caller gives its
    number back: the series stays gap-free.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number")
    try:
        with transaction.atomic():
            Nummerreeks.objects.get_or_create(reeks=reeks, jaar=year)
    except IntegrityError:
        pass  # created by a concurrent caller; lock it below
    row = Nummerreeks.objects.select_for_update().get(reeks=reeks, jaar=year)
    row.laatste += 1
    row.save(update_fields=["laatste"])
    return f"{reeks}-{year}-{row.laatste:0{digits}d}"
