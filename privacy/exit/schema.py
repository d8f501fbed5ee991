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
"""

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import jsonschema
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from dossieroverleg import models as d
from dossieroverleg.pdf import render_pdf
from meldpunt import models as m
from regio import models as r
from regio.audit import Actie, record
from regio.models import Nummerreeks

from .access import require
from .archive import destroy_dossier, destroy_melding

PERMISSION = "privacy.uittreding_vernietigingslijst"
SCHEMA_PATH = Path(__file__).parent / "schema" / "uittreding-v1.schema.json"
SCHEMA_ID = "https://handhaving-rob.example.org/schema/uittreding-v1.schema.json"
SCHEMA_VERSIE = "1.0"
REDEN_UITTREDING = "uittreding"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Entity:
    """One kind of row in the archive: its CSV table, its key in data.json (under its
    parent, or at the top), and the rows that hang off it."""

    name: str
    model: type[models.Model]
    key: str = ""
    parent: str = ""  # the foreign key to the parent row
    one: bool = False  # at most one per parent (a one-to-one relation)
    m2m: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    children: tuple["Entity", ...] = field(default=())

    @property
    def json_key(self) -> str:
        return self.key or self.name

    def fields(self) -> list[models.Field]:
        skip = {"id", self.parent, *self.exclude}
        return [f for f in self.model._meta.concrete_fields if f.name not in skip]

    def m2m_fields(self) -> list[models.Field]:
        return [self.model._meta.get_field(name) for name in self.m2m]


def _child(name, model, key, parent, **kwargs) -> Entity:
    return Entity(name, model, key=key, parent=parent, **kwargs)


# Children are read back in this order: a row refers only to rows before it
# (a step to its term, a trajectory to the decision, a document to its activity or step).
TREE: tuple[Entity, ...] = (
    Entity("zorgaanbieders", r.Zorgaanbieder),
    Entity("vestigingen", r.Vestiging),
    Entity("contracten", r.Contract, m2m=("gemeenten",)),
    Entity(
        "meldingen",
        m.Melding,
        m2m=("contracten",),
        exclude=("idempotency_key",),  # a client's retry key, meaningless elsewhere
        children=(
            _child("clienten", m.Client, "clienten", "melding"),
            _child("wegingen", m.Weging, "weging", "melding", one=True),
            _child("doorgeleidingen", m.Doorgeleiding, "doorgeleiding", "melding", one=True),
            _child("bijlagen", m.Bijlage, "bijlagen", "melding"),
            _child("melding_statuswijzigingen", m.StatusWijziging, "historie", "melding"),
        ),
    ),
    Entity(
        "dossiers",
        d.Dossier,
        m2m=("meldingen", "contracten", "vestigingen", "betrokken_gemeenten", "medebehandelaars"),
        children=(
            _child("dossier_statuswijzigingen", d.StatusWijziging, "historie", "dossier"),
            _child(
                "betrokkenheid_wijzigingen",
                d.BetrokkenheidWijziging,
                "betrokkenheid_wijzigingen",
                "dossier",
            ),
            _child("onderzoeksactiviteiten", d.Onderzoeksactiviteit, "activiteiten", "dossier"),
            _child(
                "termijnen",
                d.Termijn,
                "termijnen",
                "dossier",
                children=(
                    _child("opschortingen", d.Opschorting, "opschortingen", "termijn"),
                    _child("termijn_wijzigingen", d.TermijnWijziging, "historie", "termijn"),
                ),
            ),
            _child("adviezen", d.Advies, "adviezen", "dossier"),
            _child("besluiten", d.Besluit, "besluit", "dossier", one=True),
            _child(
                "juridische_trajecten",
                d.JuridischTraject,
                "trajecten",
                "dossier",
                children=(_child("traject_stappen", d.TrajectStap, "stappen", "traject"),),
            ),
            _child("documenten", d.Document, "documenten", "dossier"),
            _child("nazorgverzoeken", d.NazorgVerzoek, "nazorg", "dossier"),
            _child("verbeterplannen", d.Verbeterplan, "verbeterplannen", "dossier"),
            _child(
                "meerwerkverzoeken",
                d.MeerwerkVerzoek,
                "meerwerk",
                "dossier",
                children=(
                    _child("meerwerk_standpunten", d.MeerwerkStandpunt, "standpunten", "verzoek"),
                ),
            ),
            _child("escalaties", d.Escalatie, "escalaties", "dossier"),
            _child("inzet", d.Inzet, "inzet", "dossier"),
        ),
    ),
)


def _walk(entities=TREE):
    for entity in entities:
        yield entity
        yield from _walk(entity.children)


ENTITIES: list[Entity] = list(_walk())
ENTITY_OF_MODEL = {e.model: e.name for e in ENTITIES}
FILE_FOLDER = {m.Bijlage: "bijlagen", d.Document: "documenten"}


def _reference_kind(target) -> str:
    """How a foreign key to ``target`` is written: a code, a username or an archive id."""
    if target is r.Gemeente or target is r.Samenwerkingsverband:
        return "code"
    if target is get_user_model():
        return "gebruiker"
    if target in ENTITY_OF_MODEL:
        return "id"
    raise ImproperlyExported(target)


class ImproperlyExported(Exception):
    """A model refers to something the archive cannot express: a bug in ``TREE``."""


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(data: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` does not follow the schema."""
    schema = load_schema()
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)


