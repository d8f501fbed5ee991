"""A municipality leaves the arrangement (seed 002 art. 9.6): all its data in a durable open
format, read back into an empty system, and removed here with a statement.

The archive is a ZIP:

* ``data.json``: one document after ``privacy/schema/uittreding-v1.schema.json``;
* ``csv/<entity>.csv``: the same rows as tables (``;``, UTF-8, a header row), a child
  table carries its parent's id in the column named after the parent;
* ``documenten/<dossiernummer>/<id>-<naam>`` and ``bijlagen/<meldingnummer>/<id>-<naam>``:
  the stored files as they were uploaded;
* ``manifest.json``: schema, moment, municipality, counts per entity and the path, size and
  sha256 of every other file; ``SHA256SUMS``: the same sums, manifest included, for
  ``sha256sum -c``.

What is exported and how a column is written follows from one declaration (``TREE``) and
the models' fields: a municipality or arrangement by its code, a user by username, another
exported row by its ``id`` in the archive. Database keys of the source system are only
identifiers inside the archive; the import maps them to new rows.

``schema``: what the archive holds (``TREE``) and its JSON Schema; ``export``: writing it;
``load``: reading it back; ``removal``: removing the municipality's data here.
"""

from .export import export_dossier, export_municipality
from .load import import_archive
from .removal import REDEN_UITTREDING, remove_municipality
from .schema import (
    ENTITIES,
    PERMISSION,
    SCHEMA_ID,
    SCHEMA_PATH,
    SCHEMA_VERSIE,
    TREE,
    ImproperlyExported,
    build_schema,
    load_schema,
    validate,
)

__all__ = [
    "ENTITIES",
    "PERMISSION",
    "REDEN_UITTREDING",
    "SCHEMA_ID",
    "SCHEMA_PATH",
    "SCHEMA_VERSIE",
    "TREE",
    "ImproperlyExported",
    "build_schema",
    "export_dossier",
    "export_municipality",
    "import_archive",
    "load_schema",
    "remove_municipality",
    "validate",
]
