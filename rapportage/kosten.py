"""Cost sharing: the arrangements' keys applied to the enforcement costs recorded per
dossier (regio.json: ROB contributions 2022 in EUR as weights; BW/MO percentages,
DVO Bijlage C).

A dossier's costs are shared by the key of the arrangement of its domain (Wmo and Jeugd:
the ROB; BW/MO: the Centrumregeling). A member with limited participation (Wijchen in the
ROB) shares only in dossiers about a contract it is party to (seed 000 art. 2 lid 2 sub g);
otherwise the key is spread over the other members.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from dossieroverleg.models import Inzet
from regio.models import Deelname, Domein

ARRANGEMENT_FOR_DOMAIN = {Domein.WMO: "rob-rvn", Domein.JEUGD: "rob-rvn", Domein.BW_MO: "bwmo-nr"}
CENT = Decimal("0.01")


def _weights(code: str) -> dict[str, tuple[Decimal, bool]]:
    """Per member: its weight and whether its participation is limited."""
    result = {}
    for deelname in Deelname.objects.filter(samenwerkingsverband__code=code).select_related(
        "gemeente"
    ):
        weight = deelname.verdeelsleutel_pct or deelname.bijdrage_eur or Decimal(0)
        result[deelname.gemeente.code] = (Decimal(weight), deelname.beperkt)
    return result


def share_per_municipality(*, jaar: int, uurtarief: Decimal = Decimal("0")) -> list[dict]:
    """Per municipality: hours, amounts and the total share (amount + hours x rate) of the
    costs recorded in ``jaar``, rounded to cents."""
    totals: dict[str, dict[str, Decimal]] = defaultdict(
        lambda: {"uren": Decimal(0), "bedrag": Decimal(0)}
    )
    weights_cache: dict[str, dict] = {}
    rows = (
        Inzet.objects.filter(datum__year=jaar)
        .values("dossier_id", "dossier__domein")
        .annotate(uren=Sum("uren"), bedrag=Sum("bedrag"))
    )
    parties_cache: dict[int, set[str]] = {}
    for row in rows:
        code = ARRANGEMENT_FOR_DOMAIN.get(row["dossier__domein"])
        if code is None:
            continue
        weights = weights_cache.setdefault(code, _weights(code))
        parties = parties_cache.setdefault(
            row["dossier_id"],
            set(
                Inzet.objects.filter(dossier_id=row["dossier_id"]).values_list(
                    "dossier__contracten__gemeenten__code", flat=True
                )
            ),
        )
        sharing = {g: w for g, (w, limited) in weights.items() if not limited or g in parties}
        total_weight = sum(sharing.values())
        if not total_weight:
            continue
        for gemeente, weight in sharing.items():
            part = weight / total_weight
            totals[gemeente]["uren"] += row["uren"] * part
            totals[gemeente]["bedrag"] += row["bedrag"] * part
    result = []
    for gemeente, values in sorted(totals.items()):
        uren = values["uren"].quantize(CENT, ROUND_HALF_UP)
        bedrag = values["bedrag"].quantize(CENT, ROUND_HALF_UP)
        result.append(
            {
                "gemeente": gemeente,
                "uren": uren,
                "bedrag": bedrag,
                "totaal": (bedrag + uren * uurtarief).quantize(CENT, ROUND_HALF_UP),
            }
        )
    return result
