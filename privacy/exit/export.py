"""Writing the exit archive of a municipality: which rows are its own (``_select``), each
row as a data.json object and a CSV row, the stored files, the manifest and its sums."""

import csv
import datetime
import io
import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jsonschema
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from dossieroverleg import models as d
from meldpunt import models as m
from regio import models as r
from regio.audit import Actie, record

from ..access import require
from .schema import (
    ENTITIES,
    FILE_FOLDER,
    PERMISSION,
    SCHEMA_ID,
    SCHEMA_VERSIE,
    TREE,
    Entity,
    ImproperlyExported,
    Progress,
    reference_kind,
    sha256_of,
    validate,
)


@dataclass
class _Selection:
    zorgaanbieders: list
    vestigingen: list
    contracten: list
    meldingen: list
    dossiers: list


def _select(gemeente: r.Gemeente) -> _Selection:
    dossiers = list(
        d.Dossier.objects.filter(betrokken_gemeenten=gemeente).distinct().order_by("nummer")
    )
    via_dossier = m.Melding.objects.filter(dossiers__in=dossiers)
    without = m.Melding.objects.filter(dossiers__isnull=True).filter(
        Q(vestiging_gemeente=gemeente) | Q(contracten__gemeenten=gemeente)
    )
    meldingen = list(
        m.Melding.objects.filter(Q(pk__in=via_dossier) | Q(pk__in=without))
        .distinct()
        .order_by("ontvangen_op", "pk")
    )
    return _around(dossiers, meldingen)


def _select_dossier(dossier: d.Dossier) -> _Selection:
    """One dossier with its reports: a case file transferred for permanent keeping."""
    meldingen = list(dossier.meldingen.order_by("ontvangen_op", "pk"))
    return _around([dossier], meldingen)


def _around(dossiers: list, meldingen: list) -> _Selection:
    """The providers, locations and contracts the dossiers and reports refer to."""
    contracten = r.Contract.objects.filter(
        Q(dossiers__in=dossiers) | Q(meldingen__in=meldingen)
    ).distinct()
    vestigingen = r.Vestiging.objects.filter(dossiers__in=dossiers).distinct()
    aanbieders = r.Zorgaanbieder.objects.filter(
        Q(dossiers__in=dossiers)
        | Q(meldingen__in=meldingen)
        | Q(contracten__in=contracten)
        | Q(vestigingen__in=vestigingen)
    ).distinct()
    return _Selection(
        zorgaanbieders=list(aanbieders.order_by("pk")),
        vestigingen=list(vestigingen.order_by("pk")),
        contracten=list(contracten.order_by("pk")),
        meldingen=meldingen,
        dossiers=dossiers,
    )


class _Writer:
    """Turns rows into data.json objects and CSV rows, and collects the files."""

    def __init__(self):
        self.codes = {
            r.Gemeente: dict(r.Gemeente.objects.values_list("pk", "code")),
            r.Samenwerkingsverband: dict(r.Samenwerkingsverband.objects.values_list("pk", "code")),
        }
        self.usernames = dict(get_user_model().objects.values_list("pk", "username"))
        self.tables: dict[str, list[dict]] = {e.name: [] for e in ENTITIES}
        self.files: list[tuple[str, models.FieldFile]] = []

    def value(self, obj, f: models.Field):
        raw = getattr(obj, f.attname)
        if raw is None:
            return None
        if f.is_relation:
            kind = reference_kind(f.related_model)
            if kind == "code":
                return self.codes[f.related_model][raw]
            if kind == "gebruiker":
                return self.usernames.get(raw)
            return raw
        if isinstance(raw, Decimal):
            return str(raw)
        if isinstance(raw, datetime.date):  # also datetime
            return raw.isoformat()
        if isinstance(raw, models.fields.files.FieldFile):
            return self.file_path(obj)
        return raw

    def m2m_value(self, obj, f: models.Field) -> list:
        pks = sorted(getattr(obj, f.name).values_list("pk", flat=True))
        kind = reference_kind(f.related_model)
        if kind == "code":
            return sorted(self.codes[f.related_model][pk] for pk in pks)
        if kind == "gebruiker":
            return sorted(self.usernames[pk] for pk in pks)
        return pks

    def file_path(self, obj) -> str:
        if isinstance(obj, d.Document):
            owner = obj.dossier.nummer
        else:
            owner = obj.melding.nummer or f"melding-{obj.melding_id}"
        naam = get_valid_filename(Path(obj.naam).name) or "bestand"
        return f"{FILE_FOLDER[type(obj)]}/{get_valid_filename(owner)}/{obj.pk}-{naam}"

    def row(self, entity: Entity, obj, parent_id: int | None) -> dict:
        data = {"id": obj.pk}
        csv_row = {"id": obj.pk}
        if entity.parent:
            csv_row[entity.parent] = parent_id
        for f in entity.fields():
            data[f.name] = csv_row[f.name] = self.value(obj, f)
            if isinstance(f, models.FileField):
                self.files.append((data[f.name], getattr(obj, f.name)))
        for f in entity.m2m_fields():
            data[f.name] = csv_row[f.name] = self.m2m_value(obj, f)
        self.tables[entity.name].append(csv_row)
        for child in entity.children:
            if child.one:
                try:
                    related = getattr(obj, child.json_key)
                except ObjectDoesNotExist:
                    related = None
                data[child.json_key] = related and self.row(child, related, obj.pk)
            else:
                data[child.json_key] = [
                    self.row(child, x, obj.pk) for x in getattr(obj, child.json_key).all()
                ]
        return data


