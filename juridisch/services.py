"""Use cases of the legal follow-up of a decision (procesregie juridische trajecten):
each trajectory's steps with their statutory terms, from the intention to (higher)
appeal, and the private-law track of notice of default, termination and recovery
(DESIGN 2.2).

The ROB keeps the process direction (seed 000 art. 2.2.f); Nijmegen decides on objections
under mandate (seed 002 art. 3.4, Bijlage A), and who may decide an objection is the rule
in :mod:`juridisch.bezwaar`. Every term is a :class:`termijnen.models.Termijn`, counted and
kept by :mod:`termijnen.services`.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossieroverleg.models import Document, Dossier, Maatregel, NazorgVerzoek, Status
from dossieroverleg.services import announce, ask_aftercare, change_status, locked
from meldpunt.services import Upload
from meldpunt.validators import check_bijlage
from regio import dates, mandates
from regio.events import Event, WorkEvent, signal_work
from regio.models import Besluitsoort
from regio.records import store_document
from regio.services import end_contract
from regio.transitions import actor, check_transition
from termijnen import deadlines
from termijnen import services as term_services
from termijnen.models import Opschorting, Termijn
from termijnen.services import close_term, new_term

from .bezwaar import objection_refusal
from .models import JuridischTraject, TrajectStap

Fase = JuridischTraject.Fase
Stap = TrajectStap.Soort

# Which track a measure follows, and the phase it starts in.
BESTUURSRECHT = {
    Maatregel.AANWIJZING,
    Maatregel.LAST_ONDER_DWANGSOM,
    Maatregel.LAST_ONDER_BESTUURSDWANG,
}
INGEBREKESTELLING_EERST = {
    Maatregel.INGEBREKESTELLING,
    Maatregel.ONTBINDING,
    Maatregel.OPSCHORTING_BETALING,
}
TRAJECT_MAATREGELEN = BESTUURSRECHT | INGEBREKESTELLING_EERST | {Maatregel.TERUGVORDERING}


def _required(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationError({field: message})
    return value.strip()


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("De datum ligt in de toekomst.")})


def _require_perm(by, perm: str) -> None:
    if by is not None and not by.has_perm(f"juridisch.{perm}"):
        raise PermissionDenied(_("U mag deze stap niet zetten."))


# Terms -------------------------------------------------------------------------------


@transaction.atomic
def suspend_term(*, termijn: Termijn, by, van: datetime.date, reden: str) -> Opschorting:
    """Suspend a running term (e.g. Awb 4:15: the provider is asked to complete a file)
    from the day after ``van``."""
    _require_perm(by, "voeren_traject")
    return term_services.suspend(termijn=termijn, by=by, van=van, reden=reden)


@transaction.atomic
def resume_term(*, termijn: Termijn, by, tot: datetime.date, reden: str) -> Termijn:
    """Resume a suspended term on ``tot``; its end moves by the suspended days."""
    _require_perm(by, "voeren_traject")
    return term_services.resume(termijn=termijn, by=by, tot=tot, reden=reden)


# Legal trajectories ------------------------------------------------------------------


def _locked_trajectory(traject: JuridischTraject) -> JuridischTraject:
    return JuridischTraject.objects.select_for_update().select_related("dossier").get(pk=traject.pk)


def _step(
    traject: JuridischTraject,
    soort: str,
    *,
    datum: datetime.date,
    by,
    termijn: Termijn | None = None,
    uitkomst: str = "",
    toelichting: str = "",
    grant: mandates.Grant | None = None,
    **amounts,
) -> TrajectStap:
    """Record a step (with ``grant``: a decision under that mandate, signed by ``by``; with
    ``bedrag`` or ``ingang``: its amount or its effective date) and tell it."""
    stap = TrajectStap(
        traject=traject,
        soort=soort,
        datum=datum,
        termijn=termijn,
        uitkomst=uitkomst,
        toelichting=toelichting,
        vastgelegd_door=by,
        **amounts,
    )
    if grant is not None:
        stap.onder(grant, by)
    stap.save()
    data = {"stap": f"{traject.get_maatregel_display()}: {stap.get_soort_display()}"}
    if termijn is not None:
        data["termijn"] = f"{dates.datum(termijn.uiterlijk)}"
    announce(
        traject.dossier,
        Event.DOSSIER_JURIDISCHE_STAP,
        event_id=f"traject:{traject.pk}:stap:{stap.pk}",
        by=by,
        **data,
    )
    return stap


def _move(traject: JuridischTraject, method_name: str, by) -> None:
    method = getattr(traject, method_name)
    check_transition(traject, method, None)
    method()
    traject.save()


def _open_term_of(traject: JuridischTraject, *soorten: str) -> Termijn | None:
    return (
        Termijn.objects.filter(stap__traject=traject, soort__in=soorten)
        .exclude(status=Termijn.Status.AFGEROND)
        .order_by("-id")
        .first()
    )


def _term_of(traject: JuridischTraject, soort: str, label: str, start, *, by, **length) -> Termijn:
    """A term of a step of ``traject``, named after its measure, held by its owner."""
    return new_term(
        dossier=traject.dossier,
        soort=soort,
        omschrijving=label % {"m": traject.get_maatregel_display()},
        start=start,
        by=by,
        eigenaar=traject.eigenaar,
        **length,
    )


def _notified_after(datum: datetime.date, bekendmaking_op: datetime.date) -> None:
    _not_in_future(datum, "datum")
    if bekendmaking_op < datum:
        raise ValidationError({"bekendmaking_op": _("De bekendmaking ligt niet voor het besluit.")})


@transaction.atomic
def open_trajectory(
    *,
    dossier: Dossier,
    maatregel: str,
    by,
    eigenaar=None,
    voornemen_op: datetime.date | None = None,
    termijn_dagen: int | None = None,
    toelichting: str = "",
) -> JuridischTraject:
    """Start the legal follow-up of one measure of the decision.

    Administrative law starts with the intention and the view term (``voornemen_op``), or,
    without an intention, with the decision as notified (its objection term runs). Private
    law starts with the notice of default or the recovery letter, with ``termijn_dagen``
    to comply or pay.
    """
    _require_perm(by, "voeren_traject")
    dossier = locked(dossier)
    besluit = getattr(dossier, "besluit", None)
    if besluit is None or dossier.status not in (Status.BESLUIT, Status.JURIDISCHE_OPVOLGING):
        raise ValidationError(_("Een juridisch traject volgt op een besluit van het college."))
    if maatregel not in besluit.maatregelen or maatregel not in TRAJECT_MAATREGELEN:
        raise ValidationError(
            {"maatregel": _("Kies een maatregel uit het besluit die een traject heeft.")}
        )
    if dossier.trajecten.filter(maatregel=maatregel).exclude(fase=Fase.AFGEROND).exists():
        raise ValidationError({"maatregel": _("Voor deze maatregel loopt al een traject.")})
    eigenaar = eigenaar or actor(by)
    if maatregel in BESTUURSRECHT:
        spoor = JuridischTraject.Spoor.BESTUURSRECHT
        fase = Fase.VOORNEMEN if voornemen_op else Fase.BESLUIT
    else:
        spoor = JuridischTraject.Spoor.PRIVAATRECHT
        fase = (
            Fase.TERUGVORDERING if maatregel == Maatregel.TERUGVORDERING else Fase.INGEBREKESTELLING
        )
        if not termijn_dagen or termijn_dagen < 1:
            raise ValidationError({"termijn_dagen": _("Geef de termijn in dagen.")})
    if voornemen_op:
        _not_in_future(voornemen_op, "voornemen_op")
    traject = JuridischTraject.objects.create(
        dossier=dossier,
        besluit=besluit,
        maatregel=maatregel,
        spoor=spoor,
        eigenaar=eigenaar,
        fase=fase,
    )
    if dossier.status == Status.BESLUIT:
        change_status(dossier, "start_juridische_opvolging", by=None, event=None)

    today = timezone.localdate()
    terms = deadlines.termijnen()
    # The first step of each track: its term, from which day, how long.
    soort, naam, start, length, stap = {
        Fase.VOORNEMEN: (
            Termijn.Soort.ZIENSWIJZE,
            _("Zienswijze (%(m)s)"),
            voornemen_op,
            {"dagen": terms["zienswijze_dagen"]},
            Stap.VOORNEMEN,
        ),
        Fase.BESLUIT: (
            Termijn.Soort.BEZWAARTERMIJN,
            _("Bezwaartermijn (%(m)s)"),
            besluit.bekendmaking_op,
            {"weken": terms["bezwaartermijn_weken"]},
            Stap.BESLUIT,
        ),
        Fase.INGEBREKESTELLING: (
            Termijn.Soort.INGEBREKESTELLING,
            _("Ingebrekestelling (%(m)s)"),
            today,
            {"dagen": termijn_dagen},
            Stap.INGEBREKESTELLING,
        ),
        Fase.TERUGVORDERING: (
            Termijn.Soort.BETALING,
            _("Betaling (%(m)s)"),
            today,
            {"dagen": termijn_dagen},
            Stap.TERUGVORDERING,
        ),
    }[fase]
    termijn = _term_of(traject, soort, naam, start, by=by, **length)
    _step(traject, stap, datum=start, by=by, termijn=termijn, toelichting=toelichting)
    return traject


@transaction.atomic
def record_primary_decision(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    bekendmaking_op: datetime.date,
    toelichting: str = "",
) -> TrajectStap:
    """After the view: the decision itself, notified on ``bekendmaking_op``; the objection
    term (six weeks, Awb 6:7) runs from the day after. Taken under a valid mandate
    (``regio.mandates``), refused with the reason otherwise."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _notified_after(datum, bekendmaking_op)
    grant = mandates.grant_for_dossier(by, Besluitsoort.HANDHAVINGSBESLUIT, traject.dossier, datum)
    _move(traject, "neem_besluit", by)
    close_term(_open_term_of(traject, Termijn.Soort.ZIENSWIJZE), by=by, toelichting=_("Besluit"))
    termijn = _term_of(
        traject,
        Termijn.Soort.BEZWAARTERMIJN,
        _("Bezwaartermijn (%(m)s)"),
        bekendmaking_op,
        by=by,
        weken=deadlines.termijnen()["bezwaartermijn_weken"],
    )
    return _step(
        traject,
        Stap.BESLUIT,
        datum=bekendmaking_op,
        by=by,
        termijn=termijn,
        toelichting=toelichting,
        grant=grant,
    )


