"""Use cases on reference data that others must hear about."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import dates
from .events import Event, emit
from .models import Samenwerkingsverband, Zorgaanbieder

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
