"""The privacy officer's permission check, shared by the privacy services."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(by, perm: str) -> None:
    if by is None or not by.has_perm(perm):
        raise PermissionDenied(_("Dit mag alleen de functionaris privacy."))
