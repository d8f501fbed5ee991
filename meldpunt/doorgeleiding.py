"""Forwarding a report to a named recipient, and what that recipient may see.

A report the weighing forwards (``Route.DOORGELEID``) goes to the authority that is
competent (DESIGN 2.1): the IGJ, the GGD's Wmo supervision, the Informatieknooppunt
Zorgfraude, a local municipality... Its *named* recipient is reference data kept by
`beheer` (``Ontvanger``): the active recipient of that kind and, for a local municipality,
of that municipality. It gets a mail with the report's number, its kind and an expiring
link (the raw token is only in the mail; we keep its SHA-256). Behind the link it reads
the report's shareable content, confirms receipt and says what it did with it.

What the recipient sees is decided here, once, by data minimisation: personal data are
shared only as far as the purpose of the forwarding needs them (seed 000 Bijlage 1
art. 1.5 and 2.2; seed 002 Bijlage B art. 1.5 and 2.2), and are exchanged only in an
adequately secured way (Bijlage 1 art. 4.3; Bijlage B art. 4.3): behind the link, never
in the mail.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from regio.models import Gemeente

from .models import Doorgeleiding, Instantie, Melding, Ontvanger
from .selectors import mark_restricted

# Outcomes that need no follow-up by the Meldpunt: the recipient took the report up.
TAKEN_UP = (Doorgeleiding.Uitkomst.IN_BEHANDELING, Doorgeleiding.Uitkomst.AFGEROND)
# What the recipient may answer (it does not answer "not known yet").
RECIPIENT_OUTCOMES = [
    (value, label)
    for value, label in Doorgeleiding.Uitkomst.choices
    if value != Doorgeleiding.Uitkomst.ONBEKEND
]


class LinkVerlopen(Exception):
    """The link was right, but opens nothing any more: its term passed, or the report
    was anonymised once its purpose was served."""


def find_recipient(*, soort: str, gemeente: Gemeente | None) -> Ontvanger | None:
    """The active recipient of kind ``soort``; for a local municipality, of that
    municipality. With several, the first by name: beheer keeps one active per kind (and
    municipality) when it means one."""
    ontvangers = Ontvanger.objects.filter(actief=True, soort=soort)
    if soort == Instantie.GEMEENTE:
        if gemeente is None:
            return None
        ontvangers = ontvangers.filter(gemeente=gemeente)
    return ontvangers.order_by("naam", "pk").first()


def new_token() -> tuple[str, str]:
    """A link token and the hash we keep of it. 32 random bytes need no salt: nobody
    guesses them, and the hash only stops a copy of the database from opening links."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_valid_until(start: datetime.datetime | None = None) -> datetime.datetime:
    """The end of a new link's term (``DOORGELEIDING_LINK_GELDIG_DAGEN``)."""
    start = start or timezone.now()
    return start + datetime.timedelta(days=settings.DOORGELEIDING_LINK_GELDIG_DAGEN)


def link_path(token: str) -> str:
    return f"/melding/doorgeleid/{token}/"


def by_token(token: str, *, for_update: bool = False) -> Doorgeleiding:
    """The forwarding the link ``token`` opens. ``Doorgeleiding.DoesNotExist`` for a token
    that was never given (the page is not found); ``LinkVerlopen`` once the link's term
    passed or the report was anonymised."""
    if not token or len(token) > 100:
        raise Doorgeleiding.DoesNotExist
    found = Doorgeleiding.objects.select_related(
        "melding__zorgaanbieder", "melding__vestiging_gemeente", "ontvanger_adres"
    )
    if for_update:
        found = found.select_for_update(of=("self",))
    doorgeleiding = found.get(token_hash=token_hash(token))
    if not is_open(doorgeleiding):
        raise LinkVerlopen
    return doorgeleiding


def is_open(doorgeleiding: Doorgeleiding, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        doorgeleiding.ontvanger_adres_id is not None
        and doorgeleiding.link_geldig_tot is not None
        and now < doorgeleiding.link_geldig_tot
        and doorgeleiding.melding.geanonimiseerd_op is None
    )


