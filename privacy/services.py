"""Data-subject requests and the data-breach register (AVG art. 15-19, 21, 33; seed 000
Bijlage 1; seed 002 Bijlage B)."""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dossieroverleg.models import Dossier
from meldpunt.models import Client, Melding
from meldpunt.validators import validate_bsn
from notifications.models import Notificatie, Status
from regio import dates
from regio.audit import Actie, record
from regio.events import Event, VerzoekEvent, emit
from termijnen import services as termijnen
from termijnen.models import Termijn
from termijnen.subjects import Onderwerp

from . import erasure
from .access import HANDLES_REQUESTS, may_see_restricted, require
from .models import Beperking, BetrokkeneVerzoek, Datalek


@dataclass
class Vondst:
    """Where a person occurs: as a client, or as the reporter."""

    clienten: list[Client] = field(default_factory=list)
    als_melder: list[Melding] = field(default_factory=list)

    @property
    def meldingen(self) -> list[Melding]:
        seen = {m.pk: m for m in self.als_melder}
        for client in self.clienten:
            seen.setdefault(client.melding_id, client.melding)
        return sorted(seen.values(), key=lambda m: m.nummer)

    @property
    def dossiers(self) -> list[Dossier]:
        ids = [m.pk for m in self.meldingen]
        return list(Dossier.objects.filter(meldingen__in=ids).distinct().order_by("nummer"))

    @property
    def nummers(self) -> list[str]:
        return [m.nummer for m in self.meldingen] + [d.nummer for d in self.dossiers]


def find_person(*, by, bsn: str = "", naam: str = "", email: str = "") -> Vondst:
    """Every report and dossier that mentions the person. The search is audited (what was
    found, not what was searched for)."""
    require(by, HANDLES_REQUESTS)
    bsn, naam, email = bsn.strip(), naam.strip(), email.strip()
    if not (bsn or naam or email):
        raise ValidationError(_("Geef een BSN, een naam of een e-mailadres."))
    if bsn:
        validate_bsn(bsn)
    client_q, melder_q = Q(pk__in=[]), Q(pk__in=[])
    if bsn:
        client_q |= Q(bsn=bsn)
    if naam:
        client_q |= Q(naam__iexact=naam)
        melder_q |= Q(melder_naam__iexact=naam)
    if email:
        melder_q |= Q(melder_email__iexact=email)
    vondst = Vondst(
        clienten=list(Client.objects.filter(client_q).select_related("melding")),
        als_melder=list(Melding.objects.filter(melder_q)),
    )
    record(
        Actie.ZOEKEN,
        user=by,
        object_type="betrokkene",
        velden=["bsn"] * bool(bsn) + ["naam"] * bool(naam) + ["email"] * bool(email),
        toelichting=", ".join(vondst.nummers)[:300],
    )
    return vondst


def _register(
    *,
    soort: str,
    by,
    kenmerk: str,
    ontvangen_op: datetime.date,
    vondst: Vondst,
    toelichting: str = "",
    uitkomst=(),
) -> BetrokkeneVerzoek:
    """Record the request; one that is done when recorded (inspection, correction) is
    granted and answered at once."""
    if not kenmerk.strip():
        raise ValidationError({"kenmerk": _("Geef het kenmerk van het verzoek.")})
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("De ontvangst ligt in de toekomst.")})
    done = soort not in BetrokkeneVerzoek.TE_BESLISSEN
    verzoek = BetrokkeneVerzoek.objects.create(
        soort=soort,
        kenmerk=kenmerk.strip(),
        ontvangen_op=ontvangen_op,
        behandeld_door=by,
        gevonden=vondst.nummers,
        toelichting=toelichting,
        besluit=BetrokkeneVerzoek.Besluit.TOEGEWEZEN if done else "",
        beantwoord_op=timezone.now() if done else None,
        beantwoord_door=by if done else None,
        uitkomst=list(uitkomst),
    )
    verzoek.clienten.set(vondst.clienten)
    verzoek.als_melder.set(vondst.als_melder)
    return verzoek


