"""Gap-free yearly numbers (``RMZ-2026-00001``, ``HH-2026-0001``), safe under concurrency.

A number is drawn with one statement, ``UPDATE … SET laatste = laatste + 1 … RETURNING``,
which locks the series' row until the caller's transaction ends: two callers cannot draw
the same number, and a rolled-back caller gives its number back, so the series stays
gap-free (ADR 12). Callers draw the number as late as they can in their transaction, so
the next one waits no longer than the rest of that transaction.
"""

from django.db import IntegrityError, connection, transaction

from .models import Nummerreeks


def _draw(reeks: str, year: int) -> int | None:
    table = connection.ops.quote_name(Nummerreeks._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET laatste = laatste + 1 "  # noqa: S608 - the table's own name
            "WHERE reeks = %s AND jaar = %s RETURNING laatste",
            [reeks, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def next_number(*, reeks: str, year: int, digits: int) -> str:
    """Draw the next number of ``reeks`` in ``year`` inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number")
    number = _draw(reeks, year)
    if number is None:  # the first number of the year: make the series, then draw
        try:
            with transaction.atomic():
                Nummerreeks.objects.create(reeks=reeks, jaar=year)
        except IntegrityError:
            pass  # made by a concurrent caller meanwhile
        number = _draw(reeks, year)
    return f"{reeks}-{year}-{number:0{digits}d}"
