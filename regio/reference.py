"""The region's reference data file (``regio/data/regio.json``) and loading it."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .mandates import load_arrangement_mandates
from .models import Deelname, Gemeente, Samenwerkingsverband


def read_reference(path: Path | None = None) -> dict:
    with open(path or settings.REGIO_DATA_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def termijnen(path: Path | None = None) -> dict[str, int]:
    """The statutory and agreed terms (Awb; seeds 000 and 002) as numbers."""
    return {k: v for k, v in read_reference(path)["termijnen"].items() if not k.startswith("_")}


@transaction.atomic
def load_reference(data: dict) -> dict[str, int]:
    """Create or update municipalities and arrangements so they match ``data`` exactly.

    Idempotent: running it twice changes nothing the second time. Members no longer
    listed for an arrangement are removed from it.
    """
    counts = {"gemeenten": 0, "samenwerkingsverbanden": 0, "deelnames": 0}
    by_code = {}
    for item in data["gemeenten"]:
        gemeente, _ = Gemeente.objects.update_or_create(
            code=item["code"], defaults={"naam": item["naam"]}
        )
        gemeente.full_clean()
        by_code[gemeente.code] = gemeente
        counts["gemeenten"] += 1
    for item in data["samenwerkingsverbanden"]:
        uitvoerder = by_code[item["uitvoerder"]] if item.get("uitvoerder") else None
        verband, _ = Samenwerkingsverband.objects.update_or_create(
            code=item["code"],
            defaults={
                "naam": item["naam"],
                "domeinen": item["domeinen"],
                "uitvoerder": uitvoerder,
                "toelichting": item.get("note", ""),
            },
        )
        verband.full_clean()
        counts["samenwerkingsverbanden"] += 1
        limited = item.get("beperkt", {})
        pct = item.get("verdeelsleutel_pct", {})
        eur = item.get("verdeelsleutel_2022_bijdrage_eur", {})
        for code in item["leden"]:
            Deelname.objects.update_or_create(
                samenwerkingsverband=verband,
                gemeente=by_code[code],
                defaults={
                    "beperkt": code in limited,
                    "beperking": limited.get(code, ""),
                    "verdeelsleutel_pct": Decimal(str(pct[code])) if code in pct else None,
                    "bijdrage_eur": Decimal(str(eur[code])) if code in eur else None,
                },
            )
            counts["deelnames"] += 1
        verband.deelnames.exclude(gemeente__code__in=item["leden"]).delete()
    counts["mandaten"] = load_arrangement_mandates()
    return counts
