"""The advice (a second pair of eyes approves it) and the college's decision."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio import mandates
from regio.events import Event
from regio.models import Besluitsoort

from ..models import (
    Advies,
    Besluit,
    Dossier,
    Maatregel,
    Status,
)
from .dossier import announce, change_status, locked


@transaction.atomic
def draft_advice(
    *, dossier: Dossier, by, maatregelen: list[str], motivering: str, juridische_grondslag: str
) -> Advies:
    dossier = locked(dossier)
    if not by.has_perm("dossieroverleg.behandelen_dossier"):
        raise PermissionDenied(_("U mag geen advies opstellen."))
    if dossier.status != Status.ADVIES:
        raise ValidationError(_("Een advies hoort bij een dossier in de status advies."))
    if dossier.adviezen.filter(status=Advies.Status.TER_GOEDKEURING).exists():
        raise ValidationError(_("Er ligt al een advies ter goedkeuring."))
    unknown = [m for m in maatregelen if m not in Maatregel.values]
    if not maatregelen or unknown:
        raise ValidationError({"maatregelen": _("Kies een of meer maatregelen.")})
    advies = Advies(
        dossier=dossier,
        maatregelen=list(maatregelen),
        motivering=motivering,
        juridische_grondslag=juridische_grondslag,
        opgesteld_door=by,
    )
    advies.full_clean()
    advies.save()
    return advies


@transaction.atomic
def review_advice(*, advies: Advies, by, goedkeuren: bool, toelichting: str = "") -> Advies:
    """A team lead who is not the author approves or rejects (second pair of eyes)."""
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    if not by.has_perm("dossieroverleg.goedkeuren_advies"):
        raise PermissionDenied(_("Alleen een teamleider keurt adviezen goed."))
    if advies.opgesteld_door_id == by.pk:
        raise PermissionDenied(_("U kunt uw eigen advies niet beoordelen."))
    if advies.status != Advies.Status.TER_GOEDKEURING:
        raise ValidationError(_("Dit advies is al beoordeeld."))
    if not goedkeuren and not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef aan waarom het advies wordt afgewezen.")})
    advies.status = Advies.Status.GOEDGEKEURD if goedkeuren else Advies.Status.AFGEWEZEN
    advies.beoordeeld_door = by
    advies.beoordeeld_op = timezone.now()
    advies.beoordeling = toelichting
    advies.save()
    if goedkeuren:
        announce(
            advies.dossier,
            Event.DOSSIER_ADVIES,
            event_id=f"dossier:{advies.dossier_id}:advies:{advies.pk}",
            by=by,
            maatregelen=advies.maatregelen_display(),
        )
    return advies


# Measures after which a legal trajectory follows (Awb; private-law track).
MAATREGELEN_MET_TRAJECT = {
    Maatregel.AANWIJZING,
    Maatregel.OPSCHORTING_BETALING,
    Maatregel.TERUGVORDERING,
    Maatregel.INGEBREKESTELLING,
    Maatregel.ONTBINDING,
    Maatregel.LAST_ONDER_DWANGSOM,
    Maatregel.LAST_ONDER_BESTUURSDWANG,
}


@transaction.atomic
def record_decision(
    *,
    dossier: Dossier,
    by,
    datum: datetime.date,
    maatregelen: list[str],
    bekendmaking_op: datetime.date,
    toelichting: str = "",
) -> Besluit:
    """The college's decision; the measures may differ from the advice. Recorded by
    someone who holds the mandate for it, in the name of the dossier's parties
    (``regio.mandates``); refused with the reason otherwise."""
    dossier = locked(dossier)
    unknown = [m for m in maatregelen if m not in Maatregel.values]
    if not maatregelen or unknown:
        raise ValidationError({"maatregelen": _("Kies een of meer maatregelen.")})
    if bekendmaking_op < datum:
        raise ValidationError({"bekendmaking_op": _("De bekendmaking ligt niet voor het besluit.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    grant = mandates.grant_for_dossier(by, Besluitsoort.COLLEGEBESLUIT, dossier, datum)
    besluit = Besluit(
        dossier=dossier,
        datum=datum,
        maatregelen=list(maatregelen),
        bekendmaking_op=bekendmaking_op,
        toelichting=toelichting,
        vastgelegd_door=by,
    )
    besluit.onder(grant, by)
    besluit.save()
    change_status(
        dossier,
        "besluit_genomen",
        by=by,
        event=Event.DOSSIER_BESLUIT,
        maatregelen=besluit.maatregelen_display(),
        bekendmaking=bekendmaking_op.isoformat(),
        trajecten=sorted(set(maatregelen) & MAATREGELEN_MET_TRAJECT),
    )
    return besluit
