"""In whose name a decision is taken, under which mandate: the mandate register read for
one decision.

Nijmegen acts for the other municipalities: the ROB partners gave it the mandates,
powers of attorney and authorisations the regional tasks need (Samenwerkingsovereenkomst
ROB art. 3 lid 2-3); the members of the Centrumregeling BW/MO gave the college of Nijmegen
mandate for primary decisions and decisions on objection, and its mayor power of attorney
for the enforcement of the contracts, each with the right to pass them on to persons (DVO
BW/MO art. 4.1 and Bijlage A art. 2 lid 3-6). A decision on a dossier is taken in the name
of the college of every municipality party to it, so whoever takes it needs:

1. a (sub)mandate of their own, to them or their role, for this kind of decision in this
   domain, valid on the day of the decision; and
2. for every party other than their mandate's giver, a mandate of that party to the same
   organ, for the same kind and domain, valid that day, that allows passing it on.

A decision without both is refused with the reason (:func:`grant`). The register is
maintained by `beheer` (the Django admin); the arrangements' own mandates are loaded with
the reference data (:func:`load_arrangement_mandates`). Mandates given by a municipality
end when it leaves (Bijlage A art. 3 lid 4; ``regio.services.end_mandates_of``).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import dates
from .models import Besluitsoort, Domein, Gemeente, Mandaat, Orgaan, Samenwerkingsverband
from .roles import group_names

PRIVATE_LAW = {Besluitsoort.ONTBINDING}
PUBLIC_LAW = [soort for soort in Besluitsoort.values if soort not in PRIVATE_LAW]


class GeenMandaat(ValidationError):
    """A decision refused because its taker holds no valid mandate for it; the message
    says what is missing. A ValidationError: the form shows it again with the reason."""


@dataclass(frozen=True)
class Grant:
    """The outcome of the check: the signer's own mandate, the parties' mandates it rests
    on, and the wording "in naam van" for the decision and its letter."""

    mandaat: Mandaat
    in_naam_van: str
    onderliggend: list[Mandaat] = field(default_factory=list)


def _covers(mandaat: Mandaat, soort: str, domein: str, on: datetime.date) -> bool:
    return (
        soort in mandaat.besluiten
        and (not mandaat.domeinen or domein in mandaat.domeinen)
        and mandaat.geldig_op(on)
    )


def _names(gemeenten: Iterable[Gemeente]) -> str:
    names = sorted(g.naam for g in gemeenten)
    if len(names) <= 1:
        return "".join(names)
    return _("%(list)s en %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


def _wording(own: Mandaat, others: list[Gemeente], own_party: bool) -> str:
    organ = f"{own.get_gever_orgaan_display()} van {own.gever.naam}"
    if not others:
        return organ
    kind = _("volmacht") if own.gever_orgaan == Orgaan.BURGEMEESTER else _("mandaat")
    return _("%(organ)s, %(own)skrachtens %(kind)s namens %(organs)s van %(names)s") % {
        "organ": organ,
        "own": _("namens zichzelf en ") if own_party else "",
        "kind": kind,
        "organs": _("de burgemeesters")
        if own.gever_orgaan == Orgaan.BURGEMEESTER
        else _("de colleges"),
        "names": _names(others),
    }


def _label(soort: str, domein: str) -> str:
    return f"{Besluitsoort(soort).label} ({Domein(domein).label})"


def grant(user, soort: str, *, gemeenten: Iterable[Gemeente], domein: str, on) -> Grant:
    """The mandate under which ``user`` takes a decision of kind ``soort`` in ``domein`` on
    day ``on`` in the name of ``gemeenten``; :class:`GeenMandaat` with the reason when
    there is none."""
    parties = sorted(set(gemeenten), key=lambda g: g.naam)
    roles = group_names(user)
    register = list(
        Mandaat.objects.select_related("gever", "houder_gemeente", "samenwerkingsverband")
    )
    own = [
        m
        for m in register
        if (m.houder_gebruiker_id == user.pk or (m.houder_rol and m.houder_rol in roles))
        and _covers(m, soort, domein, on)
    ]
    if not own:
        raise GeenMandaat(
            _(
                "U heeft op %(dag)s geen geldig mandaat voor: %(soort)s. Beheer legt mandaten "
                "vast in het mandaatregister."
            )
            % {"dag": dates.datum(on), "soort": _label(soort, domein)}
        )
    missing: list[Gemeente] = []
    for mandaat in own:
        underlying, missing = [], []
        for party in parties:
            if party.pk == mandaat.gever_id:
                continue
            found = next(
                (
                    m
                    for m in register
                    if m.gever_id == party.pk
                    and m.houder_gemeente_id == mandaat.gever_id
                    and m.houder_orgaan == mandaat.gever_orgaan
                    and m.ondermandaat
                    and _covers(m, soort, domein, on)
                ),
                None,
            )
            if found is None:
                missing.append(party)
            else:
                underlying.append(found)
        if not missing:
            others = [g for g in parties if g.pk != mandaat.gever_id]
            own_party = any(g.pk == mandaat.gever_id for g in parties)
            return Grant(mandaat, _wording(mandaat, others, own_party), underlying)
    organ = f"{own[-1].get_gever_orgaan_display()} van {own[-1].gever.naam}"
    raise GeenMandaat(
        _(
            "Geen geldig mandaat van %(names)s aan het %(organ)s voor: %(soort)s op %(dag)s "
            "(met ondermandaat). Zonder dat mandaat kan dit besluit niet in hun naam worden "
            "genomen; beheer legt mandaten vast in het mandaatregister."
        )
        % {
            "names": _names(missing),
            "organ": organ,
            "soort": _label(soort, domein),
            "dag": dates.datum(on),
        }
    )


def parties(dossier) -> list[Gemeente]:
    """The municipalities in whose name a decision on ``dossier`` is taken: the involved
    ones (``regio.involvement``: the parties to its contracts or the municipality of the
    PGB; in BW/MO the jointly responsible members), not those only interested (DVO BW/MO
    art. 5.2) and not one that has left."""
    interested = dossier.ook_betrokken.values("pk")
    return list(dossier.betrokken_gemeenten.exclude(pk__in=interested))


def grant_for_dossier(user, soort: str, dossier, on) -> Grant:
    return grant(user, soort, gemeenten=parties(dossier), domein=dossier.domein, on=on)


# The arrangements' own mandates ---------------------------------------------------------

ROB = "rob-rvn"
BW_MO = "bwmo-nr"
# (arrangement, giver's organ, holder's organ, kinds, from, source)
ARRANGEMENT_MANDATES = [
    (
        ROB,
        Orgaan.COLLEGE,
        Orgaan.COLLEGE,
        PUBLIC_LAW,
        datetime.date(2021, 1, 1),
        "Samenwerkingsovereenkomst ROB Rijk van Nijmegen art. 3 lid 2-3 (mandaat)",
    ),
    (
        ROB,
        Orgaan.BURGEMEESTER,
        Orgaan.BURGEMEESTER,
        sorted(PRIVATE_LAW),
        datetime.date(2021, 1, 1),
        "Samenwerkingsovereenkomst ROB Rijk van Nijmegen art. 3 lid 2-3 (volmacht; "
        "Gemeentewet art. 171)",
    ),
    (
        BW_MO,
        Orgaan.COLLEGE,
        Orgaan.COLLEGE,
        PUBLIC_LAW,
        datetime.date(2022, 1, 1),
        "Mandaatbesluit Centrumregeling BW/MO (DVO BW/MO Bijlage A) art. 2 lid 3-4",
    ),
    (
        BW_MO,
        Orgaan.BURGEMEESTER,
        Orgaan.BURGEMEESTER,
        sorted(PRIVATE_LAW),
        datetime.date(2022, 1, 1),
        "Mandaatbesluit Centrumregeling BW/MO (DVO BW/MO Bijlage A) art. 2 lid 5-6",
    ),
]


def load_arrangement_mandates() -> int:
    """Record the mandates the arrangements themselves give the executing municipality,
    once each: a mandate ended or changed by `beheer` stays as it is."""
    count = 0
    for code, giver_organ, holder_organ, kinds, start, source in ARRANGEMENT_MANDATES:
        verband = Samenwerkingsverband.objects.filter(code=code).first()
        if verband is None or verband.uitvoerder_id is None:
            continue
        for deelname in verband.deelnames.exclude(gemeente=verband.uitvoerder).select_related(
            "gemeente"
        ):
            _mandaat, created = Mandaat.objects.get_or_create(
                sleutel=f"{code}-{giver_organ}-{deelname.gemeente.code}".lower(),
                defaults={
                    "gever": deelname.gemeente,
                    "gever_orgaan": giver_organ,
                    "samenwerkingsverband": verband,
                    "houder_gemeente": verband.uitvoerder,
                    "houder_orgaan": holder_organ,
                    "besluiten": list(kinds),
                    "domeinen": list(verband.domeinen),
                    "ondermandaat": True,
                    "geldig_van": start,
                    "bron": source,
                },
            )
            count += created
    return count


DEMO_MANDATE_ROLES = ("handhaver", "jurist", "teamleider")


def grant_role_mandates(gemeente: Gemeente, roles: Iterable[str], start) -> None:
    """Sub-mandates of the college and the mayor of ``gemeente`` to ``roles`` for every
    kind of decision: what a demonstration (and a test) needs; in production `beheer`
    records the sub-mandate decisions as they were taken."""
    for role in roles:
        for organ, kinds in ((Orgaan.COLLEGE, PUBLIC_LAW), (Orgaan.BURGEMEESTER, PRIVATE_LAW)):
            Mandaat.objects.get_or_create(
                sleutel=f"demo-{organ}-{role}",
                defaults={
                    "gever": gemeente,
                    "gever_orgaan": organ,
                    "houder_rol": role,
                    "besluiten": sorted(kinds),
                    "geldig_van": start,
                    "bron": "Ondermandaat (demonstratie)",
                },
            )