@transaction.atomic
def inspection(*, by, vondst: Vondst, kenmerk: str, ontvangen_op: datetime.date) -> bytes:
    """What is held about the person (AVG art. 15), as JSON; the request is recorded."""
    require(by, HANDLES_REQUESTS)
    verzoek = _register(
        soort=BetrokkeneVerzoek.Soort.INZAGE,
        by=by,
        kenmerk=kenmerk,
        ontvangen_op=ontvangen_op,
        vondst=vondst,
    )
    melder_ids = {m.pk for m in vondst.als_melder}
    meldingen = []
    for melding in vondst.meldingen:
        item = {
            "nummer": melding.nummer,
            "ontvangen_op": melding.ontvangen_op,
            "kanaal": melding.get_kanaal_display(),
            "status": melding.get_status_display(),
            "zorgaanbieder": melding.zorgaanbieder.naam if melding.zorgaanbieder_id else "",
            "omschrijving": melding.omschrijving,
        }
        if melding.pk in melder_ids:
            item["als_melder"] = {
                "naam": melding.melder_naam,
                "email": melding.melder_email,
                "telefoon": melding.melder_telefoon,
            }
        item["als_client"] = [
            {
                "naam": c.naam,
                "bsn": c.bsn,
                "geboortedatum": c.geboortedatum,
                "woonplaats": str(c.woonplaats_gemeente or ""),
            }
            for c in vondst.clienten
            if c.melding_id == melding.pk
        ]
        meldingen.append(item)
        record(Actie.INZAGE, melding, user=by, toelichting=f"verzoek {verzoek.pk}")
    dossiers = [
        {
            "nummer": d.nummer,
            "status": d.get_status_display(),
            "zorgaanbieder": d.zorgaanbieder.naam,
        }
        for d in vondst.dossiers
    ]
    for dossier in vondst.dossiers:
        record(Actie.INZAGE, dossier, user=by, toelichting=f"verzoek {verzoek.pk}")
    _tell(verzoek, VerzoekEvent.BEANTWOORD, by=by, personal=_personal(vondst))
    body = {
        "verzoek": {"kenmerk": verzoek.kenmerk, "ontvangen_op": ontvangen_op},
        "opgesteld_op": timezone.now(),
        "verwerkingsverantwoordelijke": "Regionaal Meldpunt Zorg / ROB Rijk van Nijmegen",
        "doel": _(
            "Toezicht en handhaving Wmo 2015 en Jeugdwet: meldingen over zorgaanbieders "
            "onderzoeken en maatregelen nemen."
        ),
        "meldingen": meldingen,
        "dossiers": dossiers,
    }
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


@transaction.atomic
def correct_client(
    *,
    by,
    client: Client,
    kenmerk: str,
    ontvangen_op: datetime.date,
    naam: str | None = None,
    bsn: str | None = None,
    geboortedatum: datetime.date | None = None,
) -> Client:
    """Correct a client's data (AVG art. 16); the request and the fields are recorded, and
    the municipalities concerned are told which case was corrected (seed 000 Bijlage 1
    art. 5.1; AVG art. 19), not what it says now."""
    require(by, HANDLES_REQUESTS)
    client = Client.objects.select_for_update().get(pk=client.pk)
    old = Client(naam=client.naam, bsn=client.bsn)
    changed = []
    if bsn is not None and bsn != client.bsn:
        if bsn:
            validate_bsn(bsn)
        client.bsn = bsn
        changed.append("bsn")
    if naam is not None and naam != client.naam:
        client.naam = naam
        changed.append("naam")
    if geboortedatum is not None and geboortedatum != client.geboortedatum:
        client.geboortedatum = geboortedatum
        changed.append("geboortedatum")
    if not changed:
        raise ValidationError(_("Er is niets gewijzigd."))
    client.save(update_fields=changed)
    verzoek = _register(
        soort=BetrokkeneVerzoek.Soort.CORRECTIE,
        by=by,
        kenmerk=kenmerk,
        ontvangen_op=ontvangen_op,
        vondst=Vondst(clienten=[client]),
        toelichting=", ".join(changed),
        uitkomst=[
            _("%(n)s: cliënt gecorrigeerd (%(velden)s)")
            % {"n": client.melding.nummer, "velden": ", ".join(changed)}
        ],
    )
    # The values before and after: neither may stand in a mail.
    personal = [old.naam, old.bsn, client.naam, client.bsn]
    _tell(verzoek, VerzoekEvent.BEANTWOORD, by=by, personal=personal)
    record(
        Actie.CORRECTIE,
        client.melding,
        user=by,
        velden=[f"client.{f}" for f in changed],
        toelichting=f"verzoek {verzoek.pk}",
    )
    return client


