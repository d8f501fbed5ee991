"""Checks before a django-fsm transition, shared by every domain app's services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django_fsm import can_proceed, has_transition_perm


def check_transition(obj, method, by) -> None:
    """Conditions first (a clear reason), then whether this user may take the step.

    ``by`` is None for the public and for the flows' own automatic steps.
    """
    if not can_proceed(method):
        field = method._django_fsm.field
        name = field if isinstance(field, str) else field.name
        raise ValidationError(
            _("Deze stap kan niet vanuit de status %(status)s.")
            % {"status": getattr(obj, f"get_{name}_display")()}
        )
    if by is not None and by.is_authenticated and not has_transition_perm(method, by):
        raise PermissionDenied(_("U mag deze stap niet zetten."))


def actor(by):
    """The user to record as the one who acted, or None for the public and the system."""
    return by if by is not None and getattr(by, "is_authenticated", False) else None
