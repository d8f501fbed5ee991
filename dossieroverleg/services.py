"""Use cases of enforcement dossiers and the Dossieroverleg; one function per action.

Every status change goes through a django-fsm transition, writes a history row and emits
a domain event (``regio.events``) in the same transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.models import Ernst, Melding
from meldpunt.models import Status as MeldingStatus
from meldpunt.services import Upload
from meldpunt.validators import check_bijlage
from regio.events import Event, emit
from regio.involvement import InvolvementError, involved_municipalities
from regio.models import Gemeente
from regio.numbering import next_number
from regio.records import store_document
from regio.transitions import actor, check_transition

from .models import (
    Advies,
    Agendapunt,
    Besluit,
    BetrokkenheidWijziging,
    Conclusie,
    Deelnemer,
    Document,
    Dossier,
    Inzet,
    Maatregel,
    Onderzoeksactiviteit,
    Overleg,
    Prioriteit,
    Status,
    StatusWijziging,
)


def _personal_values(dossier: Dossier) -> list[str]:
    """Personal data of natural persons reachable from the dossier (kept out of mails)."""
    values = []
    for melding in dossier.meldingen.all():
        values += [
            melding.melder_naam,
            melding.melder_email,
            melding.melder_telefoon,
            melding.omschrijving,
        ]
        for client in melding.clienten.all():
            values += [client.bsn, client.naam]
    return [v for v in values if v]


def change_status(
    dossier: Dossier, method_name: str, *, by, event: str | None, reden: str = "", **data
) -> StatusWijziging:
    """Move ``dossier`` by its transition ``method_name`` (checked: conditions, then
    permission), write the history row and announce ``event`` when given."""
    method = getattr(dossier, method_name)
    check_transition(dossier, method, by)
    van = dossier.status
    method()
    dossier.save()
    wijziging = StatusWijziging.objects.create(
        dossier=dossier, van=van, naar=dossier.status, door=actor(by), reden=reden
    )
    if event:
        announce(
            dossier, event, event_id=f"dossier:{dossier.pk}:status:{wijziging.pk}", by=by, **data
        )
    return wijziging


def announce(
    dossier: Dossier, event: str, *, event_id: str, by, gemeenten: list[str] | None = None, **data
) -> None:
    """Announce ``event``: to the involved municipalities, or to ``gemeenten`` when given."""
    if gemeenten is None:
        gemeenten = list(dossier.betrokken_gemeenten.values_list("code", flat=True))
    emit(
        event,
        event_id=event_id,
        instance=dossier,
        nummer=dossier.nummer,
        status=dossier.status,
        domein=dossier.domein,
        gemeenten=gemeenten,
        by=by,
        data={
            "pad": f"/handhaving/dossier/{dossier.pk}/",
            "zorgaanbieder": dossier.zorgaanbieder.naam,
            "_persoonlijk": _personal_values(dossier),
            **data,
        },
    )


def locked(dossier: Dossier) -> Dossier:
    """The dossier read again under a row lock (inside the caller's transaction)."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


# Involvement -------------------------------------------------------------------------


def compute_involvement(dossier: Dossier) -> list[str]:
    """CBS codes of the municipalities involved, by the foundation's rule (DESIGN 3)."""
    locations = list(dossier.vestigingen.all()) or (
        [dossier.vestiging_gemeente] if dossier.vestiging_gemeente else []
    )
    result = involved_municipalities(
        domein=dossier.domein,
        contracts=list(dossier.contracten.all()),
        locations=locations,
        contracting_gemeente=dossier.verstrekkende_gemeente,
    )
    return [item.code for item in result]


def recompute_involvement(*, dossier: Dossier, by, reden: str) -> BetrokkenheidWijziging | None:
    """Store the involved municipalities anew; record and announce what changed."""
    try:
        codes = set(compute_involvement(dossier))
    except InvolvementError as exc:
        raise ValidationError({"betrokken_gemeenten": str(exc)}) from exc
    current = set(dossier.betrokken_gemeenten.values_list("code", flat=True))
    if codes == current:
        return None
    dossier.betrokken_gemeenten.set(Gemeente.objects.filter(code__in=codes))
    wijziging = BetrokkenheidWijziging.objects.create(
        dossier=dossier,
        door=actor(by),
        toegevoegd=sorted(codes - current),
        verwijderd=sorted(current - codes),
        reden=reden,
    )
    if current:  # the first computation is announced as the opening itself
        announce(
            dossier,
            Event.DOSSIER_BETROKKENHEID_GEWIJZIGD,
            event_id=f"dossier:{dossier.pk}:betrokkenheid:{wijziging.pk}",
            by=by,
            toegevoegd=wijziging.toegevoegd,
            verwijderd=wijziging.verwijderd,
        )
    return wijziging


@transaction.atomic
def update_scope(
    *,
    dossier: Dossier,
    by,
    reden: str,
    contracten=None,
    vestigingen=None,
    verstrekkende_gemeente: Gemeente | None = None,
) -> Dossier:
    """Change the contracts or locations concerned; the involvement follows, recorded."""
    dossier = locked(dossier)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de wijziging.")})
    if contracten is not None:
        wrong = [c.referentie for c in contracten if c.domein != dossier.domein]
        if wrong:
            raise ValidationError(
                {"contracten": _("Contract van een ander domein: %(r)s.") % {"r": ", ".join(wrong)}}
            )
        dossier.contracten.set(contracten)
    if vestigingen is not None:
        dossier.vestigingen.set(vestigingen)
    if verstrekkende_gemeente is not None:
        dossier.verstrekkende_gemeente = verstrekkende_gemeente
        dossier.save(update_fields=["verstrekkende_gemeente"])
    recompute_involvement(dossier=dossier, by=by, reden=reden)
    return dossier


# Opening -----------------------------------------------------------------------------


@transaction.atomic
def open_dossier(*, melding: Melding, by=None) -> tuple[Dossier, bool]:
    """Open a dossier for a report routed to enforcement, or link it to the open dossier
    named at weighing. Returns the dossier and whether it is new."""
    if melding.status != MeldingStatus.NAAR_HANDHAVING:
        raise ValidationError(_("Alleen een melding die naar handhaving gaat opent een dossier."))
    weging = melding.weging
    acuut = weging.ernst == Ernst.ACUUT
    if weging.dossier_nummer:
        dossier = link_report(melding=melding, nummer=weging.dossier_nummer, by=by)
        return dossier, False
    dossier = Dossier.objects.create(
        nummer=next_number(reeks="HH", year=timezone.localdate().year, digits=4),
        zorgaanbieder=melding.zorgaanbieder,
        domein=melding.domein,
        vestiging_gemeente=melding.vestiging_gemeente,
        verstrekkende_gemeente=melding.verstrekkende_gemeente,
        prioriteit=Prioriteit.URGENT if acuut else Prioriteit.NORMAAL,
    )
    dossier.meldingen.add(melding)
    dossier.contracten.set(melding.contracten.all())
    dossier.vestigingen.set(
        melding.zorgaanbieder.vestigingen.filter(gemeente=melding.vestiging_gemeente)
    )
    recompute_involvement(dossier=dossier, by=by, reden=_("dossier geopend"))
    wijziging = StatusWijziging.objects.create(
        dossier=dossier,
        van="",
        naar=dossier.status,
        door=actor(by),
        reden=_("geopend na melding %(nummer)s") % {"nummer": melding.nummer},
    )
    announce(
        dossier,
        Event.DOSSIER_GEOPEND,
        event_id=f"dossier:{dossier.pk}:status:{wijziging.pk}",
        by=by,
        prioriteit=dossier.prioriteit,
    )
    return dossier, True


@transaction.atomic
def link_report(*, melding: Melding, nummer: str, by=None) -> Dossier:
    """Add a report to an open dossier of the same provider (several reports, one dossier)."""
    dossier = Dossier.objects.select_for_update().filter(nummer=nummer).first()
    if dossier is None or dossier.status == Status.AFGESLOTEN:
        raise ValidationError(
            {"dossier_nummer": _("Geen open dossier met nummer %(n)s.") % {"n": nummer}}
        )
    if dossier.zorgaanbieder_id != melding.zorgaanbieder_id:
        raise ValidationError(
            {"dossier_nummer": _("Dit dossier gaat over een andere zorgaanbieder.")}
        )
    dossier.meldingen.add(melding)
    dossier.contracten.add(*melding.contracten.filter(domein=dossier.domein))
    if melding.acuut and dossier.prioriteit != Prioriteit.URGENT:
        dossier.prioriteit = Prioriteit.URGENT
        dossier.save(update_fields=["prioriteit"])
    recompute_involvement(
        dossier=dossier, by=by, reden=_("melding %(n)s toegevoegd") % {"n": melding.nummer}
    )
    return dossier


def validate_dossier_link(*, melding: Melding, nummer: str) -> None:
    """For the weighing form: is ``nummer`` an open dossier of the same provider?"""
    dossier = Dossier.objects.filter(nummer=nummer).first()
    if dossier is None or dossier.status == Status.AFGESLOTEN:
        raise ValidationError(_("Geen open dossier met nummer %(n)s.") % {"n": nummer})
    if dossier.zorgaanbieder_id != melding.zorgaanbieder_id:
        raise ValidationError(_("Dit dossier gaat over een andere zorgaanbieder."))


@transaction.atomic
def assign_officer(*, dossier: Dossier, behandelaar, by) -> Dossier:
    if not behandelaar.has_perm("dossieroverleg.behandelen_dossier"):
        raise ValidationError({"behandelaar": _("Deze medewerker behandelt geen dossiers.")})
    dossier = locked(dossier)
    dossier.behandelaar = behandelaar
    dossier.save(update_fields=["behandelaar"])
    return dossier


# Investigation -----------------------------------------------------------------------


@transaction.atomic
def start_investigation(*, dossier: Dossier, by) -> Dossier:
    dossier = locked(dossier)
    change_status(dossier, "start_onderzoek", by=by, event=Event.DOSSIER_IN_ONDERZOEK)
    return dossier


@transaction.atomic
def finish_investigation(*, dossier: Dossier, by, samenvatting: str) -> Dossier:
    """The case officer closes the investigation with a summary for the meeting; from then
    on the secretary can put the dossier on the agenda of a Dossieroverleg."""
    dossier = locked(dossier)
    if dossier.status not in (Status.GEOPEND, Status.IN_ONDERZOEK):
        raise ValidationError(_("Het onderzoek van dit dossier is al afgerond."))
    if not dossier.heeft_bevindingen():
        raise ValidationError(
            _("Leg eerst ten minste één bevinding vast (onderzoeksactiviteit op de dossierpagina).")
        )
    if dossier.status == Status.GEOPEND:
        change_status(dossier, "start_onderzoek", by=by, event=Event.DOSSIER_IN_ONDERZOEK)
    dossier.onderzoek_afgerond_op = timezone.now()
    dossier.onderzoek_samenvatting = samenvatting
    dossier.save(update_fields=["onderzoek_afgerond_op", "onderzoek_samenvatting"])
    return dossier


@transaction.atomic
def add_activity(
    *,
    dossier: Dossier,
    by,
    soort: str,
    datum: datetime.date,
    uitgevoerd_door: str,
    bevindingen: str = "",
    uploads: list[Upload] = (),
) -> Onderzoeksactiviteit:
    dossier = locked(dossier)
    if dossier.status not in (Status.GEOPEND, Status.IN_ONDERZOEK):
        raise ValidationError(_("Onderzoek vastleggen kan alleen in een dossier in onderzoek."))
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    activiteit = Onderzoeksactiviteit(
        dossier=dossier,
        soort=soort,
        datum=datum,
        uitgevoerd_door=uitgevoerd_door,
        bevindingen=bevindingen,
        vastgelegd_door=actor(by),
    )
    activiteit.full_clean()
    for upload in uploads:
        check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size)
    activiteit.save()
    for upload in uploads:
        add_document(dossier=dossier, upload=upload, by=by, activiteit=activiteit)
    if dossier.status == Status.GEOPEND:
        change_status(dossier, "start_onderzoek", by=by, event=Event.DOSSIER_IN_ONDERZOEK)
    return activiteit


