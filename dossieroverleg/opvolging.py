"""Use cases after the college's decision: legal trajectories with their statutory terms,
aftercare, extra work, escalation and closing the dossier (DESIGN 2.2).

The ROB keeps the process direction (seed 000 art. 2.2.f); Nijmegen decides on objections
under mandate (seed 002 art. 3.4, Bijlage A). Every term is a :class:`Termijn` whose timer
lives in ``workflows.flows.TermijnFlow``; the flows hear of new and moved terms through
``regio.events.work_event``.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.services import Upload
from meldpunt.validators import check_bijlage, validate_no_bsn
from regio.events import Event, WorkEvent, signal_work
from regio.models import Gemeente, Samenwerkingsverband
from regio.records import store_document
from regio.roles import has_role
from regio.selectors import gemeente_of
from regio.transitions import actor, check_transition
from termijnen import deadlines
from termijnen import services as term_services
from termijnen.models import Opschorting, Termijn
from termijnen.services import close_term, new_term

from .models import (
    Document,
    Dossier,
    Escalatie,
    JuridischTraject,
    Maatregel,
    MeerwerkStandpunt,
    MeerwerkVerzoek,
    NazorgVerzoek,
    Resultaattype,
    Status,
    TrajectStap,
    Verbeterplan,
)
from .services import _emit, _locked, _transition

Fase = JuridischTraject.Fase
# Where a municipality answers what is asked of it (aftercare, extra work).
PORTAAL = "/portaal/"
Stap = TrajectStap.Soort

# Which track a measure follows, and the phase it starts in.
BESTUURSRECHT = {Maatregel.AANWIJZING, Maatregel.LAST_ONDER_DWANGSOM}
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
    if by is not None and not by.has_perm(f"dossieroverleg.{perm}"):
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
) -> TrajectStap:
    stap = TrajectStap.objects.create(
        traject=traject,
        soort=soort,
        datum=datum,
        termijn=termijn,
        uitkomst=uitkomst,
        toelichting=toelichting,
        vastgelegd_door=by,
    )
    data = {"stap": f"{traject.get_maatregel_display()}: {stap.get_soort_display()}"}
    if termijn is not None:
        data["termijn"] = f"{termijn.uiterlijk:%d-%m-%Y}"
    _emit(
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
    dossier = _locked(dossier)
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
        _transition(dossier, "start_juridische_opvolging", by=None, event=None)

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
    term (six weeks, Awb 6:7) runs from the day after."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _notified_after(datum, bekendmaking_op)
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
    _emit(
        traject.dossier,
        Event.DOSSIER_JURIDISCHE_STAP,
        event_id=f"traject:{traject.pk}:verdaagd",
        by=by,
        stap=_("Beslissing op bezwaar verdaagd"),
        termijn=f"{termijn.uiterlijk:%d-%m-%Y}",
    )
    return termijn


def _took_part(user) -> Q:
    """On a trajectory: ``user`` (a user, or a reference to one in a subquery) took part in
    its primary decision: wrote or reviewed the dossier's advice, recorded the college's
    decision, or recorded the intention or the decision of this trajectory (seed 002,
    Bijlage A art. 2 lid 4)."""
    return (
        Q(dossier__adviezen__opgesteld_door=user)
        | Q(dossier__adviezen__beoordeeld_door=user)
        | Q(besluit__vastgelegd_door=user)
        | Q(stappen__soort__in=[Stap.VOORNEMEN, Stap.BESLUIT], stappen__vastgelegd_door=user)
    )


def primary_decision_takers(traject: JuridischTraject) -> set[int]:
    """Users who took part in the primary decision of ``traject``."""
    took_part = JuridischTraject.objects.filter(_took_part(OuterRef("pk")), pk=traject.pk)
    return set(get_user_model().objects.filter(Exists(took_part)).values_list("pk", flat=True))


def objections_barred_for(user) -> QuerySet[JuridischTraject]:
    """The trajectories whose objection ``user`` may not decide: every one without the
    permission, otherwise those in whose primary decision the user took part. Work lists
    leave their objection tasks out with this, the task itself refuses them with
    :func:`objection_refusal`: the same rule."""
    if user is None or not user.has_perm("dossieroverleg.beslissen_op_bezwaar"):
        return JuridischTraject.objects.all()
    return JuridischTraject.objects.filter(_took_part(user))


def objection_refusal(user, traject: JuridischTraject) -> str | None:
    """Why ``user`` may not decide the objection in ``traject``; None when they may."""
    if user is None or not user.has_perm("dossieroverleg.beslissen_op_bezwaar"):
        return _("U mag niet beslissen op bezwaar.")
    if JuridischTraject.objects.filter(_took_part(user), pk=traject.pk).exists():
        return _(
            "U was betrokken bij het primaire besluit; over het bezwaar beslist een collega "
            "die daar niet bij betrokken was (Bijlage A art. 2 lid 4 DVO)."
        )
    return None


def may_decide_objection(user, traject: JuridischTraject) -> bool:
    return objection_refusal(user, traject) is None


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
    """The decision on the objection, by someone who took no part in the primary decision;
    the appeal term (six weeks) runs from its notification."""
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
    *, traject: JuridischTraject, by, datum: datetime.date, toelichting: str = ""
) -> TrajectStap:
    """The notice of default was not met: the contract is terminated, and every
    municipality that contracted the care is asked to arrange alternative care."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _not_in_future(datum, "datum")
    _move(traject, "ontbind", by)
    close_term(
        _open_term_of(traject, Termijn.Soort.INGEBREKESTELLING),
        by=by,
        toelichting=_("Niet nagekomen; ontbonden"),
    )
    stap = _step(traject, Stap.ONTBINDING, datum=datum, by=by, toelichting=toelichting)
    _ask_aftercare(dossier=traject.dossier, by=by, reden=NazorgVerzoek.Reden.ONTBINDING, dagen=None)
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