@transaction.atomic
def receive_objection(
    *,
    traject: JuridischTraject,
    by,
    ontvangen_op: datetime.date,
    met_adviescommissie: bool = False,
    toelichting: str = "",
) -> TrajectStap:
    """An objection came in: the decision on it is due six weeks (twelve with an advisory
    committee) after the objection term ended (Awb 7:10)."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _not_in_future(ontvangen_op, "ontvangen_op")
    objection_term = _open_term_of(traject, Termijn.Soort.BEZWAARTERMIJN)
    _move(traject, "ontvang_bezwaar", by)
    traject.met_adviescommissie = met_adviescommissie
    traject.save(update_fields=["met_adviescommissie"])
    if objection_term is None:  # pragma: no cover - the phase guarantees one
        raise ValidationError(_("Er loopt geen bezwaartermijn."))
    close_term(objection_term, by=by, toelichting=_("Bezwaar ontvangen"))
    terms = deadlines.termijnen()
    weeks = terms[
        "beslistermijn_bezwaar_met_commissie_weken"
        if met_adviescommissie
        else "beslistermijn_bezwaar_weken"
    ]
    termijn = _term_of(
        traject,
        Termijn.Soort.BESLISTERMIJN_BEZWAAR,
        _("Beslissen op bezwaar (%(m)s)"),
        objection_term.uiterlijk,
        by=by,
        weken=weeks,
    )
    stap = _step(
        traject, Stap.BEZWAAR, datum=ontvangen_op, by=by, termijn=termijn, toelichting=toelichting
    )
    signal_work(WorkEvent.BEZWAAR_ONTVANGEN, traject)
    return stap


@transaction.atomic
def extend_objection_decision(*, traject: JuridischTraject, by, reden: str) -> Termijn:
    """Adjourn the decision on the objection once, by six weeks, with a reason (Awb 7:10
    lid 3)."""
    _require_perm(by, "voeren_traject")
    reden = _required(reden, "reden", _("Geef de reden van de verdaging."))
    traject = _locked_trajectory(traject)
    termijn = _open_term_of(traject, Termijn.Soort.BESLISTERMIJN_BEZWAAR)
    if traject.fase != Fase.BEZWAAR or termijn is None:
        raise ValidationError(_("Er is geen bezwaar in behandeling."))
    termijn = term_services.locked(termijn)
    if termijn.verlenging_weken:
        raise ValidationError(_("De beslissing op bezwaar is al eenmaal verdaagd."))
    termijn = term_services.extend(
        termijn=termijn,
        by=by,
        weken=deadlines.termijnen()["verdaging_bezwaar_weken"],
        reden=reden,
    )
    announce(
        traject.dossier,
        Event.DOSSIER_JURIDISCHE_STAP,
        event_id=f"traject:{traject.pk}:verdaagd",
        by=by,
        stap=_("Beslissing op bezwaar verdaagd"),
        termijn=f"{dates.datum(termijn.uiterlijk)}",
    )
    return termijn


@transaction.atomic
def decide_objection(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    bekendmaking_op: datetime.date,
    uitkomst: str,
    toelichting: str = "",
) -> TrajectStap:
    """The decision on the objection, by someone who took no part in the primary decision
    and holds the mandate for it (Bijlage A art. 2 lid 4); the appeal term (six weeks)
    runs from its notification."""
    traject = _locked_trajectory(traject)
    if (reason := objection_refusal(by, traject)) is not None:
        raise PermissionDenied(reason)
    allowed = {
        TrajectStap.Uitkomst.GEGROND,
        TrajectStap.Uitkomst.DEELS_GEGROND,
        TrajectStap.Uitkomst.ONGEGROND,
        TrajectStap.Uitkomst.NIET_ONTVANKELIJK,
        TrajectStap.Uitkomst.INGETROKKEN,
        TrajectStap.Uitkomst.GESCHIKT,
    }
    if uitkomst not in allowed:
        raise ValidationError({"uitkomst": _("Kies de uitkomst van het bezwaar.")})
    _notified_after(datum, bekendmaking_op)
    grant = mandates.grant_for_dossier(
        by, Besluitsoort.BESLISSING_OP_BEZWAAR, traject.dossier, datum
    )
    _move(traject, "beslis_op_bezwaar", by)
    close_term(
        _open_term_of(traject, Termijn.Soort.BESLISTERMIJN_BEZWAAR),
        by=by,
        toelichting=_("Beslist op bezwaar"),
    )
    if uitkomst in (TrajectStap.Uitkomst.INGETROKKEN, TrajectStap.Uitkomst.GESCHIKT):
        stap = _step(
            traject,
            Stap.BESLISSING_OP_BEZWAAR,
            datum=bekendmaking_op,
            by=by,
            uitkomst=uitkomst,
            toelichting=toelichting,
            grant=grant,
        )
        _finish(traject, by=by, uitkomst=uitkomst)
        return stap
    termijn = _term_of(
        traject,
        Termijn.Soort.BEROEPSTERMIJN,
        _("Beroepstermijn (%(m)s)"),
        bekendmaking_op,
        by=by,
        weken=deadlines.termijnen()["bezwaartermijn_weken"],
    )
    return _step(
        traject,
        Stap.BESLISSING_OP_BEZWAAR,
        datum=bekendmaking_op,
        by=by,
        termijn=termijn,
        uitkomst=uitkomst,
        toelichting=toelichting,
        grant=grant,
    )


@transaction.atomic
def receive_appeal(
    *,
    traject: JuridischTraject,
    by,
    ontvangen_op: datetime.date,
    hoger: bool = False,
    termijn_rechter: datetime.date | None = None,
    toelichting: str = "",
) -> TrajectStap:
    """(Higher) appeal lodged; ``termijn_rechter`` is the date the court set (e.g. for the
    statement of defence), watched like any term."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _not_in_future(ontvangen_op, "ontvangen_op")
    _move(traject, "ontvang_hoger_beroep" if hoger else "ontvang_beroep", by)
    if not hoger:
        close_term(
            _open_term_of(traject, Termijn.Soort.BEROEPSTERMIJN), by=by, toelichting=_("Beroep")
        )
    termijn = None
    if termijn_rechter:
        termijn = _term_of(
            traject,
            Termijn.Soort.PROCESTERMIJN,
            _("Termijn rechter (%(m)s)"),
            termijn_rechter,
            by=by,
        )
    soort = Stap.HOGER_BEROEP if hoger else Stap.BEROEP
    return _step(
        traject, soort, datum=ontvangen_op, by=by, termijn=termijn, toelichting=toelichting
    )


