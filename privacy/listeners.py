"""Audit rows from every app: explicit reads and exports, and every domain change; and a
breach mail that went out, for the breach's 24-hour term."""

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


# The outbox's transitions of a mail that left: handed to the mail server, or delivered.
MAIL_OUT = {"verzonden", "afgeleverd"}


def on_mail_transition(sender, *, instance, name: str, **kwargs) -> None:
    if name in MAIL_OUT and instance.event == Event.DATALEK:
        from .services import note_breach_mail

        note_breach_mail(instance)
