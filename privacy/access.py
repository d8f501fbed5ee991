"""The privacy officer's permission check, shared by the privacy services."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

# Who handles data-subject requests: also who still sees data whose processing is
# restricted (AVG art. 18 lid 2: kept, not otherwise processed).
HANDLES_REQUESTS = "privacy.add_betrokkeneverzoek"


def require(by, perm: str) -> None:
    if by is None or not by.has_perm(perm):
        raise PermissionDenied(_("Dit mag alleen de functionaris privacy."))


def may_see_restricted(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(HANDLES_REQUESTS))
