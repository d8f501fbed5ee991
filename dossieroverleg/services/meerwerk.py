"""Extra work (seed 000 art. 5): every member municipality of the arrangement gives its
administrative position in its portal by a term; the flow concludes the request."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio import dates
from regio.events import Event, WorkEvent, signal_work
from regio.models import Deelname, Gemeente, Samenwerkingsverband
from termijnen.models import Termijn
from termijnen.services import close_term, new_term

from ..models import (
    Dossier,
    MeerwerkStandpunt,
    MeerwerkVerzoek,
    Status,
)
from .checks import PORTAAL, acts_for, require_perm, required, without_bsn
from .dossier import announce, locked


def arrangement_of(dossier: Dossier) -> list[Samenwerkingsverband]:
    """The arrangement(s) of the dossier's contracts; else those covering its domain that
    an involved municipality is a member of."""
    verbanden = list(
        Samenwerkingsverband.objects.filter(contracten__dossiers=dossier)
        .distinct()
        .prefetch_related("leden")
    )
    if not verbanden:
        involved = set(dossier.betrokken_gemeenten.values_list("pk", flat=True))
        verbanden = [
            v
            for v in Samenwerkingsverband.objects.prefetch_related("leden")
            if dossier.domein in v.domeinen and involved & {g.pk for g in v.leden.all()}
        ]
    return verbanden


def sharing_members(dossier: Dossier, verbanden: list[Samenwerkingsverband]) -> list[Gemeente]:
    """The municipalities that share in this dossier's work, asked for a position on extra
    work (seed 000 art. 5: "een bestuurlijk standpunt gevraagd aan de regiogemeenten"):
    the members of the arrangement(s); a member with limited participation (Wijchen,
    seed 000 art. 2 lid 2 sub g: the ROB works for it "voor zover het de regionale
    contracten betreft waarvan de gemeente Wijchen ook een van de partijen is") only
    where it is a party to a contract of the dossier."""
    parties = set(
        Gemeente.objects.filter(contracten__dossiers=dossier).values_list("pk", flat=True)
    )
    leden = {
        deelname.gemeente
        for verband in verbanden
        for deelname in Deelname.objects.filter(samenwerkingsverband=verband).select_related(
            "gemeente"
        )
        if not deelname.beperkt or deelname.gemeente_id in parties
    }
    return sorted(leden, key=lambda g: g.naam)


@transaction.atomic
def request_extra_work(
    *,
    dossier: Dossier,
    by,
    omschrijving: str,
    uiterlijk: datetime.date,
    uren: Decimal = Decimal(0),
    bedrag: Decimal = Decimal(0),
) -> MeerwerkVerzoek:
    """Ask every member municipality of the arrangement for an administrative position on
    extra work (seed 000 art. 5), answered in their portal by ``uiterlijk``."""
    require_perm(by, "behandelen_dossier")
    omschrijving = required(omschrijving, "omschrijving", _("Beschrijf het gevraagde meerwerk."))
    if uiterlijk <= timezone.localdate():
        raise ValidationError({"uiterlijk": _("De termijn ligt in de toekomst.")})
    if uren < 0 or bedrag < 0:
        raise ValidationError({"uren": _("Uren en bedrag zijn niet negatief.")})
    dossier = locked(dossier)
    if dossier.status == Status.AFGESLOTEN:
        raise ValidationError(_("Het dossier is gesloten."))
    if dossier.meerwerk.filter(uitkomst="").exists():
        raise ValidationError(_("Er loopt al een verzoek om meerwerk."))
    leden = sharing_members(dossier, arrangement_of(dossier))
    if not leden:
        raise ValidationError(_("Geen samenwerkingsverband gevonden voor dit dossier."))
    termijn = new_term(
        dossier=dossier,
        soort=Termijn.Soort.MEERWERK,
        omschrijving=_("Bestuurlijk standpunt meerwerk"),
        start=uiterlijk,
        by=by,
        eigenaar=by,
    )
    verzoek = MeerwerkVerzoek.objects.create(
        dossier=dossier,
        omschrijving=omschrijving,
        uren=uren,
        bedrag=bedrag,
        termijn=termijn,
        gevraagd_door=by,
    )
    MeerwerkStandpunt.objects.bulk_create(
        [MeerwerkStandpunt(verzoek=verzoek, gemeente=g) for g in leden]
    )
    announce(
        dossier,
        Event.MEERWERK_GEVRAAGD,
        event_id=f"meerwerk:{verzoek.pk}",
        by=by,
        gemeenten=[g.code for g in leden],
        termijn=f"{dates.datum(uiterlijk)}",
        pad=PORTAAL,  # each municipality gives its position in its portal
    )
    signal_work(WorkEvent.MEERWERK_GEVRAAGD, verzoek)
    return verzoek


@transaction.atomic
def answer_extra_work(
    *, standpunt: MeerwerkStandpunt, by, akkoord: bool, toelichting: str = ""
) -> MeerwerkStandpunt:
    """A municipality's position, given in its portal before the deadline."""
    standpunt = MeerwerkStandpunt.objects.select_for_update().get(pk=standpunt.pk)
    if not acts_for(by, standpunt.gemeente):
        raise PermissionDenied(_("Dit verzoek is aan een andere gemeente gericht."))
    if standpunt.standpunt:
        raise ValidationError(_("Uw gemeente heeft al een standpunt gegeven."))
    if standpunt.verzoek.uitkomst:
        raise ValidationError(_("Het verzoek is al afgerond."))
    if timezone.localdate() > standpunt.verzoek.termijn.uiterlijk:
        raise ValidationError(_("De termijn voor een standpunt is verstreken."))
    standpunt.standpunt = (
        MeerwerkStandpunt.Standpunt.AKKOORD if akkoord else MeerwerkStandpunt.Standpunt.AFGEWEZEN
    )
    standpunt.toelichting = without_bsn(toelichting)
    standpunt.door, standpunt.op = by, timezone.now()
    standpunt.save()
    signal_work(WorkEvent.MEERWERK_BEANTWOORD, standpunt)
    return standpunt


def record_no_answer(*, standpunt: MeerwerkStandpunt) -> None:
    """The deadline passed without an answer (called by the flow's timer)."""
    MeerwerkStandpunt.objects.filter(pk=standpunt.pk, standpunt="").update(
        standpunt=MeerwerkStandpunt.Standpunt.GEEN_ANTWOORD, op=timezone.now()
    )


@transaction.atomic
def conclude_extra_work(*, verzoek: MeerwerkVerzoek) -> MeerwerkVerzoek:
    """Every municipality answered or the deadline passed: agreed when nobody refused and
    at least one agreed; refused when any refused; else no answer. Who did not answer
    stays on record per municipality."""
    verzoek = MeerwerkVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.uitkomst:
        return verzoek
    for standpunt in verzoek.standpunten.filter(standpunt=""):
        record_no_answer(standpunt=standpunt)
    given = set(verzoek.standpunten.values_list("standpunt", flat=True))
    S = MeerwerkStandpunt.Standpunt
    if S.AFGEWEZEN in given:
        verzoek.uitkomst = MeerwerkVerzoek.Uitkomst.AFGEWEZEN
    elif S.AKKOORD in given:
        verzoek.uitkomst = MeerwerkVerzoek.Uitkomst.AKKOORD
    else:
        verzoek.uitkomst = MeerwerkVerzoek.Uitkomst.GEEN_ANTWOORD
    verzoek.afgerond_op = timezone.now()
    verzoek.save(update_fields=["uitkomst", "afgerond_op"])
    close_term(verzoek.termijn, by=None, toelichting=verzoek.get_uitkomst_display())
    return verzoek
