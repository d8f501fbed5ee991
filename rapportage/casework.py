"""The overview of enforcement casework for the ROB partners.

Samenwerkingsovereenkomst ROB Rijk van Nijmegen art. 2 lid 2 sub f: among the ROB's
enforcement tasks is "informeren regiogemeenten over handhavingscasuïstiek". Besides the
mails to the municipalities involved in a dossier, every member of the ROB gets a monthly
overview of the casework in the ROB's domains (Wmo and Jeugd):

* the dossiers opened and closed in the month, per domain;
* the open dossiers per domain and per phase (status), as they stand when it is made;
* the providers with an open dossier, with its domain and how many.

Without personal data: numbers, phases, domains and provider names only. A secret dossier
(``dossieroverleg.selectors.hidden_dossiers``: "geheim", "zeer geheim") counts in the
numbers, never beside its provider (DESIGN.md section 4, as the management figures).
A member whose participation is limited (Wijchen, art. 2 lid 2 sub g) is informed only
about the dossiers on regional contracts it is a party to.
"""

from collections import defaultdict

from django.db.models import Count, QuerySet

from dossieroverleg.models import Dossier
from dossieroverleg.models import Status as DossierStatus
from dossieroverleg.selectors import hidden_dossiers
from regio.models import Deelname, Domein, Gemeente, Samenwerkingsverband

from .figures import Period

ROB = "rob-rvn"  # regio.json


def rob() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(code=ROB)


def is_limited(gemeente: Gemeente) -> bool:
    return Deelname.objects.filter(
        samenwerkingsverband__code=ROB, gemeente=gemeente, beperkt=True
    ).exists()


def scoped(*, gemeente: Gemeente, domeinen: list[str]) -> QuerySet[Dossier]:
    """The ROB dossiers ``gemeente`` is told about: in ``domeinen``; for a member with
    limited participation only those about a contract it is a party to."""
    dossiers = Dossier.objects.filter(domein__in=domeinen)
    if is_limited(gemeente):
        party = Dossier.objects.filter(contracten__gemeenten=gemeente).values("pk")
        dossiers = dossiers.filter(pk__in=party)
    return dossiers


def overview(*, periode: Period, gemeente: Gemeente, domeinen: list[str]) -> dict:
    """The overview's content for a contact of ``gemeente`` who deals with ``domeinen``
    (the ROB's domains among them), as plain values a mail can show."""
    start, end = periode.bounds()
    dossiers = scoped(gemeente=gemeente, domeinen=domeinen)
    opened = _per(dossiers.filter(geopend_op__gte=start, geopend_op__lt=end), "domein")
    closed = _per(dossiers.filter(afgesloten_op__gte=start, afgesloten_op__lt=end), "domein")
    open_dossiers = dossiers.exclude(status=DossierStatus.AFGESLOTEN)
    phases: dict[str, dict[str, int]] = defaultdict(dict)
    for row in open_dossiers.values("domein", "status").annotate(n=Count("pk")):
        phases[row["domein"]][row["status"]] = row["n"]
    domain_labels, status_labels = dict(Domein.choices), dict(DossierStatus.choices)
    per_domain = [
        {
            "domein": str(domain_labels[domein]),
            "geopend": opened.get(domein, 0),
            "gesloten": closed.get(domein, 0),
            "open": sum(phases[domein].values()),
            "fasen": [
                {"fase": str(status_labels[status]), "aantal": phases[domein][status]}
                for status in DossierStatus.values
                if phases[domein].get(status)
            ],
        }
        for domein in Domein.values
        if domein in domeinen
    ]
    return {
        "domeinen": per_domain,
        "zorgaanbieders": _providers(open_dossiers, domain_labels),
        "beperkt": is_limited(gemeente),
    }


def _per(qs, field_name: str) -> dict[str, int]:
    return dict(qs.values(field_name).annotate(n=Count("pk")).values_list(field_name, "n"))


def _providers(open_dossiers: QuerySet[Dossier], domain_labels: dict) -> list[dict]:
    """The providers under enforcement, by name: none of a secret dossier."""
    shared = open_dossiers.exclude(pk__in=hidden_dossiers(None).values("pk"))
    providers: dict[str, dict] = {}
    for naam, domein, n in (
        shared.values("zorgaanbieder__naam", "domein")
        .annotate(n=Count("pk"))
        .values_list("zorgaanbieder__naam", "domein", "n")
    ):
        row = providers.setdefault(naam, {"naam": naam, "domeinen": [], "dossiers": 0})
        row["domeinen"].append(str(domain_labels[domein]))
        row["dossiers"] += n
    return [
        {**row, "domeinen": ", ".join(sorted(row["domeinen"]))}
        for row in sorted(providers.values(), key=lambda row: row["naam"].lower())
    ]