def needs_follow_up(doorgeleiding: Doorgeleiding) -> bool:
    """Whether the Meldpunt still asks the recipient what became of the report, once the
    follow-up date (``navragen_op``) has come: not when the recipient said it took it up
    (in progress or done); when it said it did not, or said nothing."""
    return doorgeleiding.uitkomst not in TAKEN_UP


@dataclass
class GedeeldeClient:
    """A client as the recipient sees it."""

    woonplaats: str = ""
    bsn: str = ""
    geboortedatum: datetime.date | None = None
    beperkt: bool = False


@dataclass
class GedeeldeMelding:
    """The report as its recipient sees it."""

    nummer: str
    ontvangen_op: datetime.datetime
    domein: str
    aard: str
    zorgaanbieder: str
    vestiging_gemeente: str
    omschrijving: str
    ernst: str = ""
    reden: str = ""
    clienten: list[GedeeldeClient] = field(default_factory=list)
    aantal_bijlagen: int = 0
    velden: list[str] = field(default_factory=list)  # what was shown, for the audit log


def shareable(doorgeleiding: Doorgeleiding) -> GedeeldeMelding:
    """What the recipient of a forwarded report may read.

    * The report: its number, when it came in, its domain and kind, the provider, the
      municipality of the location and the description: what the recipient needs to act.
    * Of the weighing: the severity and the reason for forwarding (written for the
      recipient); not the Meldpunt's own reasoning (``motivering``).
    * The reporter: never. Reporters may be clients, relatives or staff of the provider;
      whoever they are, the recipient can act on the report without knowing them.
    * Clients: their municipality of residence, so the recipient knows whose clients they
      are. Their BSN, with the date of birth to match it, only to a recipient that may
      process the BSN (``Ontvanger.mag_bsn``). Their names never: a name identifies a
      client as fully as the BSN does, so a recipient that may not have the BSN may not
      have the name either, and one that may have it finds the name in its own records.
      A client whose processing is restricted (AVG art. 18) is shown as such, without data.
    * Attachments: not shared, only counted. They are unstructured (letters, photos,
      medical files) and cannot be screened for what the recipient may see; a recipient
      that needs them asks the Meldpunt, which sends what is needed the secure way it
      forwards by (``Weging.verzendwijze``).
    """
    melding: Melding = doorgeleiding.melding
    ontvanger = doorgeleiding.ontvanger_adres
    mag_bsn = bool(ontvanger and ontvanger.mag_bsn)
    weging = melding.weging if melding.has_weging() else None
    clienten = []
    for client in mark_restricted(None, melding.clienten.select_related("woonplaats_gemeente")):
        if client.beperkt:
            clienten.append(GedeeldeClient(beperkt=True))
            continue
        clienten.append(
            GedeeldeClient(
                woonplaats=client.woonplaats_gemeente.naam if client.woonplaats_gemeente else "",
                bsn=client.bsn if mag_bsn else "",
                geboortedatum=client.geboortedatum if mag_bsn else None,
            )
        )
    velden = ["omschrijving", "zorgaanbieder", "vestiging_gemeente"]
    if weging is not None:
        velden += ["weging.ernst", "weging.reden"]
    if clienten:
        velden += ["clienten.woonplaats_gemeente"]
        if mag_bsn:
            velden += ["clienten.bsn", "clienten.geboortedatum"]
    return GedeeldeMelding(
        nummer=melding.nummer or "",
        ontvangen_op=melding.ontvangen_op,
        domein=melding.get_domein_display(),
        aard=melding.get_aard_display(),
        zorgaanbieder=str(melding.zorgaanbieder or ""),
        vestiging_gemeente=melding.vestiging_gemeente.naam if melding.vestiging_gemeente else "",
        omschrijving=melding.omschrijving,
        ernst=weging.get_ernst_display() if weging else "",
        reden=weging.reden if weging else "",
        clienten=clienten,
        aantal_bijlagen=melding.bijlagen.count(),
        velden=velden,
    )