# Aftercare ---------------------------------------------------------------------------


def aftercare_municipalities(dossier: Dossier) -> list[Gemeente]:
    """The municipality that granted the pgb or contracted the care: the one recorded on
    the dossier, else the parties to its contracts that are involved."""
    if dossier.verstrekkende_gemeente_id:
        return [dossier.verstrekkende_gemeente]
    involved = set(dossier.betrokken_gemeenten.values_list("code", flat=True))
    codes = {
        code
        for contract in dossier.contracten.all()
        for code in contract.gemeenten.values_list("code", flat=True)
        if code in involved
    }
    return list(Gemeente.objects.filter(code__in=codes).order_by("naam"))


@transaction.atomic
def request_aftercare(
    *, dossier: Dossier, by, reden: str, dagen: int | None = None
) -> list[NazorgVerzoek]:
    """Ask each municipality that contracted the care (or granted the pgb) to arrange
    alternative care for the clients, by a due date (DVO BW/MO art. 5.2)."""
    _require_perm(by, "behandelen_dossier")
    return _ask_aftercare(dossier=dossier, by=by, reden=reden, dagen=dagen)


def _ask_aftercare(*, dossier: Dossier, by, reden: str, dagen: int | None) -> list[NazorgVerzoek]:
    dossier = _locked(dossier)
    if reden not in NazorgVerzoek.Reden.values:
        raise ValidationError({"reden": _("Kies de reden.")})
    if dossier.status not in (Status.BESLUIT, Status.JURIDISCHE_OPVOLGING, Status.NAZORG):
        raise ValidationError(_("Nazorg volgt op een besluit van het college."))
    gemeenten = aftercare_municipalities(dossier)
    if not gemeenten:
        raise ValidationError(
            _(
                "Onbekend welke gemeente de zorg contracteerde of het pgb verstrekte; leg dat "
                "eerst vast bij de reikwijdte van het dossier."
            )
        )
    dagen = dagen or settings.NAZORG_TERMIJN_DAGEN
    if dossier.status != Status.NAZORG:
        _transition(dossier, "start_nazorg", by=None, event=None)
    verzoeken = []
    for gemeente in gemeenten:
        if NazorgVerzoek.objects.filter(dossier=dossier, gemeente=gemeente, reden=reden).exists():
            continue
        termijn = new_term(
            dossier=dossier,
            soort=Termijn.Soort.NAZORG,
            omschrijving=_("Alternatieve zorg regelen (%(g)s)") % {"g": gemeente.naam},
            start=timezone.localdate(),
            dagen=dagen,
            by=by,
            gemeente=gemeente,
        )
        verzoek = NazorgVerzoek.objects.create(
            dossier=dossier, gemeente=gemeente, reden=reden, termijn=termijn, gevraagd_door=by
        )
        _emit(
            dossier,
            Event.DOSSIER_NAZORG_GEVRAAGD,
            event_id=f"nazorg:{verzoek.pk}",
            by=by,
            gemeenten=[gemeente.code],
            termijn=f"{termijn.uiterlijk:%d-%m-%Y}",
            pad=PORTAAL,  # the municipality answers in its portal
        )
        verzoeken.append(verzoek)
    return verzoeken