# Requests decided later: erasure, restriction, objection (AVG art. 17, 18, 21) ---------


def _personal(vondst: Vondst) -> list[str]:
    """The person's values that no mail about the request may hold (the outbox refuses one
    that does: notifications.privacy)."""
    values = []
    for client in vondst.clienten:
        values += [client.naam, client.bsn]
    for melding in vondst.als_melder:
        values += [melding.melder_naam, melding.melder_email, melding.melder_telefoon]
    return [value for value in values if value]


def _vondst(verzoek: BetrokkeneVerzoek) -> Vondst:
    return Vondst(
        clienten=list(verzoek.clienten.select_related("melding")),
        als_melder=list(verzoek.als_melder.all()),
    )


def concerned_municipalities(verzoek: BetrokkeneVerzoek) -> dict[str, list[str]]:
    """Per municipality (CBS code), the numbers of the request's cases that concern it: the
    municipalities involved in each dossier the person appears in and, for a report
    without a dossier, the municipality of its location (seed 000 Bijlage 1 art. 5.1).

    Each hears of its own cases only (Bijlage 1 art. 1.5 and 2.2). A report behind a
    dossier goes by that dossier's involvement: the municipality of its location is not
    told when it is no party to the contract (seed 000 art. 2.2.g)."""
    per = defaultdict(set)
    for melding in _vondst(verzoek).meldingen:
        dossiers = list(melding.dossiers.prefetch_related("betrokken_gemeenten"))
        for dossier in dossiers:
            for gemeente in dossier.betrokken_gemeenten.all():
                per[gemeente.code] |= {dossier.nummer, melding.nummer}
        if not dossiers and melding.vestiging_gemeente_id:
            per[melding.vestiging_gemeente.code].add(melding.nummer)
    return {code: sorted(nummers) for code, nummers in sorted(per.items())}


def _tell(verzoek: BetrokkeneVerzoek, event: str, *, by, personal: list[str]) -> None:
    """Each municipality concerned hears that the request was received, or answered, with
    its kind and the municipality's own case numbers, never the person's name, BSN or
    e-mail (seed 000 Bijlage 1 art. 5.1). An answer says what was done in those cases: a
    municipality that received their data corrects, erases or restricts them too (AVG
    art. 19)."""
    fase = "ontvangen" if event == VerzoekEvent.ONTVANGEN else "beantwoord"
    granted = verzoek.besluit == BetrokkeneVerzoek.Besluit.TOEGEWEZEN
    for code, nummers in concerned_municipalities(verzoek).items():
        data = {
            "soort": verzoek.get_soort_display(),
            "artikel": verzoek.artikel,
            "kenmerk": verzoek.kenmerk,
            "ontvangen": dates.datum(verzoek.ontvangen_op),
            "zaken": nummers,
            "pad": "",  # no page of ours for them: the mail says it all
            "_persoonlijk": personal,
        }
        if event == VerzoekEvent.BEANTWOORD:
            data.update(
                beantwoord=dates.datum(verzoek.beantwoord_op),
                besluit=verzoek.get_besluit_display(),
                uitkomst=[line for line in verzoek.uitkomst if line.split(":")[0] in nummers],
                doorgeven=granted and verzoek.soort != BetrokkeneVerzoek.Soort.INZAGE,
            )
        emit(
            event,
            event_id=f"verzoek:{verzoek.pk}:{fase}:{code}",
            instance=verzoek,
            nummer=verzoek.nummer,
            gemeenten=[code],
            by=by,
            data=data,
        )