# The schema -------------------------------------------------------------------------------


def _field_schema(f: models.Field) -> dict:
    if f.is_relation:
        kind = _reference_kind(f.related_model)
        schema = {"type": "integer"} if kind == "id" else {"type": "string"}
        if kind == "id":
            schema["description"] = f"id in {ENTITY_OF_MODEL[f.related_model]}"
    else:
        internal = f.get_internal_type()
        if internal in ("BooleanField",):
            schema = {"type": "boolean"}
        elif "IntegerField" in internal:
            schema = {"type": "integer", "minimum": 0} if "Positive" in internal else {}
            schema = schema or {"type": "integer"}
        elif internal == "DecimalField":
            schema = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
        elif internal == "DateTimeField":
            schema = {"type": "string", "format": "date-time"}
        elif internal == "DateField":
            schema = {"type": "string", "format": "date"}
        elif internal == "JSONField":
            schema = {"type": "array", "items": {"type": "string"}}
        elif internal == "FileField":
            schema = {"type": "string", "pattern": "^(documenten|bijlagen)/"}
        else:
            schema = {"type": "string"}
            if f.max_length:
                schema["maxLength"] = f.max_length
            if f.choices:
                schema["enum"] = [value for value, _label in f.choices] + ([""] if f.blank else [])
    schema["title"] = str(f.verbose_name)
    if f.null:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
    return schema


def _m2m_schema(f: models.Field) -> dict:
    kind = _reference_kind(f.related_model)
    item = {"type": "integer"} if kind == "id" else {"type": "string"}
    return {"type": "array", "items": item, "title": str(f.verbose_name)}


def build_schema() -> dict:
    """The JSON Schema of data.json as the models say it. The published file
    (``SCHEMA_PATH``) is this, written once per version; a test keeps them equal."""
    defs = {}
    for entity in ENTITIES:
        properties = {"id": {"type": "integer", "title": "id in het archief"}}
        for f in entity.fields():
            properties[f.name] = _field_schema(f)
        for f in entity.m2m_fields():
            properties[f.name] = _m2m_schema(f)
        for child in entity.children:
            ref = {"$ref": f"#/$defs/{child.name}"}
            properties[child.json_key] = (
                {"anyOf": [ref, {"type": "null"}]} if child.one else {"type": "array", "items": ref}
            )
        defs[entity.name] = {
            "type": "object",
            "title": str(entity.model._meta.verbose_name),
            "additionalProperties": False,
            "required": list(properties),
            "properties": properties,
        }
    top = {e.json_key: {"type": "array", "items": {"$ref": f"#/$defs/{e.name}"}} for e in TREE}
    code = {"type": "string", "pattern": r"^GM\d{4}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Gegevens van een uittredende gemeente (regionale handhaving Wmo en Jeugd)",
        "description": (
            "Versie 1. Gemeenten en samenwerkingsverbanden staan er met hun code in (CBS-code, "
            "code van het verband), medewerkers met hun gebruikersnaam, andere rijen met hun "
            "id in dit archief."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "schema_versie", "aangemaakt_op", "gemeente", *top],
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "schema_versie": {"const": SCHEMA_VERSIE},
            "aangemaakt_op": {"type": "string", "format": "date-time"},
            "gemeente": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "naam"],
                "properties": {"code": code, "naam": {"type": "string"}},
            },
            **top,
        },
        "$defs": defs,
    }


