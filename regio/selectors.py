"""Reads of reference data that depend on who asks."""

from django.contrib.auth.models import AbstractBaseUser

from .models import Gebruiker, Gemeente


def is_id(value) -> bool:
    """Whether a value from an address or a form is a database id (ASCII digits, not too
    long): anything else is not found, rather than an error."""
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) < 12


def gemeente_of(user: AbstractBaseUser) -> Gemeente | None:
    """The municipality a `gemeente` user acts for, or None."""
    if not user.is_authenticated:
        return None
    gebruiker = Gebruiker.objects.filter(user=user).select_related("gemeente").first()
    return gebruiker.gemeente if gebruiker else None