@transaction.atomic
def request_interim_injunction(
    *,
    traject: JuridischTraject,
    by,
    ontvangen_op: datetime.date,
    zitting_op: datetime.date | None = None,
    toelichting: str = "",
) -> TrajectStap:
    """A request for an interim injunction (voorlopige voorziening), possible at any step."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    if not traject.is_open:
        raise ValidationError(_("Het traject is afgerond."))
    _not_in_future(ontvangen_op, "ontvangen_op")
    termijn = None
    if zitting_op:
        termijn = _term_of(
            traject,
            Termijn.Soort.PROCESTERMIJN,
            _("Zitting voorlopige voorziening (%(m)s)"),
            zitting_op,
            by=by,
        )
    return _step(
        traject,
        Stap.VOORLOPIGE_VOORZIENING,
        datum=ontvangen_op,
        by=by,
        termijn=termijn,
        toelichting=toelichting,
    )


@transaction.atomic
def record_outcome(*, stap: TrajectStap, by, uitkomst: str, toelichting: str = "") -> TrajectStap:
    """The outcome of a step (a ruling, an interim injunction, a notice complied with)."""
    _require_perm(by, "voeren_traject")
    if uitkomst not in TrajectStap.Uitkomst.values:
        raise ValidationError({"uitkomst": _("Kies een uitkomst.")})
    stap = TrajectStap.objects.select_for_update().get(pk=stap.pk)
    if stap.soort in (Stap.BEZWAAR, Stap.BESLISSING_OP_BEZWAAR):
        # Only the task "Beslissen op bezwaar" decides an objection (segregation of duties).
        raise ValidationError(_("Op een bezwaar beslist u via de taak ‘Beslissen op bezwaar’."))
    if stap.uitkomst:
        raise ValidationError(_("Deze stap heeft al een uitkomst."))
    stap.uitkomst = uitkomst
    if toelichting:
        stap.toelichting = "\n\n".join(t for t in (stap.toelichting, toelichting) if t)
    stap.save(update_fields=["uitkomst", "toelichting"])
    close_term(stap.termijn, by=by, toelichting=stap.get_uitkomst_display())
    return stap


@transaction.atomic
def terminate_contract(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    ingang: datetime.date | None = None,
    toelichting: str = "",
) -> TrajectStap:
    """The notice of default was not met: the contract is dissolved by a letter of
    ``datum`` (under power of attorney, ``regio.mandates``) with effect from ``ingang``
    (that day when not given); the contract is end-dated in the register on that day, and
    every municipality that contracted the care is asked to arrange alternative care (DVO
    BW/MO art. 5.2)."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _not_in_future(datum, "datum")
    ingang = ingang or datum
    if ingang < datum:
        raise ValidationError(
            {"ingang": _("De ontbinding kan niet ingaan voor de dag van de ontbindingsbrief.")}
        )
    grant = mandates.grant_for_dossier(by, Besluitsoort.ONTBINDING, traject.dossier, datum)
    _move(traject, "ontbind", by)
    close_term(
        _open_term_of(traject, Termijn.Soort.INGEBREKESTELLING),
        by=by,
        toelichting=_("Niet nagekomen; ontbonden"),
    )
    stap = _step(
        traject,
        Stap.ONTBINDING,
        datum=datum,
        by=by,
        toelichting=toelichting,
        grant=grant,
        ingang=ingang,
    )
    # The register says the contract ended (DVO BW/MO art. 5.2).
    for contract in traject.dossier.contracten.all():
        end_contract(
            contract=contract,
            datum=ingang,
            by=by,
            reden=_("Ontbonden in dossier %(n)s") % {"n": traject.dossier.nummer},
        )
    ask_aftercare(dossier=traject.dossier, by=by, reden=NazorgVerzoek.Reden.ONTBINDING, dagen=None)
    return stap


