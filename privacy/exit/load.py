"""Reading an exit archive back into an empty system: only an archive whose every file
matches its manifest, whose data.json follows the schema and whose numbers, codes and
contracts do not clash with what is here; archive ids are mapped to new rows."""

import datetime
import json
import re
import zipfile
from decimal import Decimal

import jsonschema
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from dossieroverleg import models as d
from meldpunt import models as m
from regio import models as r
from regio.audit import Actie, record
from regio.models import Nummerreeks
from termijnen import bewaking
from termijnen.models import Termijn

from ..access import require
from .schema import (
    ENTITIES,
    ENTITY_OF_MODEL,
    PERMISSION,
    SCHEMA_ID,
    TREE,
    Entity,
    Progress,
    reference_kind,
    sha256_of,
    validate,
)


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
        if len(content) != listed[path]["grootte"] or sha256_of(content) != listed[path]["sha256"]:
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
        kind = reference_kind(f.related_model)
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
            if sha256_of(content) != data["sha256"]:
                raise ValidationError(
                    _("Het bestand %(pad)s is niet het bestand dat werd opgeslagen.")
                    % {"pad": data[file_field.name]}
                )
            fieldfile = getattr(obj, file_field.name)
            fieldfile.save(data["naam"], ContentFile(content), save=False)
            self.stored.append(fieldfile)
        if isinstance(obj, Termijn):
            bewaking.plan(obj)  # watched here from now on
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
