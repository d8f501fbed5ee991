"""Aftercare after the decision: each municipality that contracted the care arranges
alternative care by a term (DVO BW/MO art. 5.2), and an improvement plan is monitored until
its re-inspection."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio import dates
from regio.events import Event, WorkEvent, signal_work
from regio.models import Gemeente
from termijnen.models import Termijn
from termijnen.services import close_term, new_term

from ..models import (
    Dossier,
    NazorgVerzoek,
    Status,
    Verbeterplan,
)
from .checks import PORTAAL, acts_for, not_in_future, require_perm, required, without_bsn
from .dossier import announce, change_status, locked


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
    require_perm(by, "behandelen_dossier")
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
            termijn=f"{dates.datum(termijn.uiterlijk)}",
            pad=PORTAAL,  # the municipality answers in its portal
        )
        verzoeken.append(verzoek)
    return verzoeken


@transaction.atomic
def confirm_aftercare(
    *, verzoek: NazorgVerzoek, by, aantal_clienten: int | None = None, toelichting: str = ""
) -> NazorgVerzoek:
    """The municipality confirms that alternative care is arranged."""
    verzoek = NazorgVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if not acts_for(by, verzoek.gemeente):
        raise PermissionDenied(_("Dit verzoek is aan een andere gemeente gericht."))
    if verzoek.geregeld_op:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    verzoek.geregeld_op = timezone.now()
    verzoek.beantwoord_door = by
    verzoek.aantal_clienten = aantal_clienten
    verzoek.toelichting = without_bsn(toelichting)
    verzoek.save()
    close_term(verzoek.termijn, by=by, toelichting=_("Alternatieve zorg geregeld"))
    signal_work(WorkEvent.NAZORG_GEREGELD, verzoek)
    return verzoek


@transaction.atomic
def start_aftercare(*, dossier: Dossier, by) -> Dossier:
    """Move a decided dossier to aftercare (monitoring) without a request to a
    municipality, e.g. after a warning."""
    require_perm(by, "behandelen_dossier")
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
    require_perm(by, "behandelen_dossier")
    omschrijving = required(omschrijving, "omschrijving", _("Beschrijf het verbeterplan."))
    not_in_future(ontvangen_op, "ontvangen_op")
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
    require_perm(by, "behandelen_dossier")
    plan = Verbeterplan.objects.select_for_update().get(pk=plan.pk)
    if plan.uitkomst:
        raise ValidationError(_("De herinspectie is al vastgelegd."))
    not_in_future(datum, "datum")
    plan.uitkomst = Verbeterplan.Uitkomst.VOLDAAN if voldaan else Verbeterplan.Uitkomst.NIET_VOLDAAN
    plan.geinspecteerd_op, plan.toelichting = datum, toelichting
    plan.save()
    close_term(plan.herinspectie, by=by, toelichting=plan.get_uitkomst_display())
    return plan
