"""Domain events: how the domain apps tell the rest of the product what happened.

The domain apps (regio, meldpunt, dossieroverleg) send :data:`domain_event` from their
services, inside the transaction of the change, and never import the listeners
(notifications, audit). A listener that writes rows therefore writes them in the same
transaction: when the change rolls back, so do they.

Arguments sent with every event (keyword arguments of the signal):

``event``      an :class:`Event` value
``event_id``   a string unique for this occurrence, stable if the same occurrence were
               emitted again (e.g. ``"dossier:12:status:345"``, with 345 the id of the
               stored status change); listeners use it to make duplicates impossible
``instance``   the domain object the event is about (a Melding, Dossier, Zorgaanbieder...)
``nummer``     its number as users know it (``RMZ-2026-00001``, ``HH-2026-0001``), or a name
``status``     its new status value, or ``""``
``domein``     the domain (``regio.models.Domein``) or ``""``
``gemeenten``  CBS codes of the municipalities to tell (the involved ones, or the members
               of the arrangement for Bibob and data-breach notices); may be empty
``by``         the user who caused it, or None (the public, a timer, a system)
``data``       a dict of further non-personal facts for the message (due date, what is
               asked of the recipient, the conclusion...). Never personal data of natural
               persons: no BSN, no client or reporter name, no report text.
"""

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

domain_event = Signal()

# Several domain events at once (``emit_many``: the term sweep's reminders): ``events``, a
# list of the keyword arguments of ``domain_event``. A listener connects with ``listen``,
# which gives it the batch through its batch handler, or else one event at a time.
domain_events = Signal()

# Work for the flows, not for mail: ``kind`` (one of WorkEvent) and ``instance``. Sent by the
# domain apps inside the transaction; ``workflows.listeners`` starts or wakes a flow.
work_event = Signal()


class WorkEvent(models.TextChoices):
    BEZWAAR_ONTVANGEN = "bezwaar.ontvangen", _("bezwaar ontvangen")
    MEERWERK_GEVRAAGD = "meerwerk.gevraagd", _("meerwerk gevraagd")
    MEERWERK_BEANTWOORD = "meerwerk.beantwoord", _("standpunt meerwerk gegeven")
    NAZORG_GEREGELD = "nazorg.geregeld", _("alternatieve zorg geregeld door de gemeente")
    DOORGELEIDING_UITKOMST = "doorgeleiding.uitkomst", _("uitkomst van een doorgeleide melding")


def signal_work(kind: str, instance) -> None:
    work_event.send(sender=type(instance), kind=kind, instance=instance)


class Event(models.TextChoices):
    MELDING_BINNENGEKOMEN = "melding.binnengekomen", _("melding binnengekomen (start werkstroom)")
    MELDING_ONTVANGEN = "melding.ontvangen", _("melding ontvangen (bevestiging aan melder)")
    MELDING_GEREGISTREERD = "melding.geregistreerd", _("melding geregistreerd")
    MELDING_GEWOGEN = "melding.gewogen", _("melding gewogen")
    MELDING_DOORGELEID = "melding.doorgeleid", _("melding doorgeleid")
    MELDING_GEEN_VERVOLG = "melding.geen_vervolg", _("melding zonder vervolg")
    MELDING_NAAR_HANDHAVING = "melding.naar_handhaving", _("melding naar handhaving")
    MELDING_ACUUT = "melding.acuut", _("acute melding")
    REACTIE_GEVRAAGD = "melding.reactie_gevraagd", _("reactie gevraagd aan melder")
    REACTIE_ONTVANGEN = "melding.reactie_ontvangen", _("reactie van melder ontvangen")
    # The reporter's page: a mail that only says something new waits (with the link),
    # never what; and the Meldpunt hears that the reporter added to the report.
    MELDER_NIEUWS = "melder.nieuws", _("nieuws op de pagina van de melder (alleen een link)")
    MELDER_AANVULLING = "melder.aanvulling", _("de melder vulde de melding aan")
    DOSSIER_GEOPEND = "dossier.geopend", _("dossier geopend")
    DOSSIER_IN_ONDERZOEK = "dossier.in_onderzoek", _("dossier in onderzoek")
    DOSSIER_GEAGENDEERD = "dossier.geagendeerd", _("dossier geagendeerd")
    DOSSIER_BESPROKEN = "dossier.besproken", _("dossier besproken (conclusie)")
    DOSSIER_ADVIES = "dossier.advies", _("advies aan het college")
    DOSSIER_BESLUIT = "dossier.besluit", _("besluit genomen")
    DOSSIER_JURIDISCHE_STAP = "dossier.juridische_stap", _("juridische stap")
    DOSSIER_NAZORG_GEVRAAGD = "dossier.nazorg_gevraagd", _("nazorg gevraagd")
    DOSSIER_GESLOTEN = "dossier.gesloten", _("dossier gesloten")
    DOSSIER_BETROKKENHEID_GEWIJZIGD = "dossier.betrokkenheid", _("betrokken gemeenten gewijzigd")
    MEERWERK_GEVRAAGD = "dossier.meerwerk", _("bestuurlijk standpunt meerwerk gevraagd")
    ESCALATIE = "dossier.escalatie", _("jeugdcasus voorgelegd aan de wethouders")
    BIBOB_GESTART = "zorgaanbieder.bibob", _("Bibob-onderzoek gestart")
    DATALEK = "datalek", _("datalek")
    TERMIJN_HERINNERING = "termijn.herinnering", _("herinnering termijn")
    TERMIJN_VERLOPEN = "termijn.verlopen", _("termijn verlopen")
    WEKELIJKS_OVERZICHT = "overzicht.wekelijks", _("wekelijks overzicht")
    SIGNALEN_DAGELIJKS = "signalen.dagelijks", _("dagelijkse e-mail met signalen")
    DAGELIJKS_OVERZICHT = "overzicht.dagelijks", _("dagelijks overzicht van wijzigingen")
    HALFJAARRAPPORTAGE = "rapportage.halfjaar", _("halfjaarrapportage aan een gemeente")
    CASUISTIEK_OVERZICHT = "overzicht.casuistiek", _("maandoverzicht handhavingscasuïstiek ROB")


