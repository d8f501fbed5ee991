"""Dates (and amounts) as Dutch readers write them, in one format on pages, in mails and in
documents:
"14 december 2026" and "14 december 2026, 10:32" (never "14-12-2026" or "Dec 14")."""

import datetime
from decimal import Decimal

from django.utils import formats, timezone, translation


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def datum(day: datetime.date | datetime.datetime) -> str:
    """ "14 december 2026"; a moment gives its day in the product's time zone."""
    if isinstance(day, datetime.datetime):
        day = _local(day).date()
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def datum_tijd(moment: datetime.datetime) -> str:
    """ "14 december 2026, 10:32", in the product's time zone."""
    with translation.override("nl"):
        return formats.date_format(_local(moment), "j F Y, H:i")


def euro(amount) -> str:
    """An amount as the Dutch write it: "€ 1.500,00" (for letters, pages and mails, the
    same wherever the locale of the server)."""
    whole, _, cents = f"{Decimal(amount):,.2f}".partition(".")
    return f"€ {whole.replace(',', '.')},{cents}"