def _acts_for(by, gemeente: Gemeente) -> bool:
    """A `gemeente` user of ``gemeente`` answers in the portal; enforcement staff may
    record the answer on its behalf (it is recorded who did)."""
    if by.has_perm("dossieroverleg.behandelen_dossier"):
        return True
    own = gemeente_of(by)
    return own is not None and own.pk == gemeente.pk and has_role(by, "gemeente")


def _without_bsn(toelichting: str) -> str:
    """A municipality's answer is read by the region's staff, who need no client's BSN
    in it (AVG art. 5 lid 1c, minimal data): refused at its field."""
    try:
        validate_no_bsn(toelichting)
    except ValidationError as error:
        raise ValidationError({"toelichting": error.error_list}) from None
    return toelichting


@transaction.atomic
def confirm_aftercare(
    *, verzoek: NazorgVerzoek, by, aantal_clienten: int | None = None, toelichting: str = ""
) -> NazorgVerzoek:
    """The municipality confirms that alternative care is arranged."""
    verzoek = NazorgVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if not _acts_for(by, verzoek.gemeente):
        raise PermissionDenied(_("Dit verzoek is aan een andere gemeente gericht."))
    if verzoek.geregeld_op:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    verzoek.geregeld_op = timezone.now()
    verzoek.beantwoord_door = by
    verzoek.aantal_clienten = aantal_clienten
    verzoek.toelichting = _without_bsn(toelichting)
    verzoek.save()
    close_term(verzoek.termijn, by=by, toelichting=_("Alternatieve zorg geregeld"))
    signal_work(WorkEvent.NAZORG_GEREGELD, verzoek)
    return verzoek


@transaction.atomic
def start_aftercare(*, dossier: Dossier, by) -> Dossier:
    """Move a decided dossier to aftercare (monitoring) without a request to a
    municipality, e.g. after a warning."""
    _require_perm(by, "behandelen_dossier")
    dossier = _locked(dossier)
    _transition(dossier, "start_nazorg", by=by, event=None)
    return dossier


@transaction.atomic
def record_improvement_plan(
    *,
    dossier: Dossier,
    by,
    ontvangen_op: datetime.date,
    omschrijving: str,
    herinspectie_op: datetime.date,
) -> Verbeterplan:
    _require_perm(by, "behandelen_dossier")
    omschrijving = _required(omschrijving, "omschrijving", _("Beschrijf het verbeterplan."))
    _not_in_future(ontvangen_op, "ontvangen_op")
    if herinspectie_op <= ontvangen_op:
        raise ValidationError(
            {"herinspectie_op": _("De herinspectie ligt na de ontvangst van het plan.")}
        )
    termijn = new_term(
        dossier=dossier,
        soort=Termijn.Soort.HERINSPECTIE,
        omschrijving=_("Herinspectie verbeterplan"),
        start=herinspectie_op,
        by=by,
    )
    return Verbeterplan.objects.create(
        dossier=dossier,
        ontvangen_op=ontvangen_op,
        omschrijving=omschrijving,
        herinspectie=termijn,
        vastgelegd_door=by,
    )


@transaction.atomic
def record_reinspection(
    *, plan: Verbeterplan, by, datum: datetime.date, voldaan: bool, toelichting: str = ""
) -> Verbeterplan:
    _require_perm(by, "behandelen_dossier")
    plan = Verbeterplan.objects.select_for_update().get(pk=plan.pk)
    if plan.uitkomst:
        raise ValidationError(_("De herinspectie is al vastgelegd."))
    _not_in_future(datum, "datum")
    plan.uitkomst = Verbeterplan.Uitkomst.VOLDAAN if voldaan else Verbeterplan.Uitkomst.NIET_VOLDAAN
    plan.geinspecteerd_op, plan.toelichting = datum, toelichting
    plan.save()
    close_term(plan.herinspectie, by=by, toelichting=plan.get_uitkomst_display())
    return plan


@transaction.atomic
def close_dossier(*, dossier: Dossier, by, resultaat: str, reden: str = "") -> Dossier:
    """Close a decided dossier with a result type (which later sets its archive term)."""
    _require_perm(by, "behandelen_dossier")
    dossier = _locked(dossier)
    if not Resultaattype.objects.filter(code=resultaat, actief=True).exists():
        raise ValidationError({"resultaat": _("Kies een resultaat.")})
    if not dossier.geen_lopend_traject():
        raise ValidationError(_("Er loopt nog een juridisch traject."))
    if not dossier.geen_open_termijn():
        raise ValidationError(_("Er staat nog een termijn open."))
    dossier.resultaat = resultaat
    _transition(dossier, "sluit", by=by, event=Event.DOSSIER_GESLOTEN, reden=reden)
    return dossier


