"""Reads of reference data that depend on who asks."""

from django.contrib.auth.models import AbstractBaseUser

from .models import Gebruiker, Gemeente


def gemeente_of(user: AbstractBaseUser) -> Gemeente | None:
    """The municipality a `gemeente` user acts for, or None."""
    if not user.is_authenticated:
        return None
    gebruiker = Gebruiker.objects.filter(user=user).select_related("gemeente").first()
    return gebruiker.gemeente if gebruiker else None
