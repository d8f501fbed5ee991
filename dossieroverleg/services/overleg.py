"""The Dossieroverleg: planning a meeting, its agenda (the one door for putting a dossier
on it), holding it, the conclusions, and the minutes that move every discussed dossier
on."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regio import dates
from regio.events import Event
from regio.models import Gemeente
from regio.transitions import check_transition

from ..models import (
    Agendapunt,
    Conclusie,
    Deelnemer,
    Dossier,
    Maatregel,
    Overleg,
)
from .dossier import announce, change_status, locked


@transaction.atomic
def plan_meeting(
    *,
    datum: datetime.datetime,
    voorzitter,
    secretaris,
    by,
    locatie: str = "",
    deelnemers: list[tuple[str, str]] = (),
) -> Overleg:
    if not by.has_perm("dossieroverleg.agenderen_dossier"):
        raise PermissionDenied(_("U mag geen overleg plannen."))
    overleg = Overleg.objects.create(
        datum=datum, voorzitter=voorzitter, secretaris=secretaris, locatie=locatie
    )
    for naam, discipline in deelnemers:
        add_attendee(overleg=overleg, naam=naam, discipline=discipline)
    return overleg


def add_attendee(
    *, overleg: Overleg, naam: str, discipline: str, gemeente: Gemeente | None = None
) -> Deelnemer:
    deelnemer = Deelnemer(overleg=overleg, naam=naam, discipline=discipline, gemeente=gemeente)
    deelnemer.full_clean()
    deelnemer.save()
    return deelnemer


def _locked_item(agendapunt: Agendapunt) -> Agendapunt:
    return Agendapunt.objects.select_related("overleg").select_for_update().get(pk=agendapunt.pk)


def _meeting_open_for_agenda(overleg: Overleg) -> None:
    if overleg.status != Overleg.Status.GEPLAND:
        raise ValidationError(_("De agenda van dit overleg is al vastgesteld."))


@transaction.atomic
def put_on_agenda(*, overleg: Overleg, dossier: Dossier, by) -> Agendapunt:
    """The secretary puts a ready dossier on the agenda (it needs at least one finding)."""
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    _meeting_open_for_agenda(overleg)
    dossier = locked(dossier)
    if not dossier.heeft_bevindingen():
        raise ValidationError(
            _("Dossier %(n)s heeft nog geen bevindingen en kan niet op de agenda.")
            % {"n": dossier.nummer}
        )
    if not dossier.onderzoek_afgerond():
        raise ValidationError(
            _("Het onderzoek van dossier %(n)s is nog niet afgerond door de behandelaar.")
            % {"n": dossier.nummer}
        )
    change_status(
        dossier,
        "agendeer",
        by=by,
        event=Event.DOSSIER_GEAGENDEERD,
        overleg_datum=dates.datum(overleg.datum),
    )
    volgorde = overleg.agendapunten.count() + 1
    return Agendapunt.objects.create(overleg=overleg, dossier=dossier, volgorde=volgorde)


@transaction.atomic
def remove_from_agenda(*, agendapunt: Agendapunt, by) -> None:
    agendapunt = _locked_item(agendapunt)
    _meeting_open_for_agenda(agendapunt.overleg)
    dossier = locked(agendapunt.dossier)
    change_status(dossier, "van_agenda", by=by, event=None, reden=_("van de agenda gehaald"))
    agendapunt.delete()


def _meeting_transition(overleg: Overleg, method_name: str, by) -> Overleg:
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    method = getattr(overleg, method_name)
    check_transition(overleg, method, by)
    method()
    overleg.save()
    return overleg


@transaction.atomic
def set_agenda(*, overleg: Overleg, by) -> Overleg:
    return _meeting_transition(overleg, "stel_agenda_vast", by)


@transaction.atomic
def hold_meeting(*, overleg: Overleg, by) -> Overleg:
    if not overleg.is_begonnen():
        raise ValidationError(
            _(
                "Dit overleg is gepland op %(datum)s; u kunt het pas vanaf die dag als "
                "gehouden vastleggen."
            )
            % {"datum": dates.datum(overleg.datum)}
        )
    return _meeting_transition(overleg, "houd", by)


@transaction.atomic
def record_conclusion(
    *,
    agendapunt: Agendapunt,
    by,
    conclusie: str,
    maatregelen: list[str] = (),
    toelichting: str = "",
) -> Agendapunt:
    if not by.has_perm("dossieroverleg.agenderen_dossier"):
        raise PermissionDenied(_("U mag geen conclusies vastleggen."))
    agendapunt = _locked_item(agendapunt)
    if agendapunt.overleg.status != Overleg.Status.GEHOUDEN:
        raise ValidationError(_("Conclusies worden vastgelegd in een gehouden overleg."))
    if conclusie not in Conclusie.values:
        raise ValidationError({"conclusie": _("Kies een conclusie.")})
    unknown = [m for m in maatregelen if m not in Maatregel.values]
    if unknown:
        raise ValidationError(
            {"maatregelen": _("Onbekende maatregel: %(m)s.") % {"m": ", ".join(unknown)}}
        )
    if conclusie == Conclusie.ADVIES_VOORBEREIDEN and not maatregelen:
        raise ValidationError({"maatregelen": _("Noem de voorgestelde maatregelen.")})
    agendapunt.conclusie = conclusie
    agendapunt.voorgestelde_maatregelen = list(maatregelen)
    agendapunt.toelichting = toelichting
    agendapunt.full_clean()
    agendapunt.save()
    return agendapunt


_CONCLUSION_TRANSITIONS = {
    Conclusie.MEER_ONDERZOEK: ("meer_onderzoek", Event.DOSSIER_IN_ONDERZOEK),
    Conclusie.GEEN_MAATREGEL: ("sluit_zonder_maatregel", Event.DOSSIER_GESLOTEN),
    Conclusie.ADVIES_VOORBEREIDEN: ("bereid_advies_voor", None),
}


@transaction.atomic
def set_minutes(*, overleg: Overleg, by) -> Overleg:
    """Setting the minutes moves every discussed dossier on, by its conclusion."""
    overleg = _meeting_transition(overleg, "stel_verslag_vast", by)
    for punt in overleg.agendapunten.select_related("dossier"):
        dossier = locked(punt.dossier)
        wijziging = change_status(
            dossier, "bespreek", by=by, event=None, reden=punt.get_conclusie_display()
        )
        method, event = _CONCLUSION_TRANSITIONS[punt.conclusie]
        if punt.conclusie == Conclusie.MEER_ONDERZOEK:
            # Back to the case officer, who closes the new round of research again.
            dossier.onderzoek_afgerond_op = None
        change_status(dossier, method, by=by, event=event, reden=punt.toelichting)
        # Announced once the dossier has moved on, so that the flow continues from there.
        announce(
            dossier,
            Event.DOSSIER_BESPROKEN,
            event_id=f"dossier:{dossier.pk}:status:{wijziging.pk}",
            by=by,
            conclusie=punt.get_conclusie_display(),
            conclusie_code=punt.conclusie,
            maatregelen=punt.maatregelen_display(),
        )
    return overleg
