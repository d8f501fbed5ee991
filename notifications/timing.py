"""When a municipality contact hears of an event: at once, or in the daily overview.

A request to act goes at once: arranging alternative care (DVO BW/MO art. 5.2), a position
on extra work (samenwerkingsovereenkomst art. 5), a Bibob investigation (art. 7.4) and a
data breach (told within 24 hours, DVO Bijlage B 4.2). A change that only informs (a
dossier opened, put on the agenda, discussed, advised on, decided, a legal step, closed,
its municipalities changed) waits for the contact's daily overview, unless the contact
chose "at once" for the dossier's domain (``Contactpersoon.direct_domeinen``). A measured
week had each ROB municipality receive seven or eight mails about one dossier within a
quarter of an hour (ADR 0007).

*Whom* an event tells is decided in ``recipients``; *when*, here.
"""

from regio.events import Event

from .recipients import DOSSIER_EVENTS, Recipient

# Events that ask a municipality to do something. Whatever carries ``gevraagd`` (an explicit
# request in the event's data) counts as one too.
ACTION_EVENTS = frozenset(
    {
        Event.DOSSIER_NAZORG_GEVRAAGD,
        Event.MEERWERK_GEVRAAGD,
        Event.ESCALATIE,
        Event.BIBOB_GESTART,
        Event.DATALEK,
    }
)
# Events that only inform: they may wait for the daily overview.
INFORMATIONAL_EVENTS = frozenset(DOSSIER_EVENTS - ACTION_EVENTS)


def is_action_request(event: str, data: dict) -> bool:
    return event in ACTION_EVENTS or bool(data.get("gevraagd"))


def waits_for_overview(*, event: str, recipient: Recipient, domein: str, data: dict) -> bool:
    """Whether ``recipient`` gets ``event`` in the daily overview instead of at once.

    Only a municipality's contact person takes an overview; colleagues and reporters are
    told at once."""
    contact = recipient.contactpersoon
    if contact is None or event not in INFORMATIONAL_EVENTS or is_action_request(event, data):
        return False
    return not contact.wil_direct(domein)