def add_document(*, dossier: Dossier, upload: Upload, by, activiteit=None) -> Document:
    content_type = check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size)
    return store_document(
        Document(dossier=dossier, activiteit=activiteit, toegevoegd_door=actor(by)),
        naam=upload.naam,
        inhoud=upload.inhoud,
        content_type=content_type,
    )


# The Dossieroverleg --------------------------------------------------------------------


@transaction.atomic
def plan_meeting(
    *,
    datum: datetime.datetime,
    voorzitter,
    secretaris,
    by,
    locatie: str = "",
    deelnemers: list[tuple[str, str]] = (),
) -> Overleg:
    if not by.has_perm("dossieroverleg.agenderen_dossier"):
        raise PermissionDenied(_("U mag geen overleg plannen."))
    overleg = Overleg.objects.create(
        datum=datum, voorzitter=voorzitter, secretaris=secretaris, locatie=locatie
    )
    for naam, discipline in deelnemers:
        add_attendee(overleg=overleg, naam=naam, discipline=discipline)
    return overleg


def add_attendee(
    *, overleg: Overleg, naam: str, discipline: str, gemeente: Gemeente | None = None
) -> Deelnemer:
    deelnemer = Deelnemer(overleg=overleg, naam=naam, discipline=discipline, gemeente=gemeente)
    deelnemer.full_clean()
    deelnemer.save()
    return deelnemer


