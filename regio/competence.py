"""Whether a case is the ROB's to enforce, and if not, which municipality is competent.

* Wmo and youth care: ROB enforcement covers the *regional contracts of the Rijk van
  Nijmegen* ("Kerntaken van het ROB ... ten aanzien van de regionaal afgesloten
  contracten", Samenwerkingsovereenkomst art. 2 lid 2 with sub f, handhaving; for Wijchen
  sub g). A report about care under only a Rivierenland contract, only a local contract
  (a contract in no arrangement, of its own municipality) or only a PGB is not the ROB's:
  it is forwarded to the municipality that is competent, by name.
* BW/MO (Centrumregeling): enforcement of the care the centrumgemeente contracted, with
  the contracting or PGB municipality and the location municipality jointly responsible
  (DVO BW/MO art. 5.2): a PGB is enough. The local Wmo tasks (begeleiding, dagbesteding,
  huishoudelijke hulp, ...) are not Centrumregeling work (DVO BW/MO art. 5.1.a): such a
  report goes to the local municipality.

Like ``involvement``, the rule takes values, so the weighing can ask it before any dossier
exists, and says why in words the weighing form shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Contract, Domein, Gemeente

ROB_ARRANGEMENT = "rob-rvn"


@dataclass(frozen=True)
class Competence:
    """``ours``: the ROB enforces it (None: not known yet, the contract or PGB is
    missing). ``reden``: why, in Dutch, with the article. ``bevoegd``: where it goes when
    it is not ours."""

    ours: bool | None
    reden: str
    bevoegd: Gemeente | None = None


def _competent_for(contract: Contract, location: Gemeente | None) -> Gemeente | None:
    """The municipality competent for a contract outside the ROB: the location's
    municipality when it is a party, else the arrangement's executing municipality, else
    the first party."""
    partijen = sorted(contract.gemeenten.all(), key=lambda g: g.code)
    if location is not None and location in partijen:
        return location
    verband = contract.samenwerkingsverband
    if verband is not None and verband.uitvoerder is not None:
        return verband.uitvoerder
    return partijen[0] if partijen else None


def case_competence(
    *,
    domein: str,
    contracts: Iterable[Contract] = (),
    contracting_gemeente: Gemeente | None = None,
    location: Gemeente | None = None,
    lokale_wmo_taak: bool = False,
) -> Competence:
    contracts = list(contracts)
    if domein == Domein.BW_MO:
        if lokale_wmo_taak:
            return Competence(
                False,
                _(
                    "Een lokale Wmo-taak (zoals begeleiding, dagbesteding of huishoudelijke "
                    "hulp) valt niet onder de Centrumregeling BW/MO (DVO BW/MO art. 5.1.a): "
                    "de gemeente zelf is bevoegd."
                ),
                contracting_gemeente or location,
            )
        return Competence(
            True,
            _(
                "Beschermd wonen of maatschappelijke opvang: handhaving onder de "
                "Centrumregeling BW/MO, ook bij een pgb (DVO BW/MO art. 5.2)."
            ),
        )
    rob = [
        c
        for c in contracts
        if c.samenwerkingsverband is not None and c.samenwerkingsverband.code == ROB_ARRANGEMENT
    ]
    if rob:
        return Competence(
            True,
            _(
                "Regionaal contract %(refs)s van het ROB Rijk van Nijmegen "
                "(samenwerkingsovereenkomst art. 2 lid 2 sub f)."
            )
            % {"refs": ", ".join(c.referentie for c in rob)},
        )
    if contracts:
        contract = contracts[0]
        bevoegd = _competent_for(contract, location)
        verband = contract.samenwerkingsverband
        if verband is not None:
            reden = _(
                "Alleen een contract van %(verband)s (%(ref)s), geen regionaal contract van "
                "het ROB Rijk van Nijmegen (samenwerkingsovereenkomst art. 2 lid 2): "
                "doorgeleiden aan %(gemeente)s."
            )
        else:
            reden = _(
                "Alleen een lokaal contract (%(ref)s), geen regionaal contract van het ROB "
                "Rijk van Nijmegen (samenwerkingsovereenkomst art. 2 lid 2): doorgeleiden "
                "aan %(gemeente)s."
            )
        return Competence(
            False,
            reden
            % {
                "verband": verband.naam if verband else "",
                "ref": contract.referentie,
                "gemeente": bevoegd.naam if bevoegd else _("de gemeente van het contract"),
            },
            bevoegd,
        )
    if contracting_gemeente is not None:
        return Competence(
            False,
            _(
                "Alleen een pgb, verstrekt door %(gemeente)s, geen regionaal contract van het "
                "ROB Rijk van Nijmegen (samenwerkingsovereenkomst art. 2 lid 2): "
                "doorgeleiden aan %(gemeente)s."
            )
            % {"gemeente": contracting_gemeente.naam},
            contracting_gemeente,
        )
    return Competence(
        None, _("Nog niet te zeggen: leg het contract vast, of het pgb en de gemeente ervan.")
    )