# Extra work --------------------------------------------------------------------------


def arrangement_of(dossier: Dossier) -> list[Samenwerkingsverband]:
    """The arrangement(s) of the dossier's contracts; else those covering its domain that
    an involved municipality is a member of."""
    verbanden = list(
        Samenwerkingsverband.objects.filter(contracten__dossiers=dossier)
        .distinct()
        .prefetch_related("leden")
    )
    if not verbanden:
        involved = set(dossier.betrokken_gemeenten.values_list("pk", flat=True))
        verbanden = [
            v
            for v in Samenwerkingsverband.objects.prefetch_related("leden")
            if dossier.domein in v.domeinen and involved & {g.pk for g in v.leden.all()}
        ]
    return verbanden


@transaction.atomic
def request_extra_work(
    *,
    dossier: Dossier,
    by,
    omschrijving: str,
    uiterlijk: datetime.date,
    uren: Decimal = Decimal(0),
    bedrag: Decimal = Decimal(0),
) -> MeerwerkVerzoek:
    """Ask every member municipality of the arrangement for an administrative position on
    extra work (seed 000 art. 5), answered in their portal by ``uiterlijk``."""
    _require_perm(by, "behandelen_dossier")
    omschrijving = _required(omschrijving, "omschrijving", _("Beschrijf het gevraagde meerwerk."))
    if uiterlijk <= timezone.localdate():
        raise ValidationError({"uiterlijk": _("De termijn ligt in de toekomst.")})
    if uren < 0 or bedrag < 0:
        raise ValidationError({"uren": _("Uren en bedrag zijn niet negatief.")})
    dossier = _locked(dossier)
    if dossier.status == Status.AFGESLOTEN:
        raise ValidationError(_("Het dossier is gesloten."))
    if dossier.meerwerk.filter(uitkomst="").exists():
        raise ValidationError(_("Er loopt al een verzoek om meerwerk."))
    leden = sorted(
        {g for v in arrangement_of(dossier) for g in v.leden.all()}, key=lambda g: g.naam
    )
    if not leden:
        raise ValidationError(_("Geen samenwerkingsverband gevonden voor dit dossier."))
    termijn = new_term(
        dossier=dossier,
        soort=Termijn.Soort.MEERWERK,
        omschrijving=_("Bestuurlijk standpunt meerwerk"),
        start=uiterlijk,
        by=by,
        eigenaar=by,
    )
    verzoek = MeerwerkVerzoek.objects.create(
        dossier=dossier,
        omschrijving=omschrijving,
        uren=uren,
        bedrag=bedrag,
        termijn=termijn,
        gevraagd_door=by,
    )
    MeerwerkStandpunt.objects.bulk_create(
        [MeerwerkStandpunt(verzoek=verzoek, gemeente=g) for g in leden]
    )
    _emit(
        dossier,
        Event.MEERWERK_GEVRAAGD,
        event_id=f"meerwerk:{verzoek.pk}",
        by=by,
        gemeenten=[g.code for g in leden],
        termijn=f"{uiterlijk:%d-%m-%Y}",
        pad=PORTAAL,  # each municipality gives its position in its portal
    )
    signal_work(WorkEvent.MEERWERK_GEVRAAGD, verzoek)
    return verzoek


@transaction.atomic
def answer_extra_work(
    *, standpunt: MeerwerkStandpunt, by, akkoord: bool, toelichting: str = ""
) -> MeerwerkStandpunt:
    """A municipality's position, given in its portal before the deadline."""
    standpunt = MeerwerkStandpunt.objects.select_for_update().get(pk=standpunt.pk)
    if not _acts_for(by, standpunt.gemeente):
        raise PermissionDenied(_("Dit verzoek is aan een andere gemeente gericht."))
    if standpunt.standpunt:
        raise ValidationError(_("Uw gemeente heeft al een standpunt gegeven."))
    if standpunt.verzoek.uitkomst:
        raise ValidationError(_("Het verzoek is al afgerond."))
    if timezone.localdate() > standpunt.verzoek.termijn.uiterlijk:
        raise ValidationError(_("De termijn voor een standpunt is verstreken."))
    standpunt.standpunt = (
        MeerwerkStandpunt.Standpunt.AKKOORD if akkoord else MeerwerkStandpunt.Standpunt.AFGEWEZEN
    )
    standpunt.toelichting = _without_bsn(toelichting)
    standpunt.door, standpunt.op = by, timezone.now()
    standpunt.save()
    signal_work(WorkEvent.MEERWERK_BEANTWOORD, standpunt)
    return standpunt