@transaction.atomic
def register_request(
    *, by, vondst: Vondst, soort: str, kenmerk: str, ontvangen_op: datetime.date
) -> BetrokkeneVerzoek:
    """Record a request for erasure (AVG art. 17), restriction (art. 18) or objection
    (art. 21), to be decided later. The municipalities concerned are told at once that it
    was received, so that they can contribute: "In geval van een verzoek van een
    betrokkene dat betrekking heeft op een casus zullen Gemeente elkaar zo spoedig mogelijk
    daarover informeren en waar nodig bijdragen aan de behandeling van het verzoek"
    (seed 000 Bijlage 1 art. 5.1; seed 002 Bijlage B 5.1)."""
    require(by, HANDLES_REQUESTS)
    if soort not in BetrokkeneVerzoek.TE_BESLISSEN:
        raise ValidationError({"soort": _("Kies verwijdering, beperking of bezwaar.")})
    verzoek = _register(
        soort=soort, by=by, kenmerk=kenmerk, ontvangen_op=ontvangen_op, vondst=vondst
    )
    _tell(verzoek, VerzoekEvent.ONTVANGEN, by=by, personal=_personal(vondst))
    return verzoek


def preview(verzoek: BetrokkeneVerzoek) -> list[str]:
    """What granting the open request would do, for the officer deciding it."""
    vondst = _vondst(verzoek)
    if verzoek.soort == BetrokkeneVerzoek.Soort.VERWIJDERING:
        return erasure.plan(clienten=vondst.clienten, als_melder=vondst.als_melder).lines()
    lines = [
        _("%(n)s: cliëntgegevens worden beperkt") % {"n": c.melding.nummer} for c in vondst.clienten
    ]
    return lines or [_("De persoon komt alleen als melder voor: er is niets te beperken.")]


@transaction.atomic
def decide_request(
    *, verzoek: BetrokkeneVerzoek, by, toewijzen: bool, reden: str = ""
) -> BetrokkeneVerzoek:
    """Grant or refuse a request for erasure, restriction or objection; a refusal gives its
    legal reason. The municipalities concerned are told it was answered (seed 000 Bijlage 1
    art. 5.1), and what was done in their cases (AVG art. 19).

    * Erasure (AVG art. 17): what :mod:`privacy.erasure` allows. When the archive must keep
      everything (art. 17 lid 3 sub b), a grant is refused: the request is refused with
      that reason.
    * Restriction (art. 18): the person's client data are marked restricted (Beperking):
      kept, shown as "beperkt", seen only by the privacy officer.
    * Objection (art. 21 lid 1): granted, the processing stops; what the archive must keep
      stays, restricted as under art. 18."""
    require(by, HANDLES_REQUESTS)
    verzoek = BetrokkeneVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.soort not in BetrokkeneVerzoek.TE_BESLISSEN:
        raise ValidationError(_("Op dit soort verzoek wordt niet apart beslist."))
    if not verzoek.is_open:
        raise ValidationError(_("Op dit verzoek is al beslist."))
    reden = (reden or "").strip()
    if not toewijzen and not reden:
        raise ValidationError(
            {"reden": _("Geef de reden van de afwijzing, met de wettelijke grond.")}
        )
    vondst = _vondst(verzoek)
    personal = _personal(vondst)  # before anything is erased
    uitkomst = []
    if toewijzen and verzoek.soort == BetrokkeneVerzoek.Soort.VERWIJDERING:
        uitkomst = _erase(verzoek, vondst)
    elif toewijzen:
        uitkomst = _restrict(verzoek, vondst, by=by)
    verzoek.besluit = (
        BetrokkeneVerzoek.Besluit.TOEGEWEZEN if toewijzen else BetrokkeneVerzoek.Besluit.AFGEWEZEN
    )
    verzoek.reden, verzoek.uitkomst = reden, uitkomst
    verzoek.beantwoord_op, verzoek.beantwoord_door = timezone.now(), by
    verzoek.save(update_fields=["besluit", "reden", "uitkomst", "beantwoord_op", "beantwoord_door"])
    _tell(verzoek, VerzoekEvent.BEANTWOORD, by=by, personal=personal)
    return verzoek


