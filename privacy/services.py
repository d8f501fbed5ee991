"""Data-subject requests and the data-breach register (AVG art. 15, 16, 33; seed 000
Bijlage 1; seed 002 Bijlage B)."""

import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dossieroverleg.models import Dossier
from meldpunt.models import Client, Melding
from meldpunt.validators import validate_bsn
from regio import dates
from regio.audit import Actie, record
from regio.events import Event, emit

from .access import require
from .models import BetrokkeneVerzoek, Datalek


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
    require(by, "privacy.add_betrokkeneverzoek")
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


def _register(*, soort: str, by, kenmerk: str, ontvangen_op, vondst: Vondst, toelichting=""):
    if not kenmerk.strip():
        raise ValidationError({"kenmerk": _("Geef het kenmerk van het verzoek.")})
    return BetrokkeneVerzoek.objects.create(
        soort=soort,
        kenmerk=kenmerk.strip(),
        ontvangen_op=ontvangen_op,
        behandeld_door=by,
        gevonden=vondst.nummers,
        toelichting=toelichting,
    )


@transaction.atomic
def inspection(*, by, vondst: Vondst, kenmerk: str, ontvangen_op: datetime.date) -> bytes:
    """What is held about the person (AVG art. 15), as JSON; the request is recorded."""
    require(by, "privacy.add_betrokkeneverzoek")
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
    """Correct a client's data (AVG art. 16); the request and the fields are recorded."""
    require(by, "privacy.add_betrokkeneverzoek")
    client = Client.objects.select_for_update().get(pk=client.pk)
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
    )
    record(
        Actie.CORRECTIE,
        client.melding,
        user=by,
        velden=[f"client.{f}" for f in changed],
        toelichting=f"verzoek {verzoek.pk}",
    )
    return client


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
    """Record a breach; the municipalities of the cases are told at once (within 24 hours
    of discovery, DVO BW/MO Bijlage B 4.2). The mail says no more than that there is one."""
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
    nummer = f"DL-{lek.ontdekt_op:%Y}-{lek.pk:04d}"
    emit(
        Event.DATALEK,
        event_id=f"datalek:{lek.pk}",
        instance=lek,
        nummer=nummer,
        gemeenten=gemeenten,
        by=by,
        data={
            "melden_voor": f"{dates.datum_tijd(timezone.localtime(lek.melden_voor))}",
            "aantal_zaken": len(dossiers) + len(meldingen),
        },
    )
    return lek