@transaction.atomic
def start_collection(
    *, traject: JuridischTraject, by, datum: datetime.date, toelichting: str = ""
) -> TrajectStap:
    """Not paid within the term: collection (invordering) starts."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _not_in_future(datum, "datum")
    _move(traject, "vorder_in", by)
    close_term(_open_term_of(traject, Termijn.Soort.BETALING), by=by, toelichting=_("Invordering"))
    return _step(traject, Stap.INVORDERING, datum=datum, by=by, toelichting=toelichting)


def _finish(traject: JuridischTraject, *, by, uitkomst: str) -> None:
    for termijn in Termijn.objects.filter(stap__traject=traject).exclude(
        status=Termijn.Status.AFGEROND
    ):
        close_term(termijn, by=by, toelichting=_("Traject afgerond"))
    _move(traject, "rond_af", by)
    traject.uitkomst = uitkomst
    traject.save(update_fields=["uitkomst"])


@transaction.atomic
def close_trajectory(
    *, traject: JuridischTraject, by, uitkomst: str, toelichting: str = ""
) -> JuridischTraject:
    """End the trajectory with its outcome; its open terms end with it."""
    _require_perm(by, "voeren_traject")
    if uitkomst not in TrajectStap.Uitkomst.values:
        raise ValidationError({"uitkomst": _("Kies een uitkomst.")})
    traject = _locked_trajectory(traject)
    if not traject.is_open:
        raise ValidationError(_("Het traject is al afgerond."))
    if traject.fase == Fase.BEZWAAR:
        raise ValidationError(
            _(
                "Er ligt een bezwaar: beslis erop (ook bij intrekking of schikking) via de "
                "taak ‘Beslissen op bezwaar’."
            )
        )
    uncollected = traject.stappen.filter(
        soort=Stap.VERBEURTE,
        termijn__status=Termijn.Status.LOPEND,
        termijn__uiterlijk__gte=timezone.localdate(),
    ).first()
    if uncollected is not None:
        raise ValidationError(
            _(
                "Er is een verbeurde dwangsom die nog niet is ingevorderd; de verjaring loopt "
                "tot en met %(d)s (Awb 5:35). Neem eerst een invorderingsbesluit."
            )
            % {"d": dates.datum(uncollected.termijn.uiterlijk)}
        )
    _step(
        traject,
        Stap.AFRONDING,
        datum=timezone.localdate(),
        by=by,
        uitkomst=uitkomst,
        toelichting=toelichting,
    )
    _finish(traject, by=by, uitkomst=uitkomst)
    return traject


@transaction.atomic
def add_step_documents(*, stap: TrajectStap, uploads: list[Upload], by) -> list[Document]:
    """Store the documents of a step: all of them, or (one refused) none."""
    _require_perm(by, "voeren_traject")
    checked = [
        (upload, check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size))
        for upload in uploads
    ]
    return [
        store_document(
            Document(dossier=stap.traject.dossier, stap=stap, toegevoegd_door=actor(by)),
            naam=upload.naam,
            inhoud=upload.inhoud,
            content_type=content_type,
        )
        for upload, content_type in checked
    ]
