"""The dossier's own record: announcing its events and moving its status (the one door,
with history), the municipalities involved and the contracts and locations concerned,
opening a dossier for a report (or linking the report to an open one), its officer, its
confidentiality and closing it with a result type."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.models import Ernst, Melding
from meldpunt.models import Status as MeldingStatus
from regio import audit
from regio.events import Event, emit
from regio.involvement import BW_MO_ARRANGEMENT, InvolvementError, involved_municipalities
from regio.models import Domein, Gemeente, Samenwerkingsverband
from regio.numbering import next_number
from regio.transitions import actor, check_transition

from ..models import (
    BetrokkenheidWijziging,
    Dossier,
    Prioriteit,
    Resultaattype,
    Status,
    StatusWijziging,
    VerdelingAfspraak,
    Vertrouwelijkheid,
)
from .checks import require_perm, required


def _personal_values(dossier: Dossier) -> list[str]:
    """Personal data of natural persons reachable from the dossier (kept out of mails)."""
    values = []
    for melding in dossier.meldingen.all():
        values += [
            melding.melder_naam,
            melding.melder_email,
            melding.melder_telefoon,
            melding.omschrijving,
        ]
        for client in melding.clienten.all():
            values += [client.bsn, client.naam]
    return [v for v in values if v]


def change_status(
    dossier: Dossier, method_name: str, *, by, event: str | None, reden: str = "", **data
) -> StatusWijziging:
    """Move ``dossier`` by its transition ``method_name`` (checked: conditions, then
    permission), write the history row and announce ``event`` when given."""
    method = getattr(dossier, method_name)
    check_transition(dossier, method, by)
    van = dossier.status
    method()
    dossier.save()
    wijziging = StatusWijziging.objects.create(
        dossier=dossier, van=van, naar=dossier.status, door=actor(by), reden=reden
    )
    if event:
        announce(
            dossier, event, event_id=f"dossier:{dossier.pk}:status:{wijziging.pk}", by=by, **data
        )
    return wijziging


def announce(
    dossier: Dossier, event: str, *, event_id: str, by, gemeenten: list[str] | None = None, **data
) -> None:
    """Announce ``event``: to the involved municipalities, or to ``gemeenten`` when given."""
    if gemeenten is None:
        gemeenten = list(dossier.betrokken_gemeenten.values_list("code", flat=True))
    emit(
        event,
        event_id=event_id,
        instance=dossier,
        nummer=dossier.nummer,
        status=dossier.status,
        domein=dossier.domein,
        gemeenten=gemeenten,
        by=by,
        data={
            "pad": f"/handhaving/dossier/{dossier.pk}/",
            "zorgaanbieder": dossier.zorgaanbieder.naam,
            "_persoonlijk": _personal_values(dossier),
            **data,
        },
    )


def locked(dossier: Dossier) -> Dossier:
    """The dossier read again under a row lock (inside the caller's transaction)."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


# Involvement -------------------------------------------------------------------------


def compute_involvement(dossier: Dossier) -> list[str]:
    """CBS codes of the municipalities involved, by the foundation's rule (DESIGN 3)."""
    locations = list(dossier.vestigingen.all()) or (
        [dossier.vestiging_gemeente] if dossier.vestiging_gemeente else []
    )
    result = involved_municipalities(
        domein=dossier.domein,
        contracts=list(dossier.contracten.all()),
        locations=locations,
        contracting_gemeente=dossier.verstrekkende_gemeente,
    )
    extra = dossier.ook_betrokken.values_list("code", flat=True) if dossier.pk else []
    return sorted({item.code for item in result} | set(extra))


def recompute_involvement(*, dossier: Dossier, by, reden: str) -> BetrokkenheidWijziging | None:
    """Store the involved municipalities anew; record and announce what changed."""
    try:
        codes = set(compute_involvement(dossier))
    except InvolvementError as exc:
        raise ValidationError({"betrokken_gemeenten": str(exc)}) from exc
    current = set(dossier.betrokken_gemeenten.values_list("code", flat=True))
    if codes == current:
        return None
    dossier.betrokken_gemeenten.set(Gemeente.objects.filter(code__in=codes))
    wijziging = BetrokkenheidWijziging.objects.create(
        dossier=dossier,
        door=actor(by),
        toegevoegd=sorted(codes - current),
        verwijderd=sorted(current - codes),
        reden=reden,
    )
    if current:  # the first computation is announced as the opening itself
        announce(
            dossier,
            Event.DOSSIER_BETROKKENHEID_GEWIJZIGD,
            event_id=f"dossier:{dossier.pk}:betrokkenheid:{wijziging.pk}",
            by=by,
            toegevoegd=wijziging.toegevoegd,
            verwijderd=wijziging.verwijderd,
        )
    return wijziging


@transaction.atomic
def update_scope(
    *,
    dossier: Dossier,
    by,
    reden: str,
    contracten=None,
    vestigingen=None,
    verstrekkende_gemeente: Gemeente | None = None,
) -> Dossier:
    """Change the contracts or locations concerned; the involvement follows, recorded."""
    dossier = locked(dossier)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de wijziging.")})
    if contracten is not None:
        wrong = [c.referentie for c in contracten if c.domein != dossier.domein]
        if wrong:
            raise ValidationError(
                {"contracten": _("Contract van een ander domein: %(r)s.") % {"r": ", ".join(wrong)}}
            )
        dossier.contracten.set(contracten)
    if vestigingen is not None:
        dossier.vestigingen.set(vestigingen)
    if verstrekkende_gemeente is not None:
        dossier.verstrekkende_gemeente = verstrekkende_gemeente
        dossier.save(update_fields=["verstrekkende_gemeente"])
    recompute_involvement(dossier=dossier, by=by, reden=reden)
    return dossier


def _open_bw_mo_case(dossier: Dossier, by) -> Dossier:
    """The dossier, locked, if ``by`` handles dossiers and it is an open BW/MO case: joint
    responsibility is a Centrumregeling rule (DVO BW/MO art. 5.2)."""
    require_perm(by, "behandelen_dossier")
    dossier = locked(dossier)
    if dossier.domein != Domein.BW_MO:
        raise ValidationError(_("Dit geldt alleen voor een BW/MO-dossier (DVO BW/MO art. 5.2)."))
    if dossier.status == Status.AFGESLOTEN:
        raise ValidationError(_("Het dossier is gesloten."))
    return dossier


@transaction.atomic
def add_interested_municipality(*, dossier: Dossier, gemeente: Gemeente, by, reden: str) -> Dossier:
    """Involve another interested municipality of the region in a BW/MO case, with the
    reason (DVO BW/MO art. 5.2: "niet uitgesloten dat ook andere belanghebbende
    regiogemeenten worden betrokken in het proces"): recorded in the involvement's history,
    and from then on it is told like the others."""
    reden = required(reden, "reden", _("Geef de reden waarom deze gemeente belang heeft."))
    dossier = _open_bw_mo_case(dossier, by)
    if not Samenwerkingsverband.objects.filter(code=BW_MO_ARRANGEMENT, leden=gemeente).exists():
        raise ValidationError(
            {"gemeente": _("%(g)s is geen lid van de Centrumregeling BW/MO.") % {"g": gemeente}}
        )
    if dossier.betrokken_gemeenten.filter(pk=gemeente.pk).exists():
        raise ValidationError({"gemeente": _("%(g)s is al betrokken.") % {"g": gemeente}})
    dossier.ook_betrokken.add(gemeente)
    recompute_involvement(dossier=dossier, by=by, reden=reden)
    return dossier


@transaction.atomic
def record_division(*, dossier: Dossier, by, tekst: str) -> VerdelingAfspraak:
    """The division of responsibilities agreed for a BW/MO case between the contracting
    (or PGB) municipality and the location's municipality (DVO BW/MO art. 5.2)."""
    tekst = required(tekst, "tekst", _("Beschrijf de afgesproken verdeling."))
    dossier = _open_bw_mo_case(dossier, by)
    return VerdelingAfspraak.objects.create(dossier=dossier, tekst=tekst, vastgelegd_door=by)


# Opening -----------------------------------------------------------------------------


@transaction.atomic
def open_dossier(*, melding: Melding, by=None) -> tuple[Dossier, bool]:
    """Open a dossier for a report routed to enforcement, or link it to the open dossier
    named at weighing. Returns the dossier and whether it is new."""
    if melding.status != MeldingStatus.NAAR_HANDHAVING:
        raise ValidationError(_("Alleen een melding die naar handhaving gaat opent een dossier."))
    weging = melding.weging
    acuut = weging.ernst == Ernst.ACUUT
    if weging.dossier_nummer:
        dossier = link_report(melding=melding, nummer=weging.dossier_nummer, by=by)
        return dossier, False
    dossier = Dossier.objects.create(
        nummer=next_number(reeks="HH", year=timezone.localdate().year, digits=4),
        zorgaanbieder=melding.zorgaanbieder,
        domein=melding.domein,
        vestiging_gemeente=melding.vestiging_gemeente,
        verstrekkende_gemeente=melding.verstrekkende_gemeente,
        prioriteit=Prioriteit.URGENT if acuut else Prioriteit.NORMAAL,
    )
    dossier.meldingen.add(melding)
    dossier.contracten.set(melding.contracten.all())
    dossier.vestigingen.set(
        melding.zorgaanbieder.vestigingen.filter(gemeente=melding.vestiging_gemeente)
    )
    recompute_involvement(dossier=dossier, by=by, reden=_("dossier geopend"))
    wijziging = StatusWijziging.objects.create(
        dossier=dossier,
        van="",
        naar=dossier.status,
        door=actor(by),
        reden=_("geopend na melding %(nummer)s") % {"nummer": melding.nummer},
    )
    announce(
        dossier,
        Event.DOSSIER_GEOPEND,
        event_id=f"dossier:{dossier.pk}:status:{wijziging.pk}",
        by=by,
        prioriteit=dossier.prioriteit,
    )
    return dossier, True


@transaction.atomic
def link_report(*, melding: Melding, nummer: str, by=None) -> Dossier:
    """Add a report to an open dossier of the same provider (several reports, one dossier)."""
    dossier = Dossier.objects.select_for_update().filter(nummer=nummer).first()
    if dossier is None or dossier.status == Status.AFGESLOTEN:
        raise ValidationError(
            {"dossier_nummer": _("Geen open dossier met nummer %(n)s.") % {"n": nummer}}
        )
    if dossier.zorgaanbieder_id != melding.zorgaanbieder_id:
        raise ValidationError(
            {"dossier_nummer": _("Dit dossier gaat over een andere zorgaanbieder.")}
        )
    dossier.meldingen.add(melding)
    dossier.contracten.add(*melding.contracten.filter(domein=dossier.domein))
    if melding.acuut and dossier.prioriteit != Prioriteit.URGENT:
        dossier.prioriteit = Prioriteit.URGENT
        dossier.save(update_fields=["prioriteit"])
    recompute_involvement(
        dossier=dossier, by=by, reden=_("melding %(n)s toegevoegd") % {"n": melding.nummer}
    )
    return dossier


def validate_dossier_link(*, melding: Melding, nummer: str) -> None:
    """For the weighing form: is ``nummer`` an open dossier of the same provider?"""
    dossier = Dossier.objects.filter(nummer=nummer).first()
    if dossier is None or dossier.status == Status.AFGESLOTEN:
        raise ValidationError(_("Geen open dossier met nummer %(n)s.") % {"n": nummer})
    if dossier.zorgaanbieder_id != melding.zorgaanbieder_id:
        raise ValidationError(_("Dit dossier gaat over een andere zorgaanbieder."))


@transaction.atomic
def assign_officer(*, dossier: Dossier, behandelaar, by) -> Dossier:
    if not behandelaar.has_perm("dossieroverleg.behandelen_dossier"):
        raise ValidationError({"behandelaar": _("Deze medewerker behandelt geen dossiers.")})
    dossier = locked(dossier)
    dossier.behandelaar = behandelaar
    dossier.save(update_fields=["behandelaar"])
    return dossier


@transaction.atomic
def close_dossier(*, dossier: Dossier, by, resultaat: str, reden: str = "") -> Dossier:
    """Close a decided dossier with a result type (which later sets its archive term)."""
    require_perm(by, "behandelen_dossier")
    dossier = locked(dossier)
    if not Resultaattype.objects.filter(code=resultaat, actief=True).exists():
        raise ValidationError({"resultaat": _("Kies een resultaat.")})
    if not dossier.geen_lopend_traject():
        raise ValidationError(_("Er loopt nog een juridisch traject."))
    if not dossier.geen_open_termijn():
        raise ValidationError(_("Er staat nog een termijn open."))
    dossier.resultaat = resultaat
    change_status(dossier, "sluit", by=by, event=Event.DOSSIER_GESLOTEN, reden=reden)
    return dossier


# Confidentiality ---------------------------------------------------------------------


@transaction.atomic
def set_confidentiality(
    *, dossier: Dossier, by, niveau: str, medebehandelaars=(), reden: str
) -> Dossier:
    """Set the confidentiality level (ZGW vertrouwelijkheidaanduiding) and who, besides the
    officer and the team leads, may see a secret dossier. Team leads decide."""
    require_perm(by, "goedkeuren_advies")
    if niveau not in Vertrouwelijkheid.values:
        raise ValidationError({"niveau": _("Kies een vertrouwelijkheidsniveau.")})
    reden = required(reden, "reden", _("Geef de reden."))
    dossier = locked(dossier)
    dossier.vertrouwelijkheid = niveau
    dossier.save(update_fields=["vertrouwelijkheid"])
    dossier.medebehandelaars.set(medebehandelaars)
    audit.record(
        audit.Actie.WIJZIGEN,
        dossier,
        user=by,
        velden=["vertrouwelijkheid", "medebehandelaars"],
        toelichting=niveau,  # the reason may name people: it stays out of the log
    )
    return dossier
