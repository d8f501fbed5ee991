"""Audit rows from every app: explicit reads and exports, and every domain change."""

from regio.audit import Actie, record
from regio.events import Event

from .models import AuditRegel


def on_audit_event(
    sender,
    *,
    actie,
    user_id,
    username,
    ip,
    pad,
    object_type,
    object_id,
    nummer,
    velden,
    toelichting,
    **kwargs,
) -> None:
    AuditRegel.objects.create(
        actie=actie,
        gebruiker_id=user_id,
        gebruikersnaam=username,
        ip=ip,
        pad=pad,
        object_type=object_type,
        object_id=object_id,
        nummer=nummer,
        velden=velden,
        toelichting=toelichting,
    )


# Messages about time passing, not changes to a case.
NOT_CHANGES = {Event.WEKELIJKS_OVERZICHT, Event.TERMIJN_HERINNERING, Event.TERMIJN_VERLOPEN}


def on_domain_event(sender, *, event: str, instance, by=None, **kwargs) -> None:
    if event not in NOT_CHANGES:
        record(Actie.WIJZIGEN, instance, user=by, toelichting=str(event))
