"""Use cases on reference data that others must hear about."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, dates
from .events import Event, emit
from .models import Contactpersoon, Samenwerkingsverband, Zorgaanbieder
from .roles import has_role
from .selectors import gemeente_of

BW_MO = "bwmo-nr"


@transaction.atomic
def start_bibob(*, zorgaanbieder: Zorgaanbieder, datum: datetime.date, by) -> Zorgaanbieder:
    """Record a Bibob investigation; every member of the arrangement(s) the provider works
    in is told (Samenwerkingsovereenkomst art. 7.4); without a contract, the BW/MO members."""
    if by is not None and not by.has_perm("regio.change_zorgaanbieder"):
        raise PermissionDenied(_("U mag geen Bibob-onderzoek vastleggen."))
    if datum is None:
        raise ValidationError({"bibob_datum": _("Een Bibob-onderzoek heeft een datum.")})
    zorgaanbieder = Zorgaanbieder.objects.select_for_update().get(pk=zorgaanbieder.pk)
    already = zorgaanbieder.bibob and zorgaanbieder.bibob_datum == datum
    zorgaanbieder.bibob = True
    zorgaanbieder.bibob_datum = datum
    zorgaanbieder.save(update_fields=["bibob", "bibob_datum"])
    if already:
        return zorgaanbieder
    codes = set(
        Samenwerkingsverband.objects.filter(contracten__zorgaanbieder=zorgaanbieder).values_list(
            "leden__code", flat=True
        )
    ) or set(Samenwerkingsverband.objects.get(code=BW_MO).leden.values_list("code", flat=True))
    emit(
        Event.BIBOB_GESTART,
        event_id=f"zorgaanbieder:{zorgaanbieder.pk}:bibob:{datum.isoformat()}",
        instance=zorgaanbieder,
        nummer=zorgaanbieder.naam,
        gemeenten=sorted(codes),
        by=by,
        data={
            "zorgaanbieder": zorgaanbieder.naam,
            "datum": dates.datum(datum),
            "pad": "/regio/zorgaanbieder/",
        },
    )
    return zorgaanbieder


@transaction.atomic
def set_mail_preferences(
    *, contactpersoon: Contactpersoon, by, direct_domeinen: list[str], wekelijks_overzicht: bool
) -> Contactpersoon:
    """How a municipality's contact is told (ADR 0007): informational status changes at
    once for ``direct_domeinen``, else in the daily overview; the weekly overview of open
    dossiers or not. Only the municipality's own portal users, or ``beheer``, set it."""
    own = gemeente_of(by) == contactpersoon.gemeente and has_role(by, "gemeente")
    if not (own or by.has_perm("regio.change_contactpersoon")):
        raise PermissionDenied(_("U mag de berichten van deze contactpersoon niet instellen."))
    contactpersoon = Contactpersoon.objects.select_for_update().get(pk=contactpersoon.pk)
    contactpersoon.direct_domeinen = sorted(set(direct_domeinen))
    contactpersoon.wekelijks_overzicht = wekelijks_overzicht
    contactpersoon.full_clean()
    contactpersoon.save(update_fields=["direct_domeinen", "wekelijks_overzicht"])
    audit.record(
        audit.Actie.WIJZIGEN,
        contactpersoon,
        user=by,
        velden=["direct_domeinen", "wekelijks_overzicht"],
    )
    return contactpersoon