def _erase(verzoek: BetrokkeneVerzoek, vondst: Vondst) -> list[str]:
    plan = erasure.plan(clienten=vondst.clienten, als_melder=vondst.als_melder)
    if plan.is_empty:
        raise ValidationError(
            {
                "besluit": _(
                    "Er is niets dat gewist mag worden (%(why)s). Wijs het verzoek af "
                    "met die reden."
                )
                % {"why": plan.reasons() or _("er is niets gevonden")}
            }
        )
    return erasure.carry_out(plan, verzoek=verzoek.nummer)


def _restrict(verzoek: BetrokkeneVerzoek, vondst: Vondst, *, by) -> list[str]:
    clienten = [c for c in vondst.clienten if not c.melding.geanonimiseerd_op]
    if not clienten:
        raise ValidationError(
            {
                "besluit": _(
                    "Alleen gegevens van een cliënt kunnen worden beperkt; deze persoon "
                    "komt alleen als melder voor."
                )
            }
        )
    objection = verzoek.soort == BetrokkeneVerzoek.Soort.BEZWAAR
    lines = []
    for client in clienten:
        Beperking.objects.get_or_create(client=client, defaults={"verzoek": verzoek})
        record(
            Actie.WIJZIGEN,
            client.melding,
            user=by,
            velden=["client.beperkt"],
            toelichting=f"verzoek {verzoek.nummer} (AVG art. {verzoek.artikel})",
        )
        what = (
            _("%(n)s: verwerking gestaakt, cliëntgegevens beperkt")
            if objection
            else _("%(n)s: cliëntgegevens beperkt")
        )
        lines.append(what % {"n": client.melding.nummer})
    return lines


def restricted_clients(user, ids) -> dict[int, bool]:
    """Of the clients ``ids``, those whose processing is restricted (AVG art. 18), each with
    whether their data are hidden from ``user`` (from all but the privacy officer). The
    report pages ask this through ``meldpunt.selectors.use_restriction_read``."""
    hidden = not may_see_restricted(user)
    restricted = Beperking.objects.filter(client_id__in=list(ids))
    return dict.fromkeys(restricted.values_list("client_id", flat=True), hidden)


# Data breaches -----------------------------------------------------------------------


def _municipalities(dossiers, meldingen) -> list[str]:
    codes = set()
    for dossier in dossiers:
        codes |= set(dossier.betrokken_gemeenten.values_list("code", flat=True))
    for melding in meldingen:
        for dossier in melding.dossiers.all():
            codes |= set(dossier.betrokken_gemeenten.values_list("code", flat=True))
        for contract in melding.contracten.all():
            codes |= set(contract.gemeenten.values_list("code", flat=True))
        if melding.vestiging_gemeente_id:
            codes.add(melding.vestiging_gemeente.code)
    return sorted(codes)


