"""What the exit archive holds and how it is written down: one declaration (``TREE``) of
the exported rows, the reference kinds of their columns, and the JSON Schema of data.json
that follows from the models' fields."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
from django.contrib.auth import get_user_model
from django.db import models

from dossieroverleg import models as d
from juridisch import models as j
from meldpunt import models as m
from regio import models as r
from termijnen import models as t

PERMISSION = "privacy.uittreding_vernietigingslijst"
SCHEMA_PATH = Path(__file__).parents[1] / "schema" / "uittreding-v1.schema.json"
SCHEMA_ID = "https://handhaving-rob.example.org/schema/uittreding-v1.schema.json"
SCHEMA_VERSIE = "1.0"

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
        # A client's retry key and its request's fingerprint, meaningless elsewhere; the
        # reporter's code and link key, secrets that open the report here only.
        exclude=(
            "idempotency_key",
            "idempotency_hash",
            "code_hash",
            "volg_sleutel",
            "verwerking_open",
        ),
        children=(
            _child("clienten", m.Client, "clienten", "melding"),
            _child("wegingen", m.Weging, "weging", "melding", one=True),
            # The recipient is the region's reference data; the link's token a secret.
            _child(
                "doorgeleidingen",
                m.Doorgeleiding,
                "doorgeleiding",
                "melding",
                one=True,
                exclude=("ontvanger_adres", "token_hash"),
            ),
            _child("melder_berichten", m.MelderBericht, "berichten", "melding"),
            _child("bijlagen", m.Bijlage, "bijlagen", "melding"),
            _child("melding_statuswijzigingen", m.StatusWijziging, "historie", "melding"),
        ),
    ),
    Entity(
        "dossiers",
        d.Dossier,
        m2m=(
            "meldingen",
            "contracten",
            "vestigingen",
            "betrokken_gemeenten",
            "ook_betrokken",
            "medebehandelaars",
        ),
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
                t.Termijn,
                "termijnen",
                "dossier",
                # Only a data breach's term is counted in hours, and it has no dossier. When
                # the watch next looks at a term is the receiving side's (set on import).
                exclude=("uiterlijk_om", "volgende_controle"),
                children=(
                    _child("opschortingen", t.Opschorting, "opschortingen", "termijn"),
                    _child("termijn_wijzigingen", t.TermijnWijziging, "historie", "termijn"),
                ),
            ),
            _child("adviezen", d.Advies, "adviezen", "dossier"),
            # A decision's mandate is a row of the region's register, which the archive
            # does not carry: in whose name and who signed say it in words.
            _child("besluiten", d.Besluit, "besluit", "dossier", one=True, exclude=("mandaat",)),
            _child(
                "juridische_trajecten",
                j.JuridischTraject,
                "trajecten",
                "dossier",
                children=(
                    _child(
                        "traject_stappen", j.TrajectStap, "stappen", "traject", exclude=("mandaat",)
                    ),
                    _child("lasten", j.Last, "last", "traject", one=True),
                ),
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
            _child("verdelingen", d.VerdelingAfspraak, "verdelingen", "dossier"),
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


def reference_kind(target) -> str:
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


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# The schema -------------------------------------------------------------------------------


def _field_schema(f: models.Field) -> dict:
    if f.is_relation:
        kind = reference_kind(f.related_model)
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
    kind = reference_kind(f.related_model)
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