def _locked_item(agendapunt: Agendapunt) -> Agendapunt:
    return Agendapunt.objects.select_related("overleg").select_for_update().get(pk=agendapunt.pk)


def _meeting_open_for_agenda(overleg: Overleg) -> None:
    if overleg.status != Overleg.Status.GEPLAND:
        raise ValidationError(_("De agenda van dit overleg is al vastgesteld."))


@transaction.atomic
def put_on_agenda(*, overleg: Overleg, dossier: Dossier, by) -> Agendapunt:
    """The secretary puts a ready dossier on the agenda (it needs at least one finding)."""
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    _meeting_open_for_agenda(overleg)
    dossier = locked(dossier)
    if not dossier.heeft_bevindingen():
        raise ValidationError(
            _("Dossier %(n)s heeft nog geen bevindingen en kan niet op de agenda.")
            % {"n": dossier.nummer}
        )
    if not dossier.onderzoek_afgerond():
        raise ValidationError(
            _("Het onderzoek van dossier %(n)s is nog niet afgerond door de behandelaar.")
            % {"n": dossier.nummer}
        )
    change_status(
        dossier,
        "agendeer",
        by=by,
        event=Event.DOSSIER_GEAGENDEERD,
        overleg_datum=timezone.localtime(overleg.datum).strftime("%d-%m-%Y"),
    )
    volgorde = overleg.agendapunten.count() + 1
    return Agendapunt.objects.create(overleg=overleg, dossier=dossier, volgorde=volgorde)


