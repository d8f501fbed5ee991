"""Starting, suspending, resuming, extending and closing a term.

Each change is written to the term's history (who, when, the due date before and after,
why) and moves the moment the watch (:mod:`termijnen.bewaking`) next looks at the term.
Who may make a change is the caller's rule (a legal step, an aftercare request): these
functions only keep the term right.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from regio import dates
from regio.models import Gemeente
from regio.transitions import actor, check_transition

from . import bewaking, deadlines
from .models import Opschorting, Termijn, TermijnWijziging


def _required(value: str, field: str, message: str) -> str:
    """``value`` without surrounding blanks; a ValidationError at ``field`` when empty."""
    if not (value or "").strip():
        raise ValidationError({field: message})
    return value.strip()


def record(termijn: Termijn, soort: str, *, by, oud=None, toelichting: str = "") -> None:
    """A line in the term's history: its due date was ``oud`` and is now its current one."""
    TermijnWijziging.objects.create(
        termijn=termijn,
        door=actor(by),
        soort=soort,
        uiterlijk_oud=oud,
        uiterlijk_nieuw=termijn.uiterlijk,
        toelichting=toelichting,
    )


def new_term(
    *,
    dossier,
    soort: str,
    omschrijving: str,
    start: datetime.date,
    by,
    dagen: int = 0,
    weken: int = 0,
    maanden: int = 0,
    eigenaar=None,
    gemeente: Gemeente | None = None,
    uiterlijk_om: datetime.datetime | None = None,
) -> Termijn:
    """A term of ``dossier`` counted from the day after ``start`` (Awb 6:8), or, without a
    length, the date ``start`` itself, or, with ``uiterlijk_om``, a term counted in hours
    that ends at that moment; watched by a timer from now on. Held by ``eigenaar``, else by
    the dossier's case officer, else by whoever starts it. Only a data breach's term has no
    dossier (``Termijn.dossier``)."""
    behandelaar = dossier.behandelaar if dossier is not None else None
    termijn = Termijn(
        dossier=dossier,
        soort=soort,
        omschrijving=omschrijving[:200],
        start=start,
        dagen=dagen,
        weken=weken,
        maanden=maanden,
        uiterlijk_om=uiterlijk_om,
        eigenaar=eigenaar if eigenaar is not None else (behandelaar or actor(by)),
        gemeente=gemeente,
    )
    termijn.bereken()
    bewaking.plan(termijn)
    termijn.save()
    toelichting = ""
    if termijn.verschoven_wegens:
        toelichting = _("Einde %(kal)s valt op %(reden)s; verschoven naar %(dag)s.") % {
            "kal": f"{dates.datum(termijn.uiterlijk_kalender)}",
            "reden": termijn.verschoven_wegens,
            "dag": f"{dates.datum(termijn.uiterlijk)}",
        }
    record(termijn, TermijnWijziging.Soort.GESTART, by=by, toelichting=toelichting)
    return termijn


def locked(termijn: Termijn) -> Termijn:
    return Termijn.objects.select_for_update().get(pk=termijn.pk)


def close_term(termijn: Termijn | None, *, by, toelichting: str = "") -> None:
    """End a term (met, or no longer relevant); a closed or absent term is left alone."""
    if termijn is None:
        return
    termijn = locked(termijn)
    if not termijn.is_open:
        return
    termijn.rond_af()
    bewaking.plan(termijn)
    termijn.save()
    record(termijn, TermijnWijziging.Soort.AFGEROND, by=by, toelichting=toelichting)


def suspend(*, termijn: Termijn, by, van: datetime.date, reden: str) -> Opschorting:
    """Suspend a running term (e.g. Awb 4:15: the provider is asked to complete a file)
    from the day after ``van``. Call inside a transaction."""
    reden = _required(reden, "reden", _("Geef de reden van de opschorting."))
    termijn = locked(termijn)
    check_transition(termijn, termijn.schort_op, None)
    if van < termijn.start:
        raise ValidationError({"van": _("De opschorting begint voor de termijn.")})
    termijn.schort_op()
    bewaking.plan(termijn)
    termijn.save()
    opschorting = Opschorting.objects.create(termijn=termijn, van=van, reden=reden, door=by)
    record(
        termijn,
        TermijnWijziging.Soort.OPGESCHORT,
        by=by,
        oud=termijn.uiterlijk,
        toelichting=_("Opgeschort vanaf %(van)s: %(reden)s")
        % {"van": f"{dates.datum(van)}", "reden": reden},
    )
    return opschorting


def resume(*, termijn: Termijn, by, tot: datetime.date, reden: str) -> Termijn:
    """Resume a suspended term on ``tot``; its end moves by the suspended days. Call
    inside a transaction."""
    reden = _required(reden, "reden", _("Geef de reden van de hervatting."))
    termijn = locked(termijn)
    check_transition(termijn, termijn.hervat, None)
    opschorting = termijn.opschortingen.filter(tot__isnull=True).latest("van")
    try:
        days = deadlines.suspended_days(opschorting.van, tot)
    except ValueError as exc:
        raise ValidationError({"tot": str(exc)}) from exc
    opschorting.tot, opschorting.reden_hervatting = tot, reden
    opschorting.save(update_fields=["tot", "reden_hervatting"])
    oud = termijn.uiterlijk
    termijn.opgeschort_dagen += days
    termijn.hervat()
    termijn.bereken()
    bewaking.plan(termijn)
    termijn.save()
    record(
        termijn,
        TermijnWijziging.Soort.HERVAT,
        by=by,
        oud=oud,
        toelichting=_("Hervat op %(tot)s na %(n)s dagen opschorting: %(reden)s")
        % {"tot": f"{dates.datum(tot)}", "n": days, "reden": reden},
    )
    return termijn


def extend(*, termijn: Termijn, by, weken: int, reden: str) -> Termijn:
    """Extend a term by ``weken`` with the reason (e.g. the adjournment of Awb 7:10 lid 3).
    ``termijn`` is locked by the caller, who decides whether it may be extended."""
    oud = termijn.uiterlijk
    termijn.verlenging_weken = weken
    termijn.verlenging_reden = reden
    termijn.bereken()
    bewaking.plan(termijn)
    termijn.save()
    record(termijn, TermijnWijziging.Soort.VERDAAGD, by=by, oud=oud, toelichting=reden)
    return termijn
