"""Checks the use cases share: required text, no date in the future, the permission of a
step, who may answer for a municipality and what its answer may not contain."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.validators import validate_no_bsn
from regio.models import Gemeente
from regio.roles import has_role
from regio.selectors import gemeente_of

# Where a municipality answers what is asked of it (aftercare, extra work).
PORTAAL = "/portaal/"


def required(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationError({field: message})
    return value.strip()


def not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("De datum ligt in de toekomst.")})


def require_perm(by, perm: str) -> None:
    if by is not None and not by.has_perm(f"dossieroverleg.{perm}"):
        raise PermissionDenied(_("U mag deze stap niet zetten."))


def acts_for(by, gemeente: Gemeente) -> bool:
    """A `gemeente` user of ``gemeente`` answers in the portal; enforcement staff may
    record the answer on its behalf (it is recorded who did)."""
    if by.has_perm("dossieroverleg.behandelen_dossier"):
        return True
    own = gemeente_of(by)
    return own is not None and own.pk == gemeente.pk and has_role(by, "gemeente")


def without_bsn(toelichting: str) -> str:
    """A municipality's answer is read by the region's staff, who need no client's BSN
    in it (AVG art. 5 lid 1c, minimal data): refused at its field."""
    try:
        validate_no_bsn(toelichting)
    except ValidationError as error:
        raise ValidationError({"toelichting": error.error_list}) from None
    return toelichting