@transaction.atomic
def remove_from_agenda(*, agendapunt: Agendapunt, by) -> None:
    agendapunt = _locked_item(agendapunt)
    _meeting_open_for_agenda(agendapunt.overleg)
    dossier = locked(agendapunt.dossier)
    change_status(dossier, "van_agenda", by=by, event=None, reden=_("van de agenda gehaald"))
    agendapunt.delete()


def _meeting_transition(overleg: Overleg, method_name: str, by) -> Overleg:
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    method = getattr(overleg, method_name)
    check_transition(overleg, method, by)
    method()
    overleg.save()
    return overleg


@transaction.atomic
def set_agenda(*, overleg: Overleg, by) -> Overleg:
    return _meeting_transition(overleg, "stel_agenda_vast", by)


@transaction.atomic
def hold_meeting(*, overleg: Overleg, by) -> Overleg:
    if not overleg.is_begonnen():
        raise ValidationError(
            _(
                "Dit overleg is gepland op %(datum)s; u kunt het pas vanaf die dag als "
                "gehouden vastleggen."
            )
            % {"datum": timezone.localtime(overleg.datum).strftime("%d-%m-%Y")}
        )
    return _meeting_transition(overleg, "houd", by)


@transaction.atomic
def record_conclusion(
    *,
    agendapunt: Agendapunt,
    by,
    conclusie: str,
    maatregelen: list[str] = (),
    toelichting: str = "",
) -> Agendapunt:
    if not by.has_perm("dossieroverleg.agenderen_dossier"):
        raise PermissionDenied(_("U mag geen conclusies vastleggen."))
    agendapunt = _locked_item(agendapunt)
    if agendapunt.overleg.status != Overleg.Status.GEHOUDEN:
        raise ValidationError(_("Conclusies worden vastgelegd in een gehouden overleg."))
    if conclusie not in Conclusie.values:
        raise ValidationError({"conclusie": _("Kies een conclusie.")})
    unknown = [m for m in maatregelen if m not in Maatregel.values]
    if unknown:
        raise ValidationError(
            {"maatregelen": _("Onbekende maatregel: %(m)s.") % {"m": ", ".join(unknown)}}
        )
    if conclusie == Conclusie.ADVIES_VOORBEREIDEN and not maatregelen:
        raise ValidationError({"maatregelen": _("Noem de voorgestelde maatregelen.")})
    agendapunt.conclusie = conclusie
    agendapunt.voorgestelde_maatregelen = list(maatregelen)
    agendapunt.toelichting = toelichting
    agendapunt.full_clean()
    agendapunt.save()
    return agendapunt


