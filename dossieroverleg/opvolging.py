"""Use cases after the college's decision, besides the legal follow-up (app ``juridisch``):
aftercare, improvement plans and re-inspection, extra work, escalation, confidentiality
and closing the dossier (DESIGN 2.2).

Every deadline is a :class:`termijnen.models.Termijn`, whose timer lives in
``workflows.flows.TermijnFlow``; the flows hear of new and moved terms through
``regio.events.work_event``.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.validators import validate_no_bsn
from regio.events import Event, WorkEvent, signal_work
from regio.models import Gemeente, Samenwerkingsverband
from regio.roles import has_role
from regio.selectors import gemeente_of
from termijnen.models import Termijn
from termijnen.services import close_term, new_term

from .models import (
    Dossier,
    Escalatie,
    MeerwerkStandpunt,
    MeerwerkVerzoek,
    NazorgVerzoek,
    Resultaattype,
    Status,
    Verbeterplan,
)
from .services import announce, change_status, locked

# Where a municipality answers what is asked of it (aftercare, extra work).
PORTAAL = "/portaal/"


def _required(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationError({field: message})
    return value.strip()


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("De datum ligt in de toekomst.")})


def _require_perm(by, perm: str) -> None:
    if by is not None and not by.has_perm(f"dossieroverleg.{perm}"):
        raise PermissionDenied(_("U mag deze stap niet zetten."))


# Aftercare ---------------------------------------------------------------------------


def aftercare_municipalities(dossier: Dossier) -> list[Gemeente]:
    """The municipality that granted the pgb or contracted the care: the one recorded on
    the dossier, else the parties to its contracts that are involved."""
    if dossier.verstrekkende_gemeente_id:
        return [dossier.verstrekkende_gemeente]
    involved = set(dossier.betrokken_gemeenten.values_list("code", flat=True))
    codes = {
        code
        for contract in dossier.contracten.all()
        for code in contract.gemeenten.values_list("code", flat=True)
        if code in involved
    }
    return list(Gemeente.objects.filter(code__in=codes).order_by("naam"))


@transaction.atomic
def request_aftercare(
    *, dossier: Dossier, by, reden: str, dagen: int | None = None
) -> list[NazorgVerzoek]:
    """Ask each municipality that contracted the care (or granted the pgb) to arrange
    alternative care for the clients, by a due date (DVO BW/MO art. 5.2)."""
    _require_perm(by, "behandelen_dossier")
    return ask_aftercare(dossier=dossier, by=by, reden=reden, dagen=dagen)


def ask_aftercare(*, dossier: Dossier, by, reden: str, dagen: int | None) -> list[NazorgVerzoek]:
    """``request_aftercare`` for a caller that checked its own permission (a contract
    terminated in a legal trajectory)."""
    dossier = locked(dossier)
    if reden not in NazorgVerzoek.Reden.values:
        raise ValidationError({"reden": _("Kies de reden.")})
    if dossier.status not in (Status.BESLUIT, Status.JURIDISCHE_OPVOLGING, Status.NAZORG):
        raise ValidationError(_("Nazorg volgt op een besluit van het college."))
    gemeenten = aftercare_municipalities(dossier)
    if not gemeenten:
        raise ValidationError(
            _(
                "Onbekend welke gemeente de zorg contracteerde of het pgb verstrekte; leg dat "
                "eerst vast bij de reikwijdte van het dossier."
            )
        )
    dagen = dagen or settings.NAZORG_TERMIJN_DAGEN
    if dossier.status != Status.NAZORG:
        change_status(dossier, "start_nazorg", by=None, event=None)
    verzoeken = []
    for gemeente in gemeenten:
        if NazorgVerzoek.objects.filter(dossier=dossier, gemeente=gemeente, reden=reden).exists():
            continue
        termijn = new_term(
            dossier=dossier,
            soort=Termijn.Soort.NAZORG,
            omschrijving=_("Alternatieve zorg regelen (%(g)s)") % {"g": gemeente.naam},
            start=timezone.localdate(),
            dagen=dagen,
            by=by,
            gemeente=gemeente,
        )
        verzoek = NazorgVerzoek.objects.create(
            dossier=dossier, gemeente=gemeente, reden=reden, termijn=termijn, gevraagd_door=by
        )
        announce(
            dossier,
            Event.DOSSIER_NAZORG_GEVRAAGD,
            event_id=f"nazorg:{verzoek.pk}",
            by=by,
            gemeenten=[gemeente.code],
            termijn=f"{termijn.uiterlijk:%d-%m-%Y}",
            pad=PORTAAL,  # the municipality answers in its portal
        )
        verzoeken.append(verzoek)
    return verzoeken


def _acts_for(by, gemeente: Gemeente) -> bool:
    """A `gemeente` user of ``gemeente`` answers in the portal; enforcement staff may
    record the answer on its behalf (it is recorded who did)."""
    if by.has_perm("dossieroverleg.behandelen_dossier"):
        return True
    own = gemeente_of(by)
    return own is not None and own.pk == gemeente.pk and has_role(by, "gemeente")


def _without_bsn(toelichting: str) -> str:
    """A municipality's answer is read by the region's staff, who need no client's BSN
    in it (AVG art. 5 lid 1c, minimal data): refused at its field."""
    try:
        validate_no_bsn(toelichting)
    except ValidationError as error:
        raise ValidationError({"toelichting": error.error_list}) from None
    return toelichting


@transaction.atomic
def confirm_aftercare(
    *, verzoek: NazorgVerzoek, by, aantal_clienten: int | None = None, toelichting: str = ""
) -> NazorgVerzoek:
    """The municipality confirms that alternative care is arranged."""
    verzoek = NazorgVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if not _acts_for(by, verzoek.gemeente):
        raise PermissionDenied(_("Dit verzoek is aan een andere gemeente gericht."))
    if verzoek.geregeld_op:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    verzoek.geregeld_op = timezone.now()
    verzoek.beantwoord_door = by
    verzoek.aantal_clienten = aantal_clienten
    verzoek.toelichting = _without_bsn(toelichting)
    verzoek.save()
    close_term(verzoek.termijn, by=by, toelichting=_("Alternatieve zorg geregeld"))
    signal_work(WorkEvent.NAZORG_GEREGELD, verzoek)
    return verzoek


@transaction.atomic
def start_aftercare(*, dossier: Dossier, by) -> Dossier:
    """Move a decided dossier to aftercare (monitoring) without a request to a
    municipality, e.g. after a warning."""
    _require_perm(by, "behandelen_dossier")
    dossier = locked(dossier)
    change_status(dossier, "start_nazorg", by=by, event=None)
    return dossier


@transaction.atomic
def record_improvement_plan(
    *,
    dossier: Dossier,
    by,
    ontvangen_op: datetime.date,
    omschrijving: str,
    herinspectie_op: datetime.date,
) -> Verbeterplan:
    _require_perm(by, "behandelen_dossier")
    omschrijving = _required(omschrijving, "omschrijving", _("Beschrijf het verbeterplan."))
    _not_in_future(ontvangen_op, "ontvangen_op")
    if herinspectie_op <= ontvangen_op:
        raise ValidationError(
            {"herinspectie_op": _("De herinspectie ligt na de ontvangst van het plan.")}
        )
    termijn = new_term(
        dossier=dossier,
        soort=Termijn.Soort.HERINSPECTIE,
        omschrijving=_("Herinspectie verbeterplan"),
        start=herinspectie_op,
        by=by,
    )
    return Verbeterplan.objects.create(
        dossier=dossier,
        ontvangen_op=ontvangen_op,
        omschrijving=omschrijving,
        herinspectie=termijn,
        vastgelegd_door=by,
    )


@transaction.atomic
def record_reinspection(
    *, plan: Verbeterplan, by, datum: datetime.date, voldaan: bool, toelichting: str = ""
) -> Verbeterplan:
    _require_perm(by, "behandelen_dossier")
    plan = Verbeterplan.objects.select_for_update().get(pk=plan.pk)
    if plan.uitkomst:
        raise ValidationError(_("De herinspectie is al vastgelegd."))
    _not_in_future(datum, "datum")
    plan.uitkomst = Verbeterplan.Uitkomst.VOLDAAN if voldaan else Verbeterplan.Uitkomst.NIET_VOLDAAN
    plan.geinspecteerd_op, plan.toelichting = datum, toelichting
    plan.save()
    close_term(plan.herinspectie, by=by, toelichting=plan.get_uitkomst_display())
    return plan


@transaction.atomic
def close_dossier(*, dossier: Dossier, by, resultaat: str, reden: str = "") -> Dossier:
    """Close a decided dossier with a result type (which later sets its archive term)."""
    _require_perm(by, "behandelen_dossier")
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


# Extra work --------------------------------------------------------------------------


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
    _require_perm(by, "behandelen_dossier")
    omschrijving = _required(omschrijving, "omschrijving", _("Beschrijf het gevraagde meerwerk."))
    if uiterlijk <= timezone.localdate():
        raise ValidationError({"uiterlijk": _("De termijn ligt in de toekomst.")})
    if uren < 0 or bedrag < 0:
        raise ValidationError({"uren": _("Uren en bedrag zijn niet negatief.")})
    dossier = locked(dossier)
    if dossier.status == Status.AFGESLOTEN:
        raise ValidationError(_("Het dossier is gesloten."))
    if dossier.meerwerk.filter(uitkomst="").exists():
        raise ValidationError(_("Er loopt al een verzoek om meerwerk."))
    leden = sorted(
        {g for v in arrangement_of(dossier) for g in v.leden.all()}, key=lambda g: g.naam
    )
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
        termijn=f"{uiterlijk:%d-%m-%Y}",
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
    if not _acts_for(by, standpunt.gemeente):
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
    standpunt.toelichting = _without_bsn(toelichting)
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


# Escalation --------------------------------------------------------------------------


@transaction.atomic
def escalate(
    *, dossier: Dossier, by, woongemeente: Gemeente, vraag: str, datum: datetime.date
) -> Escalatie:
    """Put a youth case to the Nijmegen alderman together with the alderman of the youth's
    home municipality (seed 003)."""
    _require_perm(by, "behandelen_dossier")
    if dossier.domein != "jeugd":
        raise ValidationError(_("Alleen jeugdzaken gaan naar het bestuurlijk escalatiepunt."))
    vraag = _required(vraag, "vraag", _("Formuleer de vraag aan de wethouders."))
    _not_in_future(datum, "datum")
    return Escalatie.objects.create(
        dossier=dossier, woongemeente=woongemeente, vraag=vraag, gevraagd_op=datum, gevraagd_door=by
    )


@transaction.atomic
def record_escalation_answer(
    *, escalatie: Escalatie, by, antwoord: str, datum: datetime.date
) -> Escalatie:
    _require_perm(by, "behandelen_dossier")
    antwoord = _required(antwoord, "antwoord", _("Geef het antwoord van de wethouders."))
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie.pk)
    if escalatie.beantwoord_op:
        raise ValidationError(_("Het antwoord is al vastgelegd."))
    if datum < escalatie.gevraagd_op:
        raise ValidationError({"datum": _("Het antwoord ligt voor de vraag.")})
    _not_in_future(datum, "datum")
    escalatie.antwoord, escalatie.beantwoord_op = antwoord, datum
    escalatie.antwoord_vastgelegd_door = by
    escalatie.save()
    return escalatie


# Confidentiality ---------------------------------------------------------------------


@transaction.atomic
def set_confidentiality(
    *, dossier: Dossier, by, niveau: str, medebehandelaars=(), reden: str
) -> Dossier:
    """Set the confidentiality level (ZGW vertrouwelijkheidaanduiding) and who, besides the
    officer and the team leads, may see a secret dossier. Team leads decide."""
    from regio import audit

    from .models import Vertrouwelijkheid

    _require_perm(by, "goedkeuren_advies")
    if niveau not in Vertrouwelijkheid.values:
        raise ValidationError({"niveau": _("Kies een vertrouwelijkheidsniveau.")})
    reden = _required(reden, "reden", _("Geef de reden."))
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
