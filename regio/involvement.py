"""Which municipalities are involved in an enforcement case (DESIGN.md section 3).

* Wmo and Jeugd (ROB Rijk van Nijmegen): the municipalities that are party to the
  contract(s) concerned. A municipality that is not a party (Wijchen on a contract it
  did not sign) is not involved, even when the location lies in its territory:
  information is shared only where the purpose needs it (Samenwerkingsovereenkomst
  art. 2 lid 2 sub g; Bijlage 1 art. 1.5). A municipality that granted a PGB for the
  care concerned is involved too; without a contract, it is the only one.
* BW/MO (Centrumregeling): Nijmegen as centrumgemeente, the municipality of each of the
  provider's locations concerned, and the municipality that contracted the care or
  granted the PGB; they are jointly responsible (DVO BW/MO art. 5.2). Only members of the
  arrangement take part in it, so a location outside the arrangement adds nobody.

The rule takes values, not a dossier, so that it can be asked before a dossier exists
(at weighing) and again whenever its inputs change.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Contract, Domein, Gemeente, Samenwerkingsverband, Vestiging

BW_MO_ARRANGEMENT = "bwmo-nr"


class InvolvementError(ValueError):
    """The inputs do not determine who is involved; the message says why, in Dutch."""


@dataclass(frozen=True)
class Involved:
    gemeente: Gemeente
    gronden: tuple[str, ...] = field(default=())

    @property
    def code(self) -> str:
        return self.gemeente.code


GemeenteRef = Gemeente | str


def resolve_gemeente(ref: GemeenteRef) -> Gemeente:
    """A Gemeente for a Gemeente or a CBS code; a clear error for an unknown code."""
    if isinstance(ref, Gemeente):
        return ref
    try:
        return Gemeente.objects.get(code=str(ref).strip().upper())
    except Gemeente.DoesNotExist:
        raise InvolvementError(_("Onbekende gemeentecode: %(code)s.") % {"code": ref}) from None


def _location_gemeenten(locations: Iterable[Vestiging | GemeenteRef]) -> list[Gemeente]:
    result = []
    for location in locations:
        gemeente = location.gemeente if isinstance(location, Vestiging) else location
        result.append(resolve_gemeente(gemeente))
    return result


def involved_municipalities(
    *,
    domein: str,
    contracts: Iterable[Contract] = (),
    locations: Iterable[Vestiging | GemeenteRef] = (),
    contracting_gemeente: GemeenteRef | None = None,
) -> list[Involved]:
    """The municipalities involved, sorted by CBS code, each with the grounds for it.

    ``locations`` are the provider's locations concerned (``Vestiging`` objects or the
    municipalities they lie in); ``contracting_gemeente`` is the municipality that
    contracted the care or granted the PGB.
    """
    if domein not in Domein.values:
        raise InvolvementError(_("Onbekend domein: %(domein)s.") % {"domein": domein})
    contracts = list(contracts)
    location_gemeenten = _location_gemeenten(locations)
    contracting = resolve_gemeente(contracting_gemeente) if contracting_gemeente else None
    for contract in contracts:
        if contract.domein != domein:
            raise InvolvementError(
                _("Contract %(ref)s hoort bij domein %(contract)s, niet bij %(domein)s.")
                % {"ref": contract.referentie, "contract": contract.domein, "domein": domein}
            )

    grounds: dict[Gemeente, list[str]] = {}

    def add(gemeente: Gemeente, reason: str) -> None:
        grounds.setdefault(gemeente, [])
        if reason not in grounds[gemeente]:
            grounds[gemeente].append(reason)

    if domein == Domein.BW_MO:
        _bw_mo(add, location_gemeenten, contracting)
    else:
        _wmo_jeugd(add, contracts, contracting)

    return [
        Involved(gemeente=g, gronden=tuple(r)) for g, r in sorted(grounds.items(), key=_by_code)
    ]


def _by_code(item: tuple[Gemeente, list[str]]) -> str:
    return item[0].code


def _wmo_jeugd(add, contracts: list[Contract], contracting: Gemeente | None) -> None:
    if not contracts and contracting is None:
        raise InvolvementError(
            _(
                "Leg eerst het contract vast, of dat er geen contract is (pgb) en welke "
                "gemeente het pgb verstrekte."
            )
        )
    for contract in contracts:
        for gemeente in contract.gemeenten.all():
            add(gemeente, _("partij bij contract %(ref)s") % {"ref": contract.referentie})
    if contracting is not None:
        add(contracting, _("verstrekte het pgb"))


def _bw_mo(add, location_gemeenten: list[Gemeente], contracting: Gemeente | None) -> None:
    try:
        arrangement = Samenwerkingsverband.objects.select_related("uitvoerder").get(
            code=BW_MO_ARRANGEMENT
        )
    except Samenwerkingsverband.DoesNotExist:
        raise InvolvementError(
            _("De Centrumregeling BW/MO ontbreekt in de referentiedata (load_regio).")
        ) from None
    if contracting is None:
        raise InvolvementError(
            _("Bij BW/MO hoort de gemeente die de zorg contracteerde of het pgb verstrekte.")
        )
    if not location_gemeenten:
        raise InvolvementError(_("Bij BW/MO hoort de gemeente van de vestiging."))
    members = set(arrangement.leden.all())
    if contracting not in members:
        raise InvolvementError(
            _("%(gemeente)s is geen lid van de Centrumregeling BW/MO.")
            % {"gemeente": contracting.naam}
        )
    if arrangement.uitvoerder is not None:
        add(arrangement.uitvoerder, _("centrumgemeente"))
    for gemeente in location_gemeenten:
        if gemeente in members:
            add(gemeente, _("gemeente van de vestiging"))
    add(contracting, _("contracteerde de zorg of verstrekte het pgb"))


def involved_codes(**kwargs) -> list[str]:
    """CBS codes of :func:`involved_municipalities`, for storing and comparing."""
    return [item.code for item in involved_municipalities(**kwargs)]