_CONCLUSION_TRANSITIONS = {
    Conclusie.MEER_ONDERZOEK: ("meer_onderzoek", Event.DOSSIER_IN_ONDERZOEK),
    Conclusie.GEEN_MAATREGEL: ("sluit_zonder_maatregel", Event.DOSSIER_GESLOTEN),
    Conclusie.ADVIES_VOORBEREIDEN: ("bereid_advies_voor", None),
}


@transaction.atomic
def set_minutes(*, overleg: Overleg, by) -> Overleg:
    """Setting the minutes moves every discussed dossier on, by its conclusion."""
    overleg = _meeting_transition(overleg, "stel_verslag_vast", by)
    for punt in overleg.agendapunten.select_related("dossier"):
        dossier = locked(punt.dossier)
        wijziging = change_status(
            dossier, "bespreek", by=by, event=None, reden=punt.get_conclusie_display()
        )
        method, event = _CONCLUSION_TRANSITIONS[punt.conclusie]
        if punt.conclusie == Conclusie.MEER_ONDERZOEK:
            # Back to the case officer, who closes the new round of research again.
            dossier.onderzoek_afgerond_op = None
        change_status(dossier, method, by=by, event=event, reden=punt.toelichting)
        # Announced once the dossier has moved on, so that the flow continues from there.
        announce(
            dossier,
            Event.DOSSIER_BESPROKEN,
            event_id=f"dossier:{dossier.pk}:status:{wijziging.pk}",
            by=by,
            conclusie=punt.get_conclusie_display(),
            conclusie_code=punt.conclusie,
            maatregelen=punt.maatregelen_display(),
        )
    return overleg


# Advice and decision -----------------------------------------------------------------


@transaction.atomic
def draft_advice(
    *, dossier: Dossier, by, maatregelen: list[str], motivering: str, juridische_grondslag: str
) -> Advies:
    dossier = locked(dossier)
    if not by.has_perm("dossieroverleg.behandelen_dossier"):
        raise PermissionDenied(_("U mag geen advies opstellen."))
    if dossier.status != Status.ADVIES:
        raise ValidationError(_("Een advies hoort bij een dossier in de status advies."))
    if dossier.adviezen.filter(status=Advies.Status.TER_GOEDKEURING).exists():
        raise ValidationError(_("Er ligt al een advies ter goedkeuring."))
    unknown = [m for m in maatregelen if m not in Maatregel.values]
    if not maatregelen or unknown:
        raise ValidationError({"maatregelen": _("Kies een of meer maatregelen.")})
    advies = Advies(
        dossier=dossier,
        maatregelen=list(maatregelen),
        motivering=motivering,
        juridische_grondslag=juridische_grondslag,
        opgesteld_door=by,
    )
    advies.full_clean()
    advies.save()
    return advies


