"""Who is told, per event: the one place for the recipient rules (DESIGN.md section 3).

*When* a mail goes is decided by the domain (it emits the event); *to whom* here; *what*
it says in the templates.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from regio.events import DoorgeleidingEvent, Event, VerzoekEvent
from regio.models import Contactpersoon, Gemeente, Samenwerkingsverband

# Dossier events that matter to the involved municipalities.
DOSSIER_EVENTS = {
    Event.DOSSIER_GEOPEND,
    Event.DOSSIER_GEAGENDEERD,
    Event.DOSSIER_BESPROKEN,
    Event.DOSSIER_ADVIES,
    Event.DOSSIER_BESLUIT,
    Event.DOSSIER_JURIDISCHE_STAP,
    Event.DOSSIER_NAZORG_GEVRAAGD,
    Event.DOSSIER_GESLOTEN,
    Event.DOSSIER_BETROKKENHEID_GEWIJZIGD,
    Event.MEERWERK_GEVRAAGD,
}
# Told to every member of the arrangement (seed 000 art. 7.4; seed 002 Bijlage B 4.2).
ARRANGEMENT_EVENTS = {Event.BIBOB_GESTART, Event.DATALEK}
REPORTER_EVENTS = {Event.MELDING_ONTVANGEN, Event.REACTIE_GEVRAAGD, Event.MELDER_NIEUWS}
# A data subject's request, told to each municipality concerned with its own case numbers
# (seed 000 Bijlage 1 art. 5.1): to its contacts of any domain.
REQUEST_EVENTS = set(VerzoekEvent)
# A forwarded report, to its named recipient (``meldpunt.Ontvanger``, an authority's
# address, ``data["ontvanger_email"]``); without one, the local municipality it was
# forwarded to (``gemeenten``) is missing a contact.
FORWARDING_EVENTS = set(DoorgeleidingEvent)
# A youth case put to the aldermen (bestuurlijk escalatiepunt, seed 003): to the office of
# the alderman for youth of each municipality named (Nijmegen and, where known, the youth's
# home municipality), ``Gemeente.wethouder_jeugd_email``.
ALDERMAN_EVENTS = {Event.ESCALATIE}
# To staff users by id (``data["user_ids"]``): term reminders, the daily mail of signals.
INTERNAL_EVENTS = {Event.TERMIJN_HERINNERING, Event.TERMIJN_VERLOPEN, Event.SIGNALEN_DAGELIJKS}
# Overviews built for one contact (notifications/digest.py, notifications/daily.py; the
# half-year report and the casework overview of rapportage/distribution.py).
OVERVIEW_EVENTS = {
    Event.WEKELIJKS_OVERZICHT,
    Event.DAGELIJKS_OVERZICHT,
    Event.HALFJAARRAPPORTAGE,
    Event.CASUISTIEK_OVERZICHT,
}


@dataclass(frozen=True)
class Recipient:
    email: str
    gemeente: Gemeente | None = None
    contactpersoon: Contactpersoon | None = None
    gebruiker_id: int | None = None


@dataclass(frozen=True)
class Missing:
    gemeente: Gemeente
    domein: str


def recipients_for(
    *, event: str, gemeenten: list[str], domein: str, data: dict, users: dict | None = None
) -> tuple[list[Recipient], list[Missing]]:
    """The recipients of an event, and the municipalities that have nobody to tell.
    ``users``: the active staff users by id, when the caller looked them up already."""
    if event in OVERVIEW_EVENTS:
        return [data["_ontvanger"]], []
    if event in REPORTER_EVENTS:
        email = data.get("melder_email")
        return ([Recipient(email=email)] if email else []), []
    if event in INTERNAL_EVENTS:
        ids = data.get("user_ids", [])
        if users is None:
            users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids, is_active=True)}
        found = [users[pk] for pk in ids if pk in users]
        return [Recipient(email=u.email, gebruiker_id=u.pk) for u in found if u.email], []
    if event in ALDERMAN_EVENTS:
        gemeenten_ = Gemeente.objects.filter(code__in=gemeenten).order_by("code")
        return (
            [
                Recipient(email=g.wethouder_jeugd_email, gemeente=g)
                for g in gemeenten_
                if g.wethouder_jeugd_email
            ],
            [Missing(gemeente=g, domein=domein) for g in gemeenten_ if not g.wethouder_jeugd_email],
        )
    if event in REQUEST_EVENTS:
        return municipality_contacts(gemeenten=gemeenten, domein="")
    if event in FORWARDING_EVENTS:
        return forwarding_recipient(gemeenten=gemeenten, domein=domein, data=data)
    if event in DOSSIER_EVENTS or event in ARRANGEMENT_EVENTS:
        return municipality_contacts(
            gemeenten=gemeenten, domein="" if event in ARRANGEMENT_EVENTS else domein
        )
    return [], []


def forwarding_recipient(
    *, gemeenten: list[str], domein: str, data: dict
) -> tuple[list[Recipient], list[Missing]]:
    gemeente = Gemeente.objects.filter(code__in=gemeenten).order_by("code").first()
    if email := data.get("ontvanger_email"):
        return [Recipient(email=email, gemeente=gemeente)], []
    return [], ([Missing(gemeente=gemeente, domein=domein)] if gemeente else [])


def municipality_contacts(
    *, gemeenten: list[str], domein: str
) -> tuple[list[Recipient], list[Missing]]:
    """Active contacts of each municipality (for ``domein``; any domain when empty)."""
    found, missing = [], []
    contacts = Contactpersoon.objects.filter(gemeente__code__in=gemeenten, actief=True)
    by_gemeente: dict[str, list[Contactpersoon]] = {}
    for contact in contacts.select_related("gemeente"):
        if not domein or domein in contact.domeinen:
            by_gemeente.setdefault(contact.gemeente.code, []).append(contact)
    for gemeente in Gemeente.objects.filter(code__in=gemeenten).order_by("code"):
        people = by_gemeente.get(gemeente.code, [])
        if not people:
            missing.append(Missing(gemeente=gemeente, domein=domein))
        found += [Recipient(email=c.email, gemeente=gemeente, contactpersoon=c) for c in people]
    return found, missing


# The arrangement a provider without any contract falls under: BW/MO care is often bought
# through a pgb, outside the contracts (seed 002; as regio.services.start_bibob).
FALLBACK_ARRANGEMENT = "bwmo-nr"


def arrangement_members(domein: str = "", *, code: str = "") -> list[str]:
    """CBS codes of every member of the arrangement ``code``, or of every arrangement that
    covers ``domein`` (Bibob and data-breach notices: seed 000 art. 7.4, seed 002
    Bijlage B 4.2)."""
    verbanden = Samenwerkingsverband.objects.prefetch_related("leden")
    if code:
        verbanden = verbanden.filter(code=code)
    # The domains are a JSON list; filtered here because SQLite cannot look inside one.
    chosen = [v for v in verbanden if code or domein in v.domeinen]
    return sorted({g.code for verband in chosen for g in verband.leden.all()})


def provider_arrangement_members(*, zorgaanbieder) -> list[str]:
    """Every member of the arrangements the provider has contracts in; without a
    contract, of the BW/MO arrangement."""
    codes = set(
        Samenwerkingsverband.objects.filter(contracten__zorgaanbieder=zorgaanbieder)
        .exclude(leden=None)
        .values_list("leden__code", flat=True)
    )
    return sorted(codes) or arrangement_members(code=FALLBACK_ARRANGEMENT)
