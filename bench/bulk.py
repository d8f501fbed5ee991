"""Many rows of one model written fast, for the volume generator: PostgreSQL's COPY
through psycopg 3 (no model instances, no SQL per batch), and ``bulk_create`` on any other
database (SQLite, for a small volume).

While loading, the tables' foreign keys and plain indexes can be set aside and made again
afterwards (``Writer.indexes_after``), as ``pg_restore`` does: one pass over each table
instead of an index entry and a deferred check per row. The foreign keys are still checked,
all rows at once, when they are added back.

Values are given as the database stores them: a foreign key as its id, a flow or a task as
its reference string; JSON as Python lists or dicts. A field left out gets its default (an
``auto_now_add`` field: now), so a new field with a default needs no change here.
"""

import contextlib
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection, models
from django.utils import timezone


class Writer:
    def __init__(self):
        self.postgresql = connection.vendor == "postgresql"
        # Elsewhere than PostgreSQL: the next id to hand out per table.
        self._next: dict[str, int] = {}

    def reserve(self, model: type[models.Model], count: int) -> range:
        """``count`` fresh primary keys for ``model``, to refer to before the rows exist."""
        if count <= 0:
            return range(0)
        table, pk = model._meta.db_table, model._meta.pk.column
        if self.postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
                sequence = cursor.fetchone()[0]
                # nextval is the first of the block; the sequence then stands at its last.
                cursor.execute(
                    "SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count]
                )
                last = cursor.fetchone()[0]
            return range(last - count + 1, last + 1)
        if table not in self._next:
            highest = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self._next[table] = highest + 1
        first = self._next[table]
        self._next[table] = first + count
        return range(first, first + count)

    @contextlib.contextmanager
    def indexes_after(self, models_: Iterable[type[models.Model]]) -> Iterator[None]:
        """Within the block, the foreign keys and the indexes that back no constraint (the
        primary and unique keys stay) of these models' tables, including their many-to-many
        tables, are dropped; on leaving they are made again. In the caller's transaction:
        on an error everything is as it was."""
        if not self.postgresql:
            yield
            return
        tables = set()
        for model in models_:
            tables.add(model._meta.db_table)
            tables.update(
                f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many
            )
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            # Checks still pending (of rows written before) must not hold the tables.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                [sorted(tables)],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid::regclass::text = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)",
                [sorted(tables)],
            )
            indexes = cursor.fetchall()
            for table, name, _ in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {name}")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                cursor.execute(definition)
            for table, name, definition in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def write(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]
    ) -> int:
        """Insert ``rows`` (tuples in the order of ``fields``, attribute names such as
        ``dossier_id``); returns how many."""
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        if not self.postgresql:
            objects = [model(**dict(zip(fields, row, strict=True))) for row in rows]
            model.objects.bulk_create(objects, batch_size=2000)
            return len(objects)
        now = timezone.now()
        rest = [
            f
            for f in meta.local_concrete_fields
            if f not in given and not (f.primary_key and isinstance(f, models.AutoField))
        ]
        defaults = tuple(f.get_db_prep_save(_default(f, now), connection) for f in rest)
        json_at = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in [*given, *rest])
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                if json_at:
                    row = list(row)
                    for i in json_at:
                        row[i] = given[i].get_db_prep_save(row[i], connection)
                copy.write_row((*row, *defaults))
                count += 1
        return count


def _default(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()