@transaction.atomic
def review_advice(*, advies: Advies, by, goedkeuren: bool, toelichting: str = "") -> Advies:
    """A team lead who is not the author approves or rejects (second pair of eyes)."""
    advies = Advies.objects.select_for_update().get(pk=advies.pk)
    if not by.has_perm("dossieroverleg.goedkeuren_advies"):
        raise PermissionDenied(_("Alleen een teamleider keurt adviezen goed."))
    if advies.opgesteld_door_id == by.pk:
        raise PermissionDenied(_("U kunt uw eigen advies niet beoordelen."))
    if advies.status != Advies.Status.TER_GOEDKEURING:
        raise ValidationError(_("Dit advies is al beoordeeld."))
    if not goedkeuren and not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef aan waarom het advies wordt afgewezen.")})
    advies.status = Advies.Status.GOEDGEKEURD if goedkeuren else Advies.Status.AFGEWEZEN
    advies.beoordeeld_door = by
    advies.beoordeeld_op = timezone.now()
    advies.beoordeling = toelichting
    advies.save()
    if goedkeuren:
        announce(
            advies.dossier,
            Event.DOSSIER_ADVIES,
            event_id=f"dossier:{advies.dossier_id}:advies:{advies.pk}",
            by=by,
            maatregelen=advies.maatregelen_display(),
        )
    return advies


# Measures after which a legal trajectory follows (Awb; private-law track).
MAATREGELEN_MET_TRAJECT = {
    Maatregel.AANWIJZING,
    Maatregel.OPSCHORTING_BETALING,
    Maatregel.TERUGVORDERING,
    Maatregel.INGEBREKESTELLING,
    Maatregel.ONTBINDING,
    Maatregel.LAST_ONDER_DWANGSOM,
}


@transaction.atomic
def record_decision(
    *,
    dossier: Dossier,
    by,
    datum: datetime.date,
    maatregelen: list[str],
    bekendmaking_op: datetime.date,
    toelichting: str = "",
) -> Besluit:
    """The college's decision; the measures may differ from the advice."""
    dossier = locked(dossier)
    unknown = [m for m in maatregelen if m not in Maatregel.values]
    if not maatregelen or unknown:
        raise ValidationError({"maatregelen": _("Kies een of meer maatregelen.")})
    if bekendmaking_op < datum:
        raise ValidationError({"bekendmaking_op": _("De bekendmaking ligt niet voor het besluit.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    besluit = Besluit.objects.create(
        dossier=dossier,
        datum=datum,
        maatregelen=list(maatregelen),
        bekendmaking_op=bekendmaking_op,
        toelichting=toelichting,
        vastgelegd_door=by,
    )
    change_status(
        dossier,
        "besluit_genomen",
        by=by,
        event=Event.DOSSIER_BESLUIT,
        maatregelen=besluit.maatregelen_display(),
        bekendmaking=bekendmaking_op.isoformat(),
        trajecten=sorted(set(maatregelen) & MAATREGELEN_MET_TRAJECT),
    )
    return besluit


@transaction.atomic
def record_costs(
    *, dossier: Dossier, by, datum: datetime.date, omschrijving: str, uren=0, bedrag=0
) -> Inzet:
    """Hours or amounts spent on a dossier; the basis of the cost sharing per municipality."""

    if not by.has_perm("dossieroverleg.behandelen_dossier"):
        raise PermissionDenied(_("U mag geen inzet vastleggen."))
    if not uren and not bedrag:
        raise ValidationError({"uren": _("Vul uren of een bedrag in.")})
    inzet = Inzet(
        dossier=dossier,
        datum=datum,
        uren=uren or 0,
        bedrag=bedrag or 0,
        omschrijving=omschrijving,
        vastgelegd_door=by,
    )
    inzet.full_clean()
    inzet.save()
    return inzet