def _csv(entity: Entity, rows: list[dict]) -> bytes:
    columns = ["id"] + ([entity.parent] if entity.parent else [])
    columns += [f.name for f in entity.fields()] + list(entity.m2m)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue().encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ",".join(str(x) for x in value)
    return str(value)


def export_municipality(*, gemeente: r.Gemeente, by, fileobj, progress: Progress | None = None):
    """Write the archive of ``gemeente`` to ``fileobj`` and return its manifest."""
    require(by, PERMISSION)
    manifest, files = _write(
        _select(gemeente), gemeente=gemeente, by=by, fileobj=fileobj, progress=progress
    )
    record(
        Actie.EXPORTEREN,
        user=by,
        object_type="gemeente",
        object_id=gemeente.code,
        toelichting=_("uittreding: %(d)s dossiers, %(m)s meldingen, %(b)s bestanden")
        % {
            "d": manifest["aantallen"]["dossiers"],
            "m": manifest["aantallen"]["meldingen"],
            "b": files,
        },
    )
    return manifest


def export_dossier(*, dossier: d.Dossier, gemeente: r.Gemeente, by, fileobj) -> dict:
    """Write one dossier, with its reports and documents, in the exit format to
    ``fileobj`` (for its transfer to the archive of ``gemeente``, Archiefwet 1995 art. 12;
    DVO BW/MO art. 9 lid 5) and return the manifest. The caller checks the permission."""
    manifest, files = _write(_select_dossier(dossier), gemeente=gemeente, by=by, fileobj=fileobj)
    record(
        Actie.EXPORTEREN,
        dossier,
        user=by,
        toelichting=_("overbrenging: %(b)s bestanden") % {"b": files},
    )
    return manifest


def _write(
    selection: _Selection, *, gemeente: r.Gemeente, by, fileobj, progress: Progress | None = None
) -> tuple[dict, int]:
    """Write the ZIP of ``selection``; return its manifest and the number of stored files."""
    now = timezone.now()
    writer = _Writer()
    data = {
        "schema": SCHEMA_ID,
        "schema_versie": SCHEMA_VERSIE,
        "aangemaakt_op": now.isoformat(),
        "gemeente": {"code": gemeente.code, "naam": gemeente.naam},
    }
    total = sum(len(getattr(selection, e.name)) for e in TREE)
    done = 0
    for entity in TREE:
        data[entity.json_key] = []
        for obj in getattr(selection, entity.name):
            data[entity.json_key].append(writer.row(entity, obj, None))
            done += 1
            if progress:
                progress(done, total)
    try:
        validate(data)
    except jsonschema.ValidationError as exc:
        # Our own output must follow our own schema; if not, the models changed without a
        # new schema version.
        raise ImproperlyExported(f"data.json volgt het schema niet: {exc.message}") from exc

    sums: dict[str, tuple[int, str]] = {}
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def put(path: str, content: bytes) -> None:
            archive.writestr(path, content)
            sums[path] = (len(content), sha256_of(content))

        put("data.json", json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
        for entity in ENTITIES:
            put(f"csv/{entity.name}.csv", _csv(entity, writer.tables[entity.name]))
        for path, bestand in writer.files:
            try:
                with bestand.open("rb") as handle:
                    put(path, handle.read())
            except FileNotFoundError as exc:
                raise ValidationError(
                    _("Het bestand %(pad)s ontbreekt in de opslag.") % {"pad": path}
                ) from exc
        manifest = {
            "schema": {"id": SCHEMA_ID, "versie": SCHEMA_VERSIE},
            "aangemaakt_op": now.isoformat(),
            "aangemaakt_door": by.get_username(),
            "gemeente": {"code": gemeente.code, "naam": gemeente.naam},
            "aantallen": {name: len(rows) for name, rows in writer.tables.items()},
            "bestanden": [
                {"pad": path, "grootte": size, "sha256": digest}
                for path, (size, digest) in sums.items()
            ],
        }
        put("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        archive.writestr(
            "SHA256SUMS", "".join(f"{digest}  {path}\n" for path, (_s, digest) in sums.items())
        )
    return manifest, len(writer.files)
