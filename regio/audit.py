"""The audit trail's entry point for every app: who read, changed, exported or downloaded
what, from where (DESIGN 4; BIO). Apps call :func:`record`; the privacy app writes the
append-only rows (``privacy.models.AuditRegel``), so no domain app imports it.

A row never holds personal data of natural persons: the object's type, id and number, the
names of the fields shown or changed, the user and the IP address.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from .proxy import client_ip

audit_event = Signal()


class Actie(models.TextChoices):
    LEZEN = "lezen", _("gelezen")
    WIJZIGEN = "wijzigen", _("gewijzigd")
    EXPORTEREN = "exporteren", _("geëxporteerd")
    DOWNLOADEN = "downloaden", _("gedownload")
    INZAGE = "inzage", _("inzage betrokkene")
    CORRECTIE = "correctie", _("correctie betrokkene")
    ANONIMISEREN = "anonimiseren", _("geanonimiseerd")
    VERNIETIGEN = "vernietigen", _("vernietigd")
    OVERBRENGEN = "overbrengen", _("overgebracht naar het archief")
    ZOEKEN = "zoeken", _("gezocht op een persoon")


@dataclass(frozen=True)
class Herkomst:
    user_id: int | None
    username: str
    ip: str | None
    request: object

    @property
    def pad(self) -> str:
        """The page as its URL pattern (``agenda/<str:token>/termijnen.ics``): never a
        secret link's token or a value from the address; the object is in its own column."""
        match = getattr(self.request, "resolver_match", None)
        return ("/" + match.route)[:300] if match is not None else ""


_herkomst: ContextVar[Herkomst | None] = ContextVar("audit_herkomst", default=None)


class AuditMiddleware:
    """Remembers who is asking and from where, for rows written deeper down (services,
    domain events) during this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        known = user is not None and user.is_authenticated
        token = _herkomst.set(
            Herkomst(
                user_id=user.pk if known else None,
                username=user.get_username() if known else "",
                ip=client_ip(request),
                request=request,
            )
        )
        try:
            return self.get_response(request)
        finally:
            _herkomst.reset(token)


def _label(obj) -> tuple[str, str, str]:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk), str(getattr(obj, "nummer", "") or "")


def record(
    actie: str,
    obj=None,
    *,
    user=None,
    velden=(),
    toelichting: str = "",
    object_type: str = "",
    object_id: str = "",
    nummer: str = "",
) -> None:
    """Write one audit row (in the current transaction, when there is one)."""
    herkomst = _herkomst.get()
    if obj is not None:
        object_type, object_id, nummer = _label(obj)
    if user is not None and getattr(user, "is_authenticated", False):
        user_id, username = user.pk, user.get_username()
    elif herkomst is not None:
        user_id, username = herkomst.user_id, herkomst.username
    else:
        user_id, username = None, ""
    audit_event.send(
        sender=Actie,
        actie=actie,
        user_id=user_id,
        username=username,
        ip=herkomst.ip if herkomst else None,
        pad=herkomst.pad if herkomst else "",
        object_type=object_type,
        object_id=object_id,
        nummer=nummer,
        velden=list(velden),
        toelichting=toelichting[:300],
    )