@transaction.atomic
def register_breach(
    *,
    by,
    omschrijving: str,
    ontdekt_op: datetime.datetime,
    dossiers=(),
    meldingen=(),
    maatregelen: str = "",
) -> Datalek:
    """Record a breach; the municipalities of the cases are told at once. The mail says no
    more than that there is one.

    "In geval van een datalek waarbij persoonsgegevens zijn betrokken die betrekking
    hebben op een casus zullen Gemeenten elkaar zo spoedig mogelijk, maar uiterlijk binnen
    24 uur, daarover informeren" (DVO BW/MO Bijlage B 4.2; the ROB agreement, seed 000
    Bijlage 1 art. 4.2, says "zo spoedig mogelijk": held to the same 24 hours). So a term
    of 24 hours from the discovery starts, watched like every term (a reminder to the
    officer before it ends, an escalation to the officer and the team leads when it
    passed), and done once every municipality got the mail (:func:`note_breach_mail`) or
    the officer records how they were told (:func:`record_breach_notice`)."""
    require(by, "privacy.add_datalek")
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Beschrijf wat er is gebeurd.")})
    if ontdekt_op > timezone.now():
        raise ValidationError({"ontdekt_op": _("De ontdekking ligt in de toekomst.")})
    if not (dossiers or meldingen):
        raise ValidationError(_("Kies de dossiers of meldingen die het datalek raakt."))
    gemeenten = _municipalities(dossiers, meldingen)
    lek = Datalek.objects.create(
        omschrijving=omschrijving,
        ontdekt_op=ontdekt_op,
        geregistreerd_door=by,
        gemeenten=gemeenten,
        maatregelen=maatregelen,
    )
    lek.dossiers.set(dossiers)
    lek.meldingen.set(meldingen)
    if gemeenten:
        # Not a dossier's term: a breach may touch reports only (Termijn.dossier).
        lek.termijn = termijnen.new_term(
            dossier=None,
            soort=Termijn.Soort.DATALEK,
            omschrijving=_("de gemeenten informeren over het datalek"),
            start=timezone.localdate(lek.ontdekt_op),
            by=by,
            eigenaar=by,
            uiterlijk_om=lek.melden_voor,
        )
        lek.save(update_fields=["termijn"])
    emit(
        Event.DATALEK,
        event_id=f"datalek:{lek.pk}",
        instance=lek,
        nummer=lek.nummer,
        gemeenten=gemeenten,
        by=by,
        data={
            "melden_voor": f"{dates.datum_tijd(timezone.localtime(lek.melden_voor))}",
            "aantal_zaken": len(dossiers) + len(meldingen),
        },
    )
    return lek


# A breach mail that left for the municipality: handed to the mail server, or delivered.
SENT = (Status.VERZONDEN, Status.AFGELEVERD)


def informed_municipalities(lek: Datalek) -> set[str]:
    """The municipalities (CBS codes) a mail about ``lek`` went out to."""
    return set(
        Notificatie.objects.filter(
            event=Event.DATALEK,
            content_type=ContentType.objects.get_for_model(Datalek),
            object_id=lek.pk,
            status__in=SENT,
            gemeente__isnull=False,
        ).values_list("gemeente__code", flat=True)
    )


def note_breach_mail(row: Notificatie) -> None:
    """A breach mail (``row``) was sent or delivered: once every municipality of the breach
    had one, they were told and the breach's term is done (DVO BW/MO Bijlage B 4.2).

    Called when the row changes status, before the outbox writes it: the row counts as
    it is now. A municipality without a contact gets no mail: then the officer records
    how it was told."""
    if row.event != Event.DATALEK or row.content_type_id is None:
        return
    if row.content_type_id != ContentType.objects.get_for_model(Datalek).pk:
        return
    with transaction.atomic():
        lek = Datalek.objects.select_related("termijn").filter(pk=row.object_id).first()
        if lek is None or lek.termijn is None or not lek.termijn.is_open:
            return
        told = informed_municipalities(lek)
        if row.gemeente_id is not None:
            told.add(row.gemeente.code)
        if set(lek.gemeenten) <= told:
            termijnen.close_term(
                lek.termijn, by=None, toelichting=_("Alle gemeenten zijn per e-mail geïnformeerd.")
            )


@transaction.atomic
def record_breach_notice(*, lek: Datalek, by, toelichting: str) -> Datalek:
    """The officer records that the municipalities were told (by telephone; or by a mail
    of the officer's own, to a municipality that has no contact here): the breach's term is
    done (DVO BW/MO Bijlage B 4.2)."""
    require(by, "privacy.add_datalek")
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise ValidationError(
            {"toelichting": _("Schrijf hoe en wanneer de gemeenten zijn geïnformeerd.")}
        )
    lek = Datalek.objects.select_related("termijn").get(pk=lek.pk)
    if lek.termijn is None or not lek.termijn.is_open:
        raise ValidationError(_("De gemeenten zijn al geïnformeerd."))
    termijnen.close_term(lek.termijn, by=by, toelichting=toelichting[:2_000])
    return lek


def breach_subject(termijn: Termijn) -> Onderwerp:
    """What a breach's term is about, for its reminder and escalation (termijnen.subjects)."""
    lek = Datalek.objects.get(termijn=termijn)
    return Onderwerp(instance=lek, nummer=lek.nummer, pad=reverse("privacy:datalekken:index"))