# Export -----------------------------------------------------------------------------------


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
            kind = _reference_kind(f.related_model)
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
        kind = _reference_kind(f.related_model)
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


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def export_municipality(*, gemeente: r.Gemeente, by, fileobj, progress: Progress | None = None):
    """Write the archive of ``gemeente`` to ``fileobj`` and return its manifest."""
    require(by, PERMISSION)
    selection = _select(gemeente)
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
            sums[path] = (len(content), _sha256(content))

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
    record(
        Actie.EXPORTEREN,
        user=by,
        object_type="gemeente",
        object_id=gemeente.code,
        toelichting=_("uittreding: %(d)s dossiers, %(m)s meldingen, %(b)s bestanden")
        % {
            "d": manifest["aantallen"]["dossiers"],
            "m": manifest["aantallen"]["meldingen"],
            "b": len(writer.files),
        },
    )
    return manifest


# Import -----------------------------------------------------------------------------------


def _read_verified(archive: zipfile.ZipFile) -> dict:
    """The manifest, after every file it lists has been checked; refuses a changed archive."""
    try:
        manifest = json.loads(archive.read("manifest.json"))
        listed = {entry["pad"]: entry for entry in manifest["bestanden"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            _("Dit is geen uittredingsarchief: manifest.json ontbreekt.")
        ) from exc
    if manifest.get("schema", {}).get("id") != SCHEMA_ID:
        raise ValidationError(_("Dit archief volgt een ander schema dan versie 1."))
    present = set(archive.namelist()) - {"manifest.json", "SHA256SUMS"}
    problems = [_("%(pad)s ontbreekt") % {"pad": p} for p in sorted(set(listed) - present)]
    problems += [
        _("%(pad)s staat niet in het manifest") % {"pad": p} for p in sorted(present - set(listed))
    ]
    for path in sorted(set(listed) & present):
        content = archive.read(path)
        if len(content) != listed[path]["grootte"] or _sha256(content) != listed[path]["sha256"]:
            problems.append(_("%(pad)s is gewijzigd (controlegetal klopt niet)") % {"pad": path})
    if problems:
        raise ValidationError(
            _("Het archief is niet ongeschonden en wordt niet ingelezen: %(fouten)s.")
            % {"fouten": "; ".join(problems)}
        )
    return manifest


class _Reader:
    """Creates the rows of data.json, mapping archive ids to the new rows."""

    def __init__(self, archive: zipfile.ZipFile, by):
        self.archive = archive
        self.by = by
        self.gemeenten = {g.code: g for g in r.Gemeente.objects.all()}
        self.verbanden = {v.code: v for v in r.Samenwerkingsverband.objects.all()}
        self.users: dict[str, models.Model] = {}
        self.new: dict[str, dict[int, models.Model]] = {e.name: {} for e in ENTITIES}
        self.stored: list[models.FieldFile] = []

    def user(self, username: str):
        if username not in self.users:
            User = get_user_model()  # noqa: N806
            user = User.objects.filter(username=username).first()
            if user is None:
                # Authorship is kept; the account cannot log in here.
                user = User(username=username, is_active=False)
                user.set_unusable_password()
                user.save()
            self.users[username] = user
        return self.users[username]

    def resolve(self, f: models.Field, value):
        if value is None:
            return None
        kind = _reference_kind(f.related_model)
        if kind == "code":
            return (self.gemeenten if f.related_model is r.Gemeente else self.verbanden)[value]
        if kind == "gebruiker":
            return self.user(value)
        return self.new[ENTITY_OF_MODEL[f.related_model]][value]

    def plain(self, f: models.Field, value):
        if value is None:
            return None
        internal = f.get_internal_type()
        if internal == "DateTimeField":
            return datetime.datetime.fromisoformat(value)
        if internal == "DateField":
            return datetime.date.fromisoformat(value)
        if internal == "DecimalField":
            return Decimal(value)
        return value

    def create(self, entity: Entity, data: dict, parent=None):
        kwargs = {entity.parent: parent} if entity.parent else {}
        file_field = None
        for f in entity.fields():
            if isinstance(f, models.FileField):
                file_field = f
            elif f.is_relation:
                kwargs[f.name] = self.resolve(f, data[f.name])
            else:
                kwargs[f.name] = self.plain(f, data[f.name])
        # Status fields are protected (django-fsm): given to the constructor, never assigned.
        obj = entity.model(**kwargs)
        if file_field is not None:
            content = self.archive.read(data[file_field.name])
            if _sha256(content) != data["sha256"]:
                raise ValidationError(
                    _("Het bestand %(pad)s is niet het bestand dat werd opgeslagen.")
                    % {"pad": data[file_field.name]}
                )
            fieldfile = getattr(obj, file_field.name)
            fieldfile.save(data["naam"], ContentFile(content), save=False)
            self.stored.append(fieldfile)
        obj.save()
        auto = {
            f.name: kwargs[f.name] for f in entity.fields() if getattr(f, "auto_now_add", False)
        }
        if auto:
            entity.model.objects.filter(pk=obj.pk).update(**auto)
        for f in entity.m2m_fields():
            if f.related_model is r.Gemeente:
                targets = [self.gemeenten[code] for code in data[f.name]]
            elif f.related_model is get_user_model():
                targets = [self.user(name) for name in data[f.name]]
            else:
                targets = [self.new[ENTITY_OF_MODEL[f.related_model]][i] for i in data[f.name]]
            getattr(obj, f.name).set(targets)
        self.new[entity.name][data["id"]] = obj
        for child in entity.children:
            value = data[child.json_key]
            for item in ([value] if value else []) if child.one else value:
                self.create(child, item, parent=obj)
        return obj

    def remove_stored_files(self) -> None:
        for fieldfile in self.stored:
            fieldfile.storage.delete(fieldfile.name)


def _conflicts(data: dict) -> list[str]:
    found = []
    codes = set(r.Gemeente.objects.values_list("code", flat=True))
    if data["gemeente"]["code"] not in codes:
        found.append(_("gemeente %(code)s is onbekend") % {"code": data["gemeente"]["code"]})
    checks = (
        (d.Dossier, "nummer", [x["nummer"] for x in data["dossiers"]], _("dossier")),
        (
            m.Melding,
            "nummer",
            [x["nummer"] for x in data["meldingen"] if x["nummer"]],
            _("melding"),
        ),
        (r.Contract, "referentie", [x["referentie"] for x in data["contracten"]], _("contract")),
        (
            r.Zorgaanbieder,
            "kvk_nummer",
            [x["kvk_nummer"] for x in data["zorgaanbieders"] if x["kvk_nummer"]],
            _("zorgaanbieder met KvK-nummer"),
        ),
    )
    for model, name, values, label in checks:
        existing = model.objects.filter(**{f"{name}__in": values}).values_list(name, flat=True)
        found += [_("%(wat)s %(nr)s bestaat al") % {"wat": label, "nr": v} for v in existing]
    used = {c for dossier in data["dossiers"] for c in dossier["betrokken_gemeenten"]}
    used |= {c for contract in data["contracten"] for c in contract["gemeenten"]}
    found += [_("gemeente %(code)s is onbekend") % {"code": c} for c in sorted(used - codes)]
    verbanden = {x["samenwerkingsverband"] for x in data["contracten"]} - {None}
    known = set(r.Samenwerkingsverband.objects.values_list("code", flat=True))
    found += [
        _("samenwerkingsverband %(code)s is onbekend") % {"code": c}
        for c in sorted(verbanden - known)
    ]
    return found


_NUMBER = re.compile(r"^([A-Z]+)-(\d{4})-(\d+)$")


def _advance_number_series(numbers) -> None:
    """Numbers drawn later must not repeat the imported ones (regio.numbering)."""
    highest: dict[tuple[str, int], int] = {}
    for number in numbers:
        match = _NUMBER.match(number or "")
        if match:
            key = (match[1], int(match[2]))
            highest[key] = max(highest.get(key, 0), int(match[3]))
    for (reeks, jaar), laatste in highest.items():
        row, _created = Nummerreeks.objects.get_or_create(reeks=reeks, jaar=jaar)
        if row.laatste < laatste:
            row.laatste = laatste
            row.save(update_fields=["laatste"])


def import_archive(*, fileobj, by=None, progress: Progress | None = None) -> dict:
    """Read an archive of ``export_municipality`` into this system; returns the number of
    rows created per entity. Without ``by`` (the management command) no permission check."""
    if by is not None:
        require(by, PERMISSION)
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("Dit is geen ZIP-bestand.")) from exc
    with archive:
        manifest = _read_verified(archive)
        try:
            data = json.loads(archive.read("data.json"))
            validate(data)
        except (KeyError, ValueError, jsonschema.ValidationError) as exc:
            raise ValidationError(
                _("data.json volgt het schema niet: %(fout)s")
                % {"fout": getattr(exc, "message", str(exc))}
            ) from exc
        conflicts = _conflicts(data)
        if conflicts:
            raise ValidationError(
                _("Het archief kan niet worden ingelezen: %(fouten)s.")
                % {"fouten": "; ".join(conflicts)}
            )
        reader = _Reader(archive, by)
        total = sum(len(data[e.json_key]) for e in TREE)
        done = 0
        try:
            with transaction.atomic():
                for entity in TREE:
                    for item in data[entity.json_key]:
                        reader.create(entity, item)
                        done += 1
                        if progress:
                            progress(done, total)
                _advance_number_series(
                    [x["nummer"] for x in data["dossiers"]]
                    + [x["nummer"] for x in data["meldingen"]]
                )
                counts = {name: len(rows) for name, rows in reader.new.items()}
                if counts != manifest["aantallen"]:
                    raise ValidationError(
                        _("Het aantal ingelezen rijen wijkt af van het manifest.")
                    )
                record(
                    Actie.WIJZIGEN,
                    user=by,
                    object_type="gemeente",
                    object_id=data["gemeente"]["code"],
                    toelichting=_("uittreding: archief van %(op)s ingelezen")
                    % {"op": data["aangemaakt_op"][:10]},
                )
        except Exception:
            reader.remove_stored_files()
            raise
    return counts


