"""Use cases of the meldpunt: one function per action, each in one transaction.

The UI, the API, the public form, inbound e-mail and the flow all call these; none of them
changes a report any other way. Each transition writes a history row and emits a domain
event (``regio.events``) inside the same transaction.
"""

import contextlib
import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from regio import audit
from regio.competence import Competence, case_competence
from regio.events import DoorgeleidingEvent, Event, WorkEvent, emit, signal_work
from regio.involvement import InvolvementError, involved_codes
from regio.models import Contract, Domein, Gemeente, Zorgaanbieder
from regio.numbering import next_number
from regio.records import store_document
from regio.transitions import actor, check_transition

from . import doorgeleiding as forwarding
from .models import (
    Bijlage,
    Client,
    Doorgeleiding,
    Ernst,
    Instantie,
    Melding,
    ReactieVerzoek,
    Route,
    Status,
    StatusWijziging,
    Weging,
)
from .validators import check_bijlage


@dataclass
class NieuweZorgaanbieder:
    naam: str
    kvk_nummer: str = ""
    agb_code: str = ""


@dataclass
class Melder:
    naam: str = ""
    email: str = ""
    telefoon: str = ""
    anoniem: bool = False


@dataclass
class ClientGegevens:
    bsn: str = ""
    naam: str = ""
    geboortedatum: datetime.date | None = None
    woonplaats_gemeente: Gemeente | None = None


@dataclass
class Upload:
    naam: str
    inhoud: bytes
    grootte: int | None = None  # the real size when only the first bytes were read

    @property
    def size(self) -> int:
        return self.grootte if self.grootte is not None else len(self.inhoud)


