"""The private link to one municipality's half-year report (DVO BW/MO art. 3.8 sub a).

A municipality's contact is often no user of the product: the mail carries a link that
is its own credential. The link is a signed value (``django.core.signing``, with a salt
of its own, so no other signed value of the product is one) naming one
:class:`~rapportage.models.Verzending`, the report of that municipality over that period,
and nothing else, and its last day: ``RAPPORTAGE_LINK_GELDIG_DAGEN`` days after the mail
was queued, as the mail says. The same sending always gives the same link. It stops
working when the contact is made inactive.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Verzending

SALT = "rapportage.halfjaarrapportage.link"


class LinkRefused(Exception):
    """The link is not (or no longer) valid."""


class LinkExpired(LinkRefused):
    """Its last day has passed."""


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.RAPPORTAGE_LINK_GELDIG_DAGEN)


def valid_until(sent: datetime.datetime) -> datetime.date:
    """The last day a link made at ``sent`` works."""
    return timezone.localtime(sent + lifetime()).date()


def path_for(verzending: Verzending) -> str:
    value = {
        "verzending": verzending.pk,
        "tot": valid_until(verzending.verzonden_op).isoformat(),
    }
    token = signing.Signer(salt=SALT).sign_object(value)
    return reverse("halfjaarrapportage-link", args=[token])


def open_link(token: str, *, opening: bool = True) -> Verzending:
    """The sending the link names, marked opened the first time (when ``opening``: not
    for a HEAD request, as link checkers make); LinkExpired or LinkRefused when it is
    not valid."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
        pk, last_day = value["verzending"], datetime.date.fromisoformat(value["tot"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise LinkRefused from exc
    if last_day < timezone.localdate():
        raise LinkExpired
    verzending = (
        Verzending.objects.filter(pk=pk, soort=Verzending.Soort.HALFJAARRAPPORTAGE)
        .select_related("gemeente", "contactpersoon")
        .first()
    )
    if verzending is None or not (verzending.contactpersoon and verzending.contactpersoon.actief):
        raise LinkRefused
    if opening and verzending.geopend_op is None:
        now = timezone.now()
        # Conditional: of two first opens at once, one sets the moment.
        if Verzending.objects.filter(pk=verzending.pk, geopend_op__isnull=True).update(
            geopend_op=now
        ):
            verzending.geopend_op = now
    return verzending