# Removal ----------------------------------------------------------------------------------


def _report_municipalities(melding: m.Melding) -> set[str]:
    codes = {g.code for g in (melding.vestiging_gemeente, melding.verstrekkende_gemeente) if g}
    codes |= set(melding.contracten.values_list("gemeenten__code", flat=True)) - {None}
    return codes


@dataclass
class Verwijdering:
    gemeente: r.Gemeente
    door: object
    op: datetime.datetime
    vernietigd: list[str] = field(default_factory=list)
    losgekoppeld: list[str] = field(default_factory=list)
    contactpersonen: int = 0
    gebruikers: int = 0


def remove_municipality(*, gemeente: r.Gemeente, by, bevestiging: str) -> bytes:
    """Remove what is only this municipality's, take it off shared dossiers, delete its
    contacts and deactivate its users. Returns the statement (PDF)."""
    require(by, PERMISSION)
    if bevestiging != gemeente.code:
        raise ValidationError(
            _("Typ ter bevestiging de CBS-code van de gemeente (%(code)s).")
            % {"code": gemeente.code}
        )
    with transaction.atomic():
        result = Verwijdering(gemeente=gemeente, door=by, op=timezone.now())
        dossiers = d.Dossier.objects.filter(betrokken_gemeenten=gemeente).distinct()
        for dossier in dossiers.order_by("nummer"):
            codes = set(dossier.betrokken_gemeenten.values_list("code", flat=True))
            if codes == {gemeente.code}:
                result.vernietigd += destroy_dossier(dossier)
            else:
                dossier.betrokken_gemeenten.remove(gemeente)
                d.BetrokkenheidWijziging.objects.create(
                    dossier=dossier, door=by, verwijderd=[gemeente.code], reden=REDEN_UITTREDING
                )
                result.losgekoppeld.append(dossier.nummer)
        alone = m.Melding.objects.filter(dossiers__isnull=True).filter(
            Q(vestiging_gemeente=gemeente) | Q(contracten__gemeenten=gemeente)
        )
        for melding in alone.distinct().order_by("pk"):
            if _report_municipalities(melding) == {gemeente.code}:
                result.vernietigd.append(destroy_melding(melding))
        result.contactpersonen, _deleted = r.Contactpersoon.objects.filter(
            gemeente=gemeente
        ).delete()
        result.gebruikers = (
            get_user_model()
            .objects.filter(gebruiker__gemeente=gemeente, is_active=True)
            .update(is_active=False)
        )
        for nummer in result.vernietigd:
            record(
                Actie.VERNIETIGEN,
                user=by,
                object_type="gemeente",
                object_id=gemeente.code,
                nummer=nummer,
                toelichting=REDEN_UITTREDING,
            )
        record(
            Actie.VERNIETIGEN,
            user=by,
            object_type="gemeente",
            object_id=gemeente.code,
            toelichting=_(
                "uittreding: %(v)s vernietigd, uit %(g)s gedeelde dossiers verwijderd, "
                "%(c)s contactpersonen verwijderd, %(u)s gebruikers gedeactiveerd"
            )
            % {
                "v": len(result.vernietigd),
                "g": len(result.losgekoppeld),
                "c": result.contactpersonen,
                "u": result.gebruikers,
            },
        )
        html = render_to_string("privacy/verklaring_uittreding.html", {"v": result})
        return render_pdf(html)