class VerzoekEvent(models.TextChoices):
    """A data subject's request about a case, told to the municipalities concerned: when it
    is received and when it is answered (seed 000 Bijlage 1 art. 5.1; seed 002 Bijlage B
    5.1). Emitted like an ``Event``. Kept apart from ``Event`` until the outbox's event
    columns take these as choices too: a change of those choices is a migration of the
    notifications app."""

    ONTVANGEN = "betrokkene.verzoek_ontvangen", _("verzoek van een betrokkene ontvangen")
    BEANTWOORD = "betrokkene.verzoek_beantwoord", _("verzoek van een betrokkene beantwoord")


class DoorgeleidingEvent(models.TextChoices):
    """A forwarded report sent to its named recipient (``meldpunt.Ontvanger``): the mail
    with the expiring link to the report's page. Emitted like an ``Event``; kept apart from
    it for the same reason as ``VerzoekEvent`` (the outbox's event columns)."""

    LINK = "melding.doorgeleid_link", _("doorgeleide melding aan de ontvanger (link)")


def emit(event: str, **kwargs) -> None:
    """Send a domain event (the keyword arguments of the module's docstring); call it
    inside the transaction of the change it reports."""
    sent = _event_kwargs(event=event, **kwargs)
    domain_event.send(sender=type(sent["instance"]), **sent)


def _event_kwargs(
    *,
    event: str,
    event_id: str,
    instance,
    nummer: str,
    status: str = "",
    domein: str = "",
    gemeenten: list[str] | tuple[str, ...] = (),
    by=None,
    data: dict | None = None,
) -> dict:
    """The arguments of every domain event, with their defaults: the one list of them."""
    return {
        "event": event,
        "event_id": event_id,
        "instance": instance,
        "nummer": nummer,
        "status": status,
        "domein": domein,
        "gemeenten": list(gemeenten),
        "by": by,
        "data": data or {},
    }


def emit_many(events: list[dict]) -> None:
    """Send several domain events (each a dict of ``emit``'s keyword arguments) in one
    batch, inside the transaction of the changes they report; listeners with a batch
    handler write their rows for all of them at once."""
    if events:
        domain_events.send(sender=None, events=[_event_kwargs(**event) for event in events])


def listen(handler, *, dispatch_uid: str, batch=None) -> None:
    """Connect ``handler`` to every domain event: to each one sent by ``emit``, and to a
    batch from ``emit_many`` through ``batch(events)`` when given, else one at a time."""
    domain_event.connect(handler, dispatch_uid=dispatch_uid)

    def each(sender, *, events: list[dict], **kwargs) -> None:
        if batch is not None:
            batch(events)
            return
        for event in events:
            handler(sender=type(event["instance"]), **event)

    domain_events.connect(each, dispatch_uid=dispatch_uid, weak=False)