def record_no_answer(*, standpunt: MeerwerkStandpunt) -> None:
    """The deadline passed without an answer (called by the flow's timer)."""
    MeerwerkStandpunt.objects.filter(pk=standpunt.pk, standpunt="").update(
        standpunt=MeerwerkStandpunt.Standpunt.GEEN_ANTWOORD, op=timezone.now()
    )


@transaction.atomic
def conclude_extra_work(*, verzoek: MeerwerkVerzoek) -> MeerwerkVerzoek:
    """Every municipality answered or the deadline passed: agreed when nobody refused and
    at least one agreed; refused when any refused; else no answer. Who did not answer
    stays on record per municipality."""
    verzoek = MeerwerkVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.uitkomst:
        return verzoek
    for standpunt in verzoek.standpunten.filter(standpunt=""):
        record_no_answer(standpunt=standpunt)
    given = set(verzoek.standpunten.values_list("standpunt", flat=True))
    S = MeerwerkStandpunt.Standpunt
    if S.AFGEWEZEN in given:
        verzoek.uitkomst = MeerwerkVerzoek.Uitkomst.AFGEWEZEN
    elif S.AKKOORD in given:
        verzoek.uitkomst = MeerwerkVerzoek.Uitkomst.AKKOORD
    else:
        verzoek.uitkomst = MeerwerkVerzoek.Uitkomst.GEEN_ANTWOORD
    verzoek.afgerond_op = timezone.now()
    verzoek.save(update_fields=["uitkomst", "afgerond_op"])
    close_term(verzoek.termijn, by=None, toelichting=verzoek.get_uitkomst_display())
    return verzoek


# Escalation --------------------------------------------------------------------------


@transaction.atomic
def escalate(
    *, dossier: Dossier, by, woongemeente: Gemeente, vraag: str, datum: datetime.date
) -> Escalatie:
    """Put a youth case to the Nijmegen alderman together with the alderman of the youth's
    home municipality (seed 003)."""
    _require_perm(by, "behandelen_dossier")
    if dossier.domein != "jeugd":
        raise ValidationError(_("Alleen jeugdzaken gaan naar het bestuurlijk escalatiepunt."))
    vraag = _required(vraag, "vraag", _("Formuleer de vraag aan de wethouders."))
    _not_in_future(datum, "datum")
    return Escalatie.objects.create(
        dossier=dossier, woongemeente=woongemeente, vraag=vraag, gevraagd_op=datum, gevraagd_door=by
    )


@transaction.atomic
def record_escalation_answer(
    *, escalatie: Escalatie, by, antwoord: str, datum: datetime.date
) -> Escalatie:
    _require_perm(by, "behandelen_dossier")
    antwoord = _required(antwoord, "antwoord", _("Geef het antwoord van de wethouders."))
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie.pk)
    if escalatie.beantwoord_op:
        raise ValidationError(_("Het antwoord is al vastgelegd."))
    if datum < escalatie.gevraagd_op:
        raise ValidationError({"datum": _("Het antwoord ligt voor de vraag.")})
    _not_in_future(datum, "datum")
    escalatie.antwoord, escalatie.beantwoord_op = antwoord, datum
    escalatie.antwoord_vastgelegd_door = by
    escalatie.save()
    return escalatie


# Confidentiality ---------------------------------------------------------------------


@transaction.atomic
def set_confidentiality(
    *, dossier: Dossier, by, niveau: str, medebehandelaars=(), reden: str
) -> Dossier:
    """Set the confidentiality level (ZGW vertrouwelijkheidaanduiding) and who, besides the
    officer and the team leads, may see a secret dossier. Team leads decide."""
    from regio import audit

    from .models import Vertrouwelijkheid

    _require_perm(by, "goedkeuren_advies")
    if niveau not in Vertrouwelijkheid.values:
        raise ValidationError({"niveau": _("Kies een vertrouwelijkheidsniveau.")})
    reden = _required(reden, "reden", _("Geef de reden."))
    dossier = _locked(dossier)
    dossier.vertrouwelijkheid = niveau
    dossier.save(update_fields=["vertrouwelijkheid"])
    dossier.medebehandelaars.set(medebehandelaars)
    audit.record(
        audit.Actie.WIJZIGEN,
        dossier,
        user=by,
        velden=["vertrouwelijkheid", "medebehandelaars"],
        toelichting=niveau,  # the reason may name people: it stays out of the log
    )
    return dossier
