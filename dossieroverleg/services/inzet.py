"""Enforcement costs: hours and amounts per dossier, the basis of the cost sharing."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Dossier,
    Inzet,
)


@transaction.atomic
def record_costs(
    *, dossier: Dossier, by, datum: datetime.date, omschrijving: str, uren=0, bedrag=0
) -> Inzet:
    """Hours or amounts spent on a dossier; the basis of the cost sharing per municipality."""

    if not by.has_perm("dossieroverleg.behandelen_dossier"):
        raise PermissionDenied(_("U mag geen inzet vastleggen."))
    if not uren and not bedrag:
        raise ValidationError({"uren": _("Vul uren of een bedrag in.")})
    inzet = Inzet(
        dossier=dossier,
        datum=datum,
        uren=uren or 0,
        bedrag=bedrag or 0,
        omschrijving=omschrijving,
        vastgelegd_door=by,
    )
    inzet.full_clean()
    inzet.save()
    return inzet
