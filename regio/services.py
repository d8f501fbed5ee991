"""Use cases on reference data that others must hear about."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, dates
from .events import Event, emit
from .models import (
    BibobOnderzoek,
    Contactpersoon,
    Contract,
    Gemeente,
    Mandaat,
    Samenwerkingsverband,
    Zorgaanbieder,
)
from .roles import has_role
from .selectors import gemeente_of

ROB = "rob-rvn"


@transaction.atomic
def start_bibob(
    *,
    zorgaanbieder: Zorgaanbieder,
    datum: datetime.date,
    by,
    betrokkenen: str = "",
    toelichting: str = "",
) -> BibobOnderzoek:
    """Record that a Bibob investigation was started into the provider and the (legal)
    persons behind it; the partners of the ROB are told, once (Samenwerkingsovereenkomst
    art. 7.4: "melden de samenwerkende gemeenten dat ten aanzien van bepaalde
    (rechts)personen een Bibob-onderzoek is ingesteld"). The BW/MO agreement (seed 002)
    has no such clause and the Wet Bibob limits who may know: nobody else is told, and
    the mail names the provider only, never ``betrokkenen``."""
    if by is None or not by.has_perm("regio.add_bibobonderzoek"):
        raise PermissionDenied(_("U mag geen Bibob-onderzoek vastleggen."))
    errors = {}
    if datum is None:
        errors["datum"] = _("Een Bibob-onderzoek heeft een datum.")
    elif datum > timezone.localdate():
        errors["datum"] = _("De datum ligt in de toekomst.")
    if not (betrokkenen or "").strip():
        errors["betrokkenen"] = _("Noem de (rechts)personen op wie het onderzoek zich richt.")
    if errors:
        raise ValidationError(errors)
    zorgaanbieder = Zorgaanbieder.objects.select_for_update().get(pk=zorgaanbieder.pk)
    if zorgaanbieder.bibob_onderzoeken.filter(beeindigd_op__isnull=True).exists():
        raise ValidationError(_("Er loopt al een Bibob-onderzoek naar deze zorgaanbieder."))
    onderzoek = BibobOnderzoek.objects.create(
        zorgaanbieder=zorgaanbieder,
        gestart_op=datum,
        gestart_door=by,
        betrokkenen=betrokkenen.strip(),
        toelichting=toelichting.strip(),
    )
    zorgaanbieder.bibob, zorgaanbieder.bibob_datum = True, datum
    zorgaanbieder.save(update_fields=["bibob", "bibob_datum"])
    audit.record(audit.Actie.WIJZIGEN, onderzoek, user=by, velden=["betrokkenen"])
    emit(
        Event.BIBOB_GESTART,
        event_id=f"bibob:{onderzoek.pk}",
        instance=zorgaanbieder,
        nummer=zorgaanbieder.naam,
        gemeenten=sorted(
            Samenwerkingsverband.objects.get(code=ROB).leden.values_list("code", flat=True)
        ),
        by=by,
        data={
            "zorgaanbieder": zorgaanbieder.naam,
            "datum": dates.datum(datum),
            "pad": "/regio/zorgaanbieder/",
        },
    )
    return onderzoek


@transaction.atomic
def end_bibob(
    *, onderzoek: BibobOnderzoek, datum: datetime.date, by, uitkomst: str = ""
) -> BibobOnderzoek:
    """Record the end of a Bibob investigation (its history stays)."""
    if by is None or not by.has_perm("regio.change_bibobonderzoek"):
        raise PermissionDenied(_("U mag geen Bibob-onderzoek beëindigen."))
    onderzoek = BibobOnderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if not onderzoek.loopt:
        raise ValidationError(_("Dit Bibob-onderzoek is al beëindigd."))
    if datum is None or datum < onderzoek.gestart_op or datum > timezone.localdate():
        raise ValidationError(
            {"datum": _("De einddatum ligt tussen het begin van het onderzoek en vandaag.")}
        )
    onderzoek.beeindigd_op, onderzoek.beeindigd_door = datum, by
    onderzoek.uitkomst = (uitkomst or "").strip()
    onderzoek.save(update_fields=["beeindigd_op", "beeindigd_door", "uitkomst"])
    Zorgaanbieder.objects.filter(pk=onderzoek.zorgaanbieder_id).update(
        bibob=False, bibob_datum=None
    )
    audit.record(audit.Actie.WIJZIGEN, onderzoek, user=by, velden=["beeindigd_op", "uitkomst"])
    return onderzoek


@transaction.atomic
def set_mail_preferences(
    *, contactpersoon: Contactpersoon, by, direct_domeinen: list[str], wekelijks_overzicht: bool
) -> Contactpersoon:
    """How a municipality's contact is told (ADR 0007): informational status changes at
    once for ``direct_domeinen``, else in the daily overview; the weekly overview of open
    dossiers or not. Only the municipality's own portal users, or ``beheer``, set it."""
    own = gemeente_of(by) == contactpersoon.gemeente and has_role(by, "gemeente")
    if not (own or by.has_perm("regio.change_contactpersoon")):
        raise PermissionDenied(_("U mag de berichten van deze contactpersoon niet instellen."))
    contactpersoon = Contactpersoon.objects.select_for_update().get(pk=contactpersoon.pk)
    contactpersoon.direct_domeinen = sorted(set(direct_domeinen))
    contactpersoon.wekelijks_overzicht = wekelijks_overzicht
    contactpersoon.full_clean()
    contactpersoon.save(update_fields=["direct_domeinen", "wekelijks_overzicht"])
    audit.record(
        audit.Actie.WIJZIGEN,
        contactpersoon,
        user=by,
        velden=["direct_domeinen", "wekelijks_overzicht"],
    )
    return contactpersoon


def end_contract(*, contract, datum: datetime.date, by, reden: str) -> bool:
    """End-date a contract in the register (a dissolution, DVO BW/MO art. 5.2: "Mocht een
    handhavingstraject leiden tot ontbinding van de overeenkomst"); a contract that already
    ended earlier is left alone. Call inside the transaction of the dissolution."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.einddatum is not None and contract.einddatum <= datum:
        return False
    contract.einddatum = max(datum, contract.ingangsdatum)
    contract.save(update_fields=["einddatum"])
    audit.record(audit.Actie.WIJZIGEN, contract, user=by, velden=["einddatum"], toelichting=reden)
    return True


def end_mandates_of(*, gemeente: Gemeente, datum: datetime.date, by, reden: str) -> int:
    """End every mandate, power of attorney and authorisation ``gemeente`` gave, per
    ``datum``: a municipality that leaves no longer has decisions taken in its name
    (Mandaatbesluit BW/MO, DVO BW/MO Bijlage A art. 3 lid 4). Mandates that ended earlier
    keep their date. Returns how many ended."""
    ended = 0
    for mandaat in Mandaat.objects.select_for_update(of=("self",)).filter(gever=gemeente):
        if mandaat.beeindigd_op is not None and mandaat.beeindigd_op <= datum:
            continue
        mandaat.beeindigd_op = datum
        mandaat.reden_beeindiging = reden[:300]
        mandaat.save(update_fields=["beeindigd_op", "reden_beeindiging"])
        audit.record(
            audit.Actie.WIJZIGEN, mandaat, user=by, velden=["beeindigd_op"], toelichting=reden
        )
        ended += 1
    return ended