def as_validation_error(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError({name: [ValidationError(m) for m in ms] for name, ms in errors.items()})


@dataclass
class Intake:
    """Everything a channel hands over; validated as a whole before anything is saved."""

    kanaal: str
    omschrijving: str
    domein: str = ""
    aard: str = ""
    zorgaanbieder: Zorgaanbieder | None = None
    nieuwe_zorgaanbieder: NieuweZorgaanbieder | None = None
    vestiging_gemeente: Gemeente | None = None
    contracten: list[Contract] = field(default_factory=list)
    melder: Melder = field(default_factory=Melder)
    clienten: list[ClientGegevens] = field(default_factory=list)
    bijlagen: list[Upload] = field(default_factory=list)
    ontvangen_op: datetime.datetime | None = None
    # A signal a municipality submitted in its portal (``Kanaal.GEMEENTE``).
    gemeld_door_gemeente: Gemeente | None = None


def _personal_values(melding: Melding) -> list[str]:
    """Values that are personal data of natural persons; listeners keep them out of mails."""
    values = [melding.melder_naam, melding.melder_email, melding.melder_telefoon]
    values += [melding.omschrijving]
    for client in melding.clienten.all():
        values += [client.bsn, client.naam]
    return [value for value in values if value]


def _record(melding: Melding, *, van: str, by, reden: str = "") -> StatusWijziging:
    return StatusWijziging.objects.create(
        melding=melding, van=van, naar=melding.status, door=by, reden=reden
    )


def _emit(
    melding: Melding,
    event: str,
    wijziging: StatusWijziging | None,
    by,
    *,
    event_id: str = "",
    **data,
) -> None:
    """Emit a report event; its id is the status change's unless one is given."""
    emit(
        event,
        event_id=event_id or f"melding:{melding.pk}:status:{wijziging.pk}:{event}",
        instance=melding,
        nummer=melding.nummer or "",
        status=melding.status,
        domein=melding.domein,
        by=by,
        data={
            "pad": f"/meldpunt/melding/{melding.pk}/",
            "_persoonlijk": _personal_values(melding),
            **data,
        },
    )


def validate_intake(intake: Intake, *, complete: bool = True) -> dict[str, list[str]]:
    """Per-field Dutch errors for an intake; empty when it may be saved."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        errors.setdefault(name, []).append(str(message))

    if complete and intake.zorgaanbieder is None and intake.nieuwe_zorgaanbieder is None:
        add("zorgaanbieder", _("Geef de zorgaanbieder op."))
    if intake.nieuwe_zorgaanbieder is not None:
        nieuw = intake.nieuwe_zorgaanbieder
        candidate = Zorgaanbieder(
            naam=nieuw.naam, kvk_nummer=nieuw.kvk_nummer or None, agb_code=nieuw.agb_code
        )
        try:
            candidate.full_clean(validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    add(f"zorgaanbieder.{name}", message)
    candidate = Melding(
        kanaal=intake.kanaal,
        omschrijving=intake.omschrijving,
        domein=intake.domein,
        aard=intake.aard,
        melder_anoniem=intake.melder.anoniem,
        melder_naam="" if intake.melder.anoniem else intake.melder.naam,
        melder_email="" if intake.melder.anoniem else intake.melder.email,
        melder_telefoon="" if intake.melder.anoniem else intake.melder.telefoon,
    )
    try:
        candidate.full_clean(exclude=["zorgaanbieder", "status", "nummer", "idempotency_key"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            target = (
                f"melder.{name.removeprefix('melder_')}" if name.startswith("melder_") else name
            )
            for message in messages:
                add(target, message)
    for index, gegevens in enumerate(intake.clienten):
        client = Client(
            bsn=gegevens.bsn,
            naam=gegevens.naam,
            geboortedatum=gegevens.geboortedatum,
            woonplaats_gemeente=gegevens.woonplaats_gemeente,
        )
        try:
            client.full_clean(exclude=["melding"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    add(f"clienten[{index}].{name}", message)
        if gegevens.geboortedatum and gegevens.geboortedatum > timezone.localdate():
            add(f"clienten[{index}].geboortedatum", _("De geboortedatum ligt in de toekomst."))
    for contract in intake.contracten:
        if intake.domein and contract.domein != intake.domein:
            add(
                "contracten",
                _("Contract %(ref)s hoort niet bij dit domein.") % {"ref": contract.referentie},
            )
    for upload in intake.bijlagen:
        try:
            check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size)
        except ValidationError as exc:
            for message in exc.messages:
                add("bijlagen", f"{upload.naam}: {message}")
    return errors


@transaction.atomic
def receive(
    *,
    intake: Intake,
    by=None,
    register_now: bool = True,
    idempotency_key: str | None = None,
    idempotency_hash: str = "",
    defer: bool = False,
) -> Melding:
    """Store a new report (status ``ontvangen``) and, unless told otherwise, register it.

    ``idempotency_key`` and ``idempotency_hash`` (the fingerprint of the request that
    carried the key) are kept with the report, so that an API retry finds it again.

    ``defer``: accept now, process after the commit (``accept``): the report is stored
    registered and numbered; its history and events follow in a worker.

    Nothing is saved unless everything is valid: a ValidationError carries per-field
    messages (``error_dict``).
    """
    errors = validate_intake(intake, complete=register_now)
    if errors:
        raise as_validation_error(errors)
    zorgaanbieder = intake.zorgaanbieder
    if zorgaanbieder is None and intake.nieuwe_zorgaanbieder is not None:
        nieuw = intake.nieuwe_zorgaanbieder
        existing = (
            Zorgaanbieder.objects.filter(kvk_nummer=nieuw.kvk_nummer).first()
            if nieuw.kvk_nummer
            else None
        )
        zorgaanbieder = existing or Zorgaanbieder.objects.create(
            naam=nieuw.naam, kvk_nummer=nieuw.kvk_nummer or None, agb_code=nieuw.agb_code
        )
    melder = intake.melder
    melding = Melding(
        kanaal=intake.kanaal,
        omschrijving=intake.omschrijving,
        domein=intake.domein,
        aard=intake.aard,
        zorgaanbieder=zorgaanbieder,
        vestiging_gemeente=intake.vestiging_gemeente,
        gemeld_door_gemeente=intake.gemeld_door_gemeente,
        ontvangen_op=intake.ontvangen_op or timezone.now(),
        melder_anoniem=melder.anoniem,
        melder_naam="" if melder.anoniem else melder.naam,
        melder_email="" if melder.anoniem else melder.email,
        melder_telefoon="" if melder.anoniem else melder.telefoon,
        aangemaakt_door=by if by is not None and by.is_authenticated else None,
        idempotency_key=idempotency_key,
        idempotency_hash=idempotency_hash if idempotency_key else "",
    )
    if defer and register_now:
        return accept(melding, intake=intake, by=by)
    melding.save()
    _store_parts(melding, intake=intake, by=by)
    _record(
        melding,
        van="",
        by=actor(by),
        reden=_("ontvangen via %(kanaal)s") % {"kanaal": melding.get_kanaal_display()},
    )

    def announce(melding: Melding) -> None:  # starts the report's flow
        _emit(
            melding,
            Event.MELDING_BINNENGEKOMEN,
            None,
            actor(by),
            event_id=f"melding:{melding.pk}:binnengekomen",
        )

    if register_now:
        return register(melding=melding, by=None, voor_nummer=announce)
    announce(melding)
    return melding


def _store_parts(melding: Melding, *, intake: Intake, by) -> None:
    """The report's contracts, clients and attachments (one INSERT each kind of row)."""
    melding.contracten.through.objects.bulk_create(
        [melding.contracten.through(melding=melding, contract=c) for c in intake.contracten]
    )
    Client.objects.bulk_create(
        [
            Client(
                melding=melding,
                bsn=gegevens.bsn,
                naam=gegevens.naam,
                geboortedatum=gegevens.geboortedatum,
                woonplaats_gemeente=gegevens.woonplaats_gemeente,
            )
            for gegevens in intake.clienten
        ]
    )
    written = []
    try:
        for upload in intake.bijlagen:
            written.append(add_attachment(melding=melding, upload=upload, by=by))
    except Exception:
        for bijlage in written:  # nothing half-saved: no file without its report
            bijlage.bestand.delete(save=False)
        raise


def accept(melding: Melding, *, intake: Intake, by) -> Melding:
    """The part of the intake the sender waits for (ADR 12): the report stored registered,
    with its number and everything it says, and marked to be processed
    (``verwerking_open``). After the commit a worker writes its history and emits its
    events (``process_accepted``: the flow, the acknowledgement, the audit); a sweep
    (``process_open``) takes any report a worker never got to. Call inside a transaction.
    """
    check_transition(melding, melding.registreer, None)
    melding.registreer()
    melding.verwerking_open = True
    # The series stays locked until the commit: drawn just before the last few writes.
    melding.nummer = next_number(
        reeks="RMZ", year=timezone.localtime(melding.ontvangen_op).year, digits=5
    )
    melding.save()
    _store_parts(melding, intake=intake, by=by)
    transaction.on_commit(lambda: _process_soon(melding.pk))
    return melding


def _process_soon(pk: int) -> None:
    from . import tasks

    tasks.enqueue_intake(pk)


@transaction.atomic
def process_accepted(pk: int) -> bool:
    """The rest of an accepted report's intake, once: its history (received, registered),
    the event that starts its flow, the registration and the acknowledgement to a
    reporter with an e-mail address, each with the audit the events write. False when
    there was nothing to do (done already, or another worker holds it)."""
    skip = transaction.get_connection().features.has_select_for_update_skip_locked
    melding = (
        Melding.objects.select_for_update(skip_locked=skip, of=("self",))
        .filter(pk=pk, verwerking_open=True)
        .select_related("aangemaakt_door")
        .first()
    )
    if melding is None:
        return False
    by = melding.aangemaakt_door
    received, registered = StatusWijziging.objects.bulk_create(
        [
            StatusWijziging(
                melding=melding,
                van="",
                naar=Status.ONTVANGEN,
                door=by,
                op=melding.ontvangen_op,
                reden=_("ontvangen via %(kanaal)s") % {"kanaal": melding.get_kanaal_display()},
            ),
            StatusWijziging(
                melding=melding,
                van=Status.ONTVANGEN,
                naar=melding.status,
                op=melding.geregistreerd_op,
            ),
        ]
    )
    _emit(melding, Event.MELDING_BINNENGEKOMEN, None, by, event_id=f"melding:{pk}:binnengekomen")
    _emit(melding, Event.MELDING_GEREGISTREERD, registered, None)
    if melding.heeft_contactgegevens:
        _emit(melding, Event.MELDING_ONTVANGEN, registered, None, melder_email=melding.melder_email)
    melding.verwerking_open = False
    melding.save(update_fields=["verwerking_open"])
    return True


def process_open(limit: int = 500) -> int:
    """Process accepted reports a worker has not (a lost task, a broker that was down, a
    worker killed halfway): oldest first; returns how many."""
    pks = list(
        Melding.objects.filter(verwerking_open=True)
        .order_by("ontvangen_op")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(process_accepted(pk) for pk in pks)


def add_attachment(*, melding: Melding, upload: Upload, by=None) -> Bijlage:
    content_type = check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size)
    return store_document(
        Bijlage(melding=melding, toegevoegd_door=actor(by)),
        naam=upload.naam,
        inhoud=upload.inhoud,
        content_type=content_type,
    )


@transaction.atomic
def register(*, melding: Melding, by=None, voor_nummer=None) -> Melding:
    """Give the report its number and register it; acknowledge to a reporter with e-mail.

    Drawing the number locks the series until the transaction ends, so every registration
    waits for the one before it: ``voor_nummer(melding)`` is work of the same transaction
    that needs no number (starting the flow), done before the lock is taken."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    check_transition(melding, melding.registreer, by)
    van = melding.status
    melding.registreer()
    if voor_nummer is not None:
        melding.save()
        voor_nummer(melding)
    melding.nummer = next_number(
        reeks="RMZ", year=timezone.localtime(melding.ontvangen_op).year, digits=5
    )
    melding.save()
    wijziging = _record(melding, van=van, by=actor(by))
    _emit(melding, Event.MELDING_GEREGISTREERD, wijziging, by)
    if melding.heeft_contactgegevens:
        _emit(melding, Event.MELDING_ONTVANGEN, wijziging, by, melder_email=melding.melder_email)
    return melding


@transaction.atomic
def complete_registration(
    *,
    melding: Melding,
    by,
    zorgaanbieder: Zorgaanbieder,
    domein: str,
    vestiging_gemeente: Gemeente | None,
    omschrijving: str | None = None,
    aard: str = "",
) -> Melding:
    """Fill in what an inbound e-mail did not say, then register."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    melding.zorgaanbieder = zorgaanbieder
    melding.domein = domein
    melding.aard = aard or melding.aard
    melding.vestiging_gemeente = vestiging_gemeente
    if omschrijving:
        melding.omschrijving = omschrijving
    melding.full_clean(exclude=["status", "nummer", "idempotency_key"])
    melding.save()
    return register(melding=melding, by=by)


@dataclass
class WegingInvoer:
    aard: str
    domein: str
    ernst: str
    aannemelijkheid: str
    motivering: str
    route: str
    doorgeleid_aan: str = ""
    reden: str = ""
    dossier_nummer: str = ""
    verzendwijze: str = ""
    contracten: list[Contract] | None = None
    verstrekkende_gemeente: Gemeente | None = None
    doorgeleid_aan_gemeente: Gemeente | None = None
    lokale_wmo_taak: bool = False

    def as_weging(self, melding: Melding, **extra) -> Weging:
        """The (unsaved) weighing record of this input."""
        return Weging(
            melding=melding,
            aard=self.aard,
            domein=self.domein,
            ernst=self.ernst,
            aannemelijkheid=self.aannemelijkheid,
            motivering=self.motivering,
            route=self.route,
            doorgeleid_aan=self.doorgeleid_aan,
            doorgeleid_aan_gemeente=(
                self.doorgeleid_aan_gemeente if self.doorgeleid_aan == Instantie.GEMEENTE else None
            ),
            lokale_wmo_taak=self.lokale_wmo_taak,
            reden=self.reden,
            dossier_nummer=self.dossier_nummer,
            verzendwijze=self.verzendwijze,
            **extra,
        )


def validate_weighing(*, melding: Melding, invoer: WegingInvoer) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        errors.setdefault(name, []).append(str(message))

    weging = invoer.as_weging(melding)
    try:
        weging.full_clean(exclude=["melding", "gewogen_door"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                add(name, message)
    if invoer.route == Route.DOORGELEID:
        if not invoer.doorgeleid_aan:
            add("doorgeleid_aan", _("Kies aan wie de melding wordt doorgeleid."))
        if invoer.doorgeleid_aan == Instantie.GEMEENTE and invoer.doorgeleid_aan_gemeente is None:
            add("doorgeleid_aan_gemeente", _("Kies aan welke gemeente."))
        if not invoer.reden.strip():
            add("reden", _("Geef de reden van het doorgeleiden."))
    if invoer.route == Route.GEEN_VERVOLG and not invoer.reden.strip():
        add("reden", _("Geef de reden waarom er geen vervolg komt."))
    if invoer.ernst == Ernst.ACUUT and invoer.route == Route.GEEN_VERVOLG:
        add("route", _("Een acute melding kan niet zonder vervolg blijven."))
    if invoer.route == Route.NAAR_HANDHAVING and invoer.domein in Domein.values:
        contracten = invoer.contracten
        if contracten is None:
            contracten = list(melding.contracten.all())
        locations = [melding.vestiging_gemeente] if melding.vestiging_gemeente else []
        bevoegdheid = competence(melding, invoer)
        if bevoegdheid.ours is False:
            add(
                "route",
                _("Dit is geen zaak voor handhaving door het ROB. %(reden)s")
                % {"reden": bevoegdheid.reden},
            )
        try:
            # DESIGN 3: a dossier opens only once the involved municipalities are known.
            involved_codes(
                domein=invoer.domein,
                contracts=contracten,
                locations=locations,
                contracting_gemeente=invoer.verstrekkende_gemeente,
            )
        except InvolvementError as exc:
            add("contracten", str(exc))
    return errors


def competence(melding: Melding, invoer: WegingInvoer | None = None) -> Competence:
    """Whether the report is the ROB's to enforce (``regio.competence``), from the
    weighing's input or, before it, from what the report holds (its contracts, else the
    provider's running contracts in its domain)."""
    contracten = invoer.contracten if invoer is not None else None
    if contracten is None:
        contracten = list(melding.contracten.all())
    if invoer is None and not contracten and melding.zorgaanbieder_id:
        today = timezone.localdate()
        contracten = list(
            melding.zorgaanbieder.contracten.filter(domein=melding.domein)
            .exclude(einddatum__lt=today)
            .select_related("samenwerkingsverband__uitvoerder")
        )
    return case_competence(
        domein=invoer.domein if invoer is not None else melding.domein,
        contracts=contracten,
        contracting_gemeente=(invoer.verstrekkende_gemeente if invoer is not None else None)
        or melding.verstrekkende_gemeente,
        location=melding.vestiging_gemeente,
        lokale_wmo_taak=invoer.lokale_wmo_taak if invoer is not None else False,
    )


@transaction.atomic
def weigh(*, melding: Melding, by, invoer: WegingInvoer) -> Melding:
    """Record the weighing and move the report to ``gewogen``."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.status != Status.GEREGISTREERD:
        raise ValidationError(
            _("Alleen een geregistreerde melding kan worden gewogen (status nu: %(s)s).")
            % {"s": melding.get_status_display()}
        )
    errors = validate_weighing(melding=melding, invoer=invoer)
    if errors:
        raise as_validation_error(errors)
    invoer.as_weging(melding, gewogen_door=actor(by)).save()
    melding.aard = invoer.aard
    melding.domein = invoer.domein
    if invoer.contracten is not None:
        melding.contracten.set(invoer.contracten)
    if invoer.verstrekkende_gemeente is not None:
        melding.verstrekkende_gemeente = invoer.verstrekkende_gemeente
    check_transition(melding, melding.weeg, by)
    melding.weeg()
    melding.save()
    wijziging = _record(melding, van=Status.GEREGISTREERD, by=actor(by), reden=invoer.motivering)
    _emit(melding, Event.MELDING_GEWOGEN, wijziging, by, ernst=invoer.ernst)
    if melding.acuut:
        _emit(melding, Event.MELDING_ACUUT, wijziging, by)
    return melding


@transaction.atomic
def route(*, melding: Melding, by=None, verzendwijze: str = "") -> Melding:
    """Carry out the routing decision of the weighing: forward, no follow-up, enforcement."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    weging = melding.weging
    if weging.route == Route.DOORGELEID:
        return _forward(melding, weging, by, verzendwijze or weging.verzendwijze)
    if weging.route == Route.GEEN_VERVOLG:
        check_transition(melding, melding.zonder_vervolg, by)
        melding.zonder_vervolg()
        melding.save()
        wijziging = _record(melding, van=Status.GEWOGEN, by=actor(by), reden=weging.reden)
        _emit(melding, Event.MELDING_GEEN_VERVOLG, wijziging, by)
        return melding
    check_transition(melding, melding.naar_handhaving, by)
    melding.naar_handhaving()
    melding.save()
    wijziging = _record(melding, van=Status.GEWOGEN, by=actor(by), reden=weging.motivering)
    gemeenten = involved_codes(
        domein=melding.domein,
        contracts=list(melding.contracten.all()),
        locations=[melding.vestiging_gemeente] if melding.vestiging_gemeente else [],
        contracting_gemeente=melding.verstrekkende_gemeente,
    )
    # Municipalities are told when the dossier opens, not before (no `gemeenten` here).
    _emit(
        melding,
        Event.MELDING_NAAR_HANDHAVING,
        wijziging,
        by,
        betrokken_gemeenten=gemeenten,
        dossier_nummer=weging.dossier_nummer,
        acuut=melding.acuut,
    )
    return melding


def _forward(melding: Melding, weging: Weging, by, wijze: str) -> Melding:
    check_transition(melding, melding.geleid_door, by)
    melding.geleid_door()
    melding.save()
    doorgeleiding = Doorgeleiding.objects.create(
        melding=melding,
        aan=weging.doorgeleid_aan,
        gemeente=weging.doorgeleid_aan_gemeente,
        wijze=wijze[:100],
        navragen_op=timezone.localdate()
        + datetime.timedelta(days=settings.MELDPUNT_NAVRAGEN_DAGEN),
    )
    wijziging = _record(melding, van=Status.GEWOGEN, by=actor(by), reden=weging.reden)
    _emit(melding, Event.MELDING_DOORGELEID, wijziging, by, aan=doorgeleiding.ontvanger)
    _send_to_recipient(doorgeleiding, by=by)
    return melding


def _send_to_recipient(doorgeleiding: Doorgeleiding, *, by) -> None:
    """Name the forwarding's recipient and mail it the link to the report's page
    (``meldpunt.doorgeleiding``). Without an active recipient the forwarding stands as
    recorded, and the mail's event says whom it could not reach: a local municipality
    shows among beheer's missing contacts."""
    melding = doorgeleiding.melding
    ontvanger = forwarding.find_recipient(soort=doorgeleiding.aan, gemeente=doorgeleiding.gemeente)
    data = {
        "aard": melding.get_aard_display(),
        "domein": melding.get_domein_display(),
        "_persoonlijk": _personal_values(melding),
    }
    if ontvanger is not None:
        token, token_hash = forwarding.new_token()
        doorgeleiding.ontvanger_adres = ontvanger
        doorgeleiding.token_hash = token_hash
        doorgeleiding.link_geldig_tot = forwarding.link_valid_until(doorgeleiding.verzonden_op)
        doorgeleiding.save(update_fields=["ontvanger_adres", "token_hash", "link_geldig_tot"])
        data.update(
            pad=forwarding.link_path(token),
            ontvanger_email=ontvanger.email,
            geldig_tot=timezone.localtime(doorgeleiding.link_geldig_tot).date().isoformat(),
        )
    emit(
        DoorgeleidingEvent.LINK,
        event_id=f"melding:{melding.pk}:doorgeleiding:{doorgeleiding.pk}",
        instance=melding,
        nummer=melding.nummer or "",
        status=melding.status,
        domein=melding.domein,
        gemeenten=[doorgeleiding.gemeente.code] if doorgeleiding.gemeente_id else [],
        by=by,
        data=data,
    )


@transaction.atomic
def record_forwarding_outcome(
    *, melding: Melding, by, wijze: str = "", uitkomst: str, toelichting: str = ""
) -> Doorgeleiding:
    """The Meldpunt records what the recipient did with the report (asked after it)."""
    doorgeleiding = Doorgeleiding.objects.select_for_update().get(melding=melding)
    return set_forwarding_outcome(
        doorgeleiding=doorgeleiding,
        by=by,
        wijze=wijze,
        uitkomst=uitkomst,
        toelichting=toelichting,
    )


def set_forwarding_outcome(
    *,
    doorgeleiding: Doorgeleiding,
    by,
    uitkomst: str,
    toelichting: str = "",
    wijze: str = "",
    door_ontvanger: bool = False,
) -> Doorgeleiding:
    """The one door to a forwarding's outcome, whoever records it: the Meldpunt
    (``record_forwarding_outcome``) or the recipient through its link
    (``record_recipient_outcome``). Call it in a transaction, the forwarding locked."""
    if uitkomst not in Doorgeleiding.Uitkomst.values:
        raise ValidationError({"uitkomst": _("Kies een uitkomst.")})
    changed = ["uitkomst", "uitkomst_toelichting", "uitkomst_op"]
    if wijze:
        doorgeleiding.wijze = wijze[:100]
        changed.append("wijze")
    doorgeleiding.uitkomst = uitkomst
    doorgeleiding.uitkomst_toelichting = toelichting
    doorgeleiding.uitkomst_op = timezone.now()
    if door_ontvanger and doorgeleiding.ontvangen_op is None:
        doorgeleiding.ontvangen_op = doorgeleiding.uitkomst_op
        changed.append("ontvangen_op")
    doorgeleiding.save()
    melding = doorgeleiding.melding
    label = doorgeleiding.get_uitkomst_display()
    _record(
        melding,
        van=melding.status,
        by=actor(by),
        reden=(
            _("Uitkomst gemeld door %(ontvanger)s: %(uitkomst)s")
            % {"ontvanger": doorgeleiding.ontvanger_adres, "uitkomst": label}
            if door_ontvanger
            else _("Uitkomst doorgeleiding vastgelegd: %(uitkomst)s") % {"uitkomst": label}
        ),
    )
    _audit_forwarding(doorgeleiding, by=by, velden=changed, door_ontvanger=door_ontvanger)
    # The follow-up waits for this answer (workflows: MeldingFlow).
    signal_work(WorkEvent.DOORGELEIDING_UITKOMST, doorgeleiding)
    return doorgeleiding


def _audit_forwarding(doorgeleiding: Doorgeleiding, *, by, velden, door_ontvanger: bool) -> None:
    audit.record(
        audit.Actie.WIJZIGEN,
        user=by,
        object_type="meldpunt.doorgeleiding",
        object_id=str(doorgeleiding.pk),
        nummer=doorgeleiding.melding.nummer or "",
        velden=velden,
        toelichting="ontvanger via de link" if door_ontvanger else "",
    )


@transaction.atomic
def confirm_forwarding_receipt(*, token: str) -> Doorgeleiding:
    """The recipient confirms through its link that the report arrived (once; the first
    confirmation stands). ``Doorgeleiding.DoesNotExist`` for an unknown link,
    ``meldpunt.doorgeleiding.LinkVerlopen`` for one that opens nothing any more."""
    doorgeleiding = forwarding.by_token(token, for_update=True)
    if doorgeleiding.ontvangen_op is not None:
        return doorgeleiding
    doorgeleiding.ontvangen_op = timezone.now()
    doorgeleiding.save(update_fields=["ontvangen_op"])
    melding = doorgeleiding.melding
    _record(
        melding,
        van=melding.status,
        by=None,
        reden=_("Ontvangst bevestigd door %(ontvanger)s")
        % {"ontvanger": doorgeleiding.ontvanger_adres},
    )
    _audit_forwarding(doorgeleiding, by=None, velden=["ontvangen_op"], door_ontvanger=True)
    return doorgeleiding


@transaction.atomic
def record_recipient_outcome(*, token: str, uitkomst: str, toelichting: str) -> Doorgeleiding:
    """The recipient says through its link what it does with the report: in progress,
    done, or not taken up, with a short explanation (which also confirms receipt). It may
    say it again while the link is open; the latest answer stands."""
    doorgeleiding = forwarding.by_token(token, for_update=True)
    if uitkomst not in dict(forwarding.RECIPIENT_OUTCOMES):
        raise ValidationError({"uitkomst": _("Kies wat u met de melding doet.")})
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Licht de uitkomst kort toe.")})
    return set_forwarding_outcome(
        doorgeleiding=doorgeleiding,
        by=None,
        uitkomst=uitkomst,
        toelichting=toelichting.strip(),
        door_ontvanger=True,
    )


@transaction.atomic
def _is_orphan(zorgaanbieder: Zorgaanbieder) -> bool:
    """A provider that only this one report named (typed in by a reporter): nothing else
    refers to it, so linking the report to the registered provider merges it away."""
    return not (
        zorgaanbieder.meldingen.exists()
        or zorgaanbieder.contracten.exists()
        or zorgaanbieder.vestigingen.exists()
        or zorgaanbieder.dossiers.exists()
    )


@transaction.atomic
def link_provider(*, melding: Melding, zorgaanbieder: Zorgaanbieder, by) -> Melding:
    """The Meldpunt links a report to the provider in the register (a reporter typed a
    name; the register knows the provider with its contracts). Contracts of another
    provider are dropped; a provider only this report named is removed."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.is_afgerond:
        raise ValidationError(_("De zorgaanbieder van een afgeronde melding ligt vast."))
    vorige = melding.zorgaanbieder
    if vorige == zorgaanbieder:
        return melding
    melding.zorgaanbieder = zorgaanbieder
    melding.save(update_fields=["zorgaanbieder"])
    melding.contracten.remove(*melding.contracten.exclude(zorgaanbieder=zorgaanbieder))
    _record(
        melding,
        van=melding.status,
        by=actor(by),
        reden=_("Zorgaanbieder gekoppeld aan %(naam)s uit het register.") % {"naam": zorgaanbieder},
    )
    if vorige is not None and _is_orphan(vorige):
        # Referred to from elsewhere after all: then it stays in the register.
        with contextlib.suppress(ProtectedError):
            vorige.delete()
    return melding


def ask_reporter(*, melding: Melding, by, vraag: str, dagen: int | None = None) -> ReactieVerzoek:
    """Ask the reporter a question: it waits on the report's page (receipt code), and a
    reporter with a known e-mail gets a mail that holds only a personal link."""
    if not melding.melder_bereikbaar:
        raise ValidationError(
            {"vraag": _("Van deze melder is geen e-mailadres en geen ontvangstcode bekend.")}
        )
    if not vraag.strip():
        raise ValidationError({"vraag": _("Stel een vraag.")})
    if melding.status in (Status.ONTVANGEN,) or melding.is_afgerond:
        raise ValidationError({"vraag": _("In deze status kan geen reactie worden gevraagd.")})
    dagen = dagen if dagen is not None else settings.MELDPUNT_REACTIE_DAGEN
    verzoek = ReactieVerzoek.objects.create(
        melding=melding,
        vraag=vraag,
        token=secrets.token_urlsafe(32),
        gevraagd_door=actor(by),
        uiterlijk_op=timezone.now() + datetime.timedelta(days=dagen),
    )
    if not melding.heeft_contactgegevens:
        return verzoek  # an anonymous reporter reads it with the receipt code
    _emit(
        melding,
        Event.REACTIE_GEVRAAGD,
        None,
        by,
        event_id=f"melding:{melding.pk}:reactie:{verzoek.pk}",
        melder_email=melding.melder_email,
        pad=f"/melding/reactie/{verzoek.token}/",
        uiterlijk_op=timezone.localtime(verzoek.uiterlijk_op).date().isoformat(),
        _persoonlijk=_personal_values(melding) + [vraag],
    )
    return verzoek


@transaction.atomic
def answer_reporter_question(
    *, token: str, antwoord: str, upload: Upload | None = None
) -> ReactieVerzoek:
    try:
        verzoek = ReactieVerzoek.objects.select_for_update().get(token=token)
    except ReactieVerzoek.DoesNotExist:
        raise ValidationError(_("Deze link is niet (meer) geldig.")) from None
    if not verzoek.is_open:
        raise ValidationError(_("Deze vraag is al beantwoord of de termijn is verstreken."))
    if not antwoord.strip():
        raise ValidationError({"antwoord": _("Vul uw antwoord in.")})
    verzoek.antwoord = antwoord
    verzoek.beantwoord_op = timezone.now()
    verzoek.full_clean()
    verzoek.save()
    if upload is not None:
        add_attachment(melding=verzoek.melding, upload=upload)
    melding = verzoek.melding
    _emit(
        melding,
        Event.REACTIE_ONTVANGEN,
        None,
        None,
        event_id=f"melding:{melding.pk}:reactie:{verzoek.pk}:antwoord",
        verzoek=verzoek.pk,
    )
    return verzoek
