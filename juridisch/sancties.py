"""Sanctions carried to the end (Awb title 5.3): an order under penalty or under
administrative coercion, from its compliance period to collection.

* **The order** (``impose_order``) holds what the provider must do, the compliance period
  (begunstigingstermijn, Awb 5:32a lid 1 and 5:24 lid 2, a watched term running from the
  day after the decision's notification) and, for a penalty, the amount per violation or
  per period and the maximum (Awb 5:32b lid 1).
* **After the compliance period** an inspection (``inspect_order``) records compliance or
  forfeiture: the penalty is forfeited by operation of law (Awb 5:33) per violation, or
  per day or started week since the period ended (or since the last forfeiture), never
  beyond the maximum. Each forfeiture starts its own limitation term: the power to
  collect it lapses one year after the day it was forfeited (Awb 5:35 lid 1), counted on
  the Algemene termijnenwet calendar and watched with a reminder.
* **Collection** (``decide_collection``): a collection decision (Awb 5:37) for what was
  forfeited and not yet time-barred, with its own objection term (Awb 6:7); it ends the
  limitation terms of what it collects. Payments are recorded (``record_payment``).
* **Lifting or reducing** the order (``change_order``, Awb 5:34) is a decision.
* **Administrative coercion**: after the period not complied with, the execution is
  recorded with its costs (``record_execution``) and recovered by a cost recovery decision
  (``decide_cost_recovery``, Awb 5:25) with its objection term.

Every decision here is taken under a valid mandate (``regio.mandates``) and records it.
The totals (forfeited, collected, paid) are the sums of the steps' amounts (``Last``).
"""

import datetime
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dossieroverleg.models import Maatregel
from regio import dates, mandates
from regio.models import Besluitsoort
from termijnen import deadlines
from termijnen.models import Termijn
from termijnen.services import close_term

from .models import JuridischTraject, Last, TrajectStap
from .services import (
    _locked_trajectory,
    _not_in_future,
    _notified_after,
    _require_perm,
    _step,
    _term_of,
)

Stap = TrajectStap.Soort
SOORT_VAN_MAATREGEL = {
    Maatregel.LAST_ONDER_DWANGSOM: Last.Soort.DWANGSOM,
    Maatregel.LAST_ONDER_BESTUURSDWANG: Last.Soort.BESTUURSDWANG,
}
NOG_TE_CONTROLEREN = (Last.Status.LOPEND, Last.Status.VERBEURD)


def _amount(value, field: str) -> Decimal:
    if value is None or Decimal(value) <= 0:
        raise ValidationError({field: _("Geef een bedrag groter dan nul.")})
    return Decimal(value).quantize(Decimal("0.01"))


def _order_of(traject: JuridischTraject, soort: str | None = None) -> Last:
    last = Last.objects.select_for_update(of=("self",)).filter(traject=traject).first()
    if last is None:
        raise ValidationError(_("Leg eerst de last uit het besluit vast."))
    if soort is not None and last.soort != soort:
        raise ValidationError(
            _("Deze stap hoort bij een %(soort)s.") % {"soort": Last.Soort(soort).label}
        )
    if not traject.is_open:
        raise ValidationError(_("Het traject is afgerond."))
    return last


def _decision(traject: JuridischTraject, by, soort: str, datum, bekendmaking_op):
    _notified_after(datum, bekendmaking_op)
    return mandates.grant_for_dossier(by, soort, traject.dossier, datum)


def _claim(traject, soort: str, label: str, *, by, grant, bekendmaking_op, bedrag, toelichting):
    """A decision that claims an amount (collection, cost recovery): its step, with the
    objection term from the day after its notification (Awb 6:7, 6:8)."""
    termijn = _term_of(
        traject,
        Termijn.Soort.BEZWAARTERMIJN,
        label,
        bekendmaking_op,
        by=by,
        weken=deadlines.termijnen()["bezwaartermijn_weken"],
    )
    return _step(
        traject,
        soort,
        datum=bekendmaking_op,
        by=by,
        termijn=termijn,
        toelichting=toelichting,
        grant=grant,
        bedrag=bedrag,
    )


@transaction.atomic
def impose_order(
    *,
    traject: JuridischTraject,
    by,
    lastgeving: str,
    begunstiging_dagen: int,
    bedrag=None,
    per: str = "",
    maximum=None,
) -> Last:
    """Record the order the trajectory's decision imposed: what the provider must do, the
    compliance period from the day after the decision's notification and, for a penalty,
    its amount and maximum (Awb 5:32a, 5:32b)."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    soort = SOORT_VAN_MAATREGEL.get(traject.maatregel)
    if soort is None:
        raise ValidationError(_("Alleen een last onder dwangsom of bestuursdwang heeft een last."))
    if Last.objects.filter(traject=traject).exists():
        raise ValidationError(_("De last is al vastgelegd; wijzigen gaat met een besluit."))
    besluit = traject.stappen.filter(soort=Stap.BESLUIT).order_by("-datum", "-pk").first()
    if besluit is None or not traject.is_open:
        raise ValidationError(_("De last volgt uit het besluit; leg eerst het besluit vast."))
    lastgeving = (lastgeving or "").strip()
    if not lastgeving:
        raise ValidationError({"lastgeving": _("Beschrijf wat de zorgaanbieder moet doen.")})
    if not begunstiging_dagen or begunstiging_dagen < 1:
        raise ValidationError({"begunstiging_dagen": _("Geef de begunstigingstermijn in dagen.")})
    if soort == Last.Soort.DWANGSOM:
        bedrag = _amount(bedrag, "bedrag")
        maximum = _amount(maximum, "maximum")
        if per not in Last.Per.values:
            raise ValidationError(
                {"per": _("Kies of de dwangsom per overtreding of per dag of week geldt.")}
            )
        if maximum < bedrag:
            raise ValidationError({"maximum": _("Het maximum is lager dan de dwangsom.")})
    elif bedrag or maximum or per:
        raise ValidationError(_("Een last onder bestuursdwang heeft geen dwangsom."))
    termijn = _term_of(
        traject,
        Termijn.Soort.BEGUNSTIGING,
        _("Begunstigingstermijn (%(m)s)"),
        besluit.datum,
        by=by,
        dagen=begunstiging_dagen,
    )
    last = Last.objects.create(
        traject=traject,
        soort=soort,
        besluit=besluit,
        lastgeving=lastgeving,
        begunstigingstermijn=termijn,
        bedrag=bedrag,
        per=per,
        maximum=maximum,
    )
    toelichting = lastgeving
    if soort == Last.Soort.DWANGSOM:
        toelichting += "\n" + _("Dwangsom %(b)s %(per)s, ten hoogste %(max)s.") % {
            "b": dates.euro(bedrag),
            "per": last.get_per_display(),
            "max": dates.euro(maximum),
        }
    _step(traject, Stap.LAST, datum=besluit.datum, by=by, termijn=termijn, toelichting=toelichting)
    return last


def _forfeiture(last: Last, datum: datetime.date, overtredingen: int) -> tuple[Decimal, int]:
    """What is forfeited at an inspection on ``datum`` and for how many violations or
    periods: per violation, per day, or per started week since the compliance period
    ended or since the last forfeiture; never beyond the maximum (Awb 5:32b lid 1, 5:33)."""
    if last.per == Last.Per.OVERTREDING:
        if overtredingen < 1:
            raise ValidationError({"overtredingen": _("Geef het aantal overtredingen.")})
        periods = overtredingen
    else:
        previous = last.traject.stappen.filter(soort=Stap.VERBEURTE).order_by("-datum").first()
        einde = last.begunstigingstermijn.uiterlijk
        since = max(einde, previous.datum) if previous else einde
        days = (datum - since).days
        periods = days if last.per == Last.Per.DAG else math.ceil(days / 7)
        if periods < 1:
            raise ValidationError({"datum": _("Over deze dag is al verbeurd.")})
    remaining = last.maximum - last.verbeurd
    return min(last.bedrag * periods, remaining), periods


@transaction.atomic
def inspect_order(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    nagekomen: bool,
    overtredingen: int = 1,
    toelichting: str = "",
) -> TrajectStap:
    """An inspection after the compliance period: complied, or not. Not complied with, a
    penalty is forfeited (each forfeiture with its one-year limitation term, Awb 5:35) and
    an order under coercion is to be executed."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    last = _order_of(traject)
    _not_in_future(datum, "datum")
    if last.status not in NOG_TE_CONTROLEREN:
        raise ValidationError(
            _("De last is %(stand)s; er valt niets meer te controleren.")
            % {"stand": last.get_status_display()}
        )
    einde = last.begunstigingstermijn.uiterlijk
    if datum <= einde:
        raise ValidationError(
            {
                "datum": _(
                    "De begunstigingstermijn loopt tot en met %(d)s; pas daarna kan de last "
                    "worden verbeurd (Awb 5:32a, 5:33)."
                )
                % {"d": dates.datum(einde)}
            }
        )
    close_term(last.begunstigingstermijn, by=by, toelichting=_("Gecontroleerd"))
    if nagekomen:
        last.status = Last.Status.NAGEKOMEN
        last.save(update_fields=["status"])
        return _step(
            traject,
            Stap.CONTROLE,
            datum=datum,
            by=by,
            uitkomst=TrajectStap.Uitkomst.NAGEKOMEN,
            toelichting=toelichting,
        )
    stap = _step(
        traject,
        Stap.CONTROLE,
        datum=datum,
        by=by,
        uitkomst=TrajectStap.Uitkomst.NIET_NAGEKOMEN,
        toelichting=toelichting,
    )
    if last.soort == Last.Soort.BESTUURSDWANG:
        last.status = Last.Status.NIET_NAGEKOMEN
        last.save(update_fields=["status"])
        return stap
    bedrag, periods = _forfeiture(last, datum, overtredingen)
    if bedrag <= 0:  # pragma: no cover - the status says the maximum was reached
        raise ValidationError(_("Het maximum van de dwangsom is al verbeurd."))
    verjaring = _term_of(
        traject,
        Termijn.Soort.VERJARING,
        _("Verjaring invordering %(b)s verbeurd op %(d)s (Awb 5:35)")
        % {"b": dates.euro(bedrag), "d": dates.datum(datum)},
        datum,
        by=by,
        maanden=12,
    )
    _step(
        traject,
        Stap.VERBEURTE,
        datum=datum,
        by=by,
        termijn=verjaring,
        bedrag=bedrag,
        toelichting=_("%(n)s × %(b)s %(per)s")
        % {
            "n": periods,
            "b": dates.euro(last.bedrag),
            "per": last.get_per_display(),
        },
    )
    last.status = Last.Status.MAXIMUM if last.verbeurd >= last.maximum else Last.Status.VERBEURD
    last.save(update_fields=["status"])
    return stap


def _uncollected(traject: JuridischTraject, on: datetime.date):
    """Forfeitures not yet collected: their limitation term still open. Those whose term
    ended before ``on`` are time-barred."""
    open_ = traject.stappen.filter(
        soort=Stap.VERBEURTE, termijn__status__in=["lopend", "opgeschort"]
    )
    return open_.filter(termijn__uiterlijk__gte=on), open_.filter(termijn__uiterlijk__lt=on)


@transaction.atomic
def decide_collection(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    bekendmaking_op: datetime.date,
    toelichting: str = "",
) -> TrajectStap:
    """The collection decision (Awb 5:37) for every forfeiture not yet collected and not
    time-barred on ``datum``; its objection term runs from its notification."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    _order_of(traject, Last.Soort.DWANGSOM)
    grant = _decision(traject, by, Besluitsoort.INVORDERINGSBESLUIT, datum, bekendmaking_op)
    collectable, barred = _uncollected(traject, datum)
    forfeitures = list(collectable.select_related("termijn"))
    if not forfeitures:
        if barred.exists():
            raise ValidationError(
                _("Wat verbeurd is, is verjaard: invorderen kan niet meer (Awb 5:35).")
            )
        raise ValidationError(_("Er is geen verbeurd bedrag dat nog moet worden ingevorderd."))
    bedrag = sum((s.bedrag for s in forfeitures), Decimal("0.00"))
    for forfeiture in forfeitures:
        close_term(
            forfeiture.termijn,
            by=by,
            toelichting=_("Ingevorderd bij besluit van %(d)s") % {"d": dates.datum(datum)},
        )
    return _claim(
        traject,
        Stap.INVORDERINGSBESLUIT,
        _("Bezwaartermijn invorderingsbesluit (%(m)s)"),
        by=by,
        grant=grant,
        bekendmaking_op=bekendmaking_op,
        bedrag=bedrag,
        toelichting=toelichting,
    )


@transaction.atomic
def record_payment(
    *, traject: JuridischTraject, by, datum: datetime.date, bedrag, toelichting: str = ""
) -> TrajectStap:
    """A payment on what was claimed (collection or cost recovery)."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    last = _order_of(traject)
    _not_in_future(datum, "datum")
    bedrag = _amount(bedrag, "bedrag")
    open_amount = last.ingevorderd + last.verhaald - last.betaald
    if bedrag > open_amount:
        raise ValidationError(
            {
                "bedrag": _("Er staat %(b)s open; meer kan niet worden betaald.")
                % {"b": dates.euro(open_amount)}
            }
        )
    return _step(traject, Stap.BETALING, datum=datum, by=by, bedrag=bedrag, toelichting=toelichting)


@transaction.atomic
def change_order(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    bekendmaking_op: datetime.date,
    wijze: str,
    bedrag=None,
    maximum=None,
    toelichting: str = "",
) -> TrajectStap:
    """Lift the order, or reduce the penalty (Awb 5:34): a decision under mandate. Lifting
    ends its compliance period; what was forfeited before stays forfeited."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    last = _order_of(traject)
    grant = _decision(traject, by, Besluitsoort.HANDHAVINGSBESLUIT, datum, bekendmaking_op)
    if last.status in (Last.Status.OPGEHEVEN, Last.Status.UITGEVOERD):
        raise ValidationError(_("De last is %(s)s.") % {"s": last.get_status_display()})
    if wijze == TrajectStap.Uitkomst.OPGEHEVEN:
        close_term(last.begunstigingstermijn, by=by, toelichting=_("Last opgeheven"))
        last.status = Last.Status.OPGEHEVEN
        last.save(update_fields=["status"])
    elif wijze == TrajectStap.Uitkomst.VERMINDERD and last.soort == Last.Soort.DWANGSOM:
        bedrag, maximum = _amount(bedrag, "bedrag"), _amount(maximum, "maximum")
        if bedrag > last.bedrag or maximum > last.maximum:
            raise ValidationError(
                _("Verminderen is lager: de dwangsom was %(b)s, het maximum %(m)s.")
                % {"b": dates.euro(last.bedrag), "m": dates.euro(last.maximum)}
            )
        if maximum < bedrag:
            raise ValidationError({"maximum": _("Het maximum is lager dan de dwangsom.")})
        toelichting = "\n".join(
            t
            for t in (
                _("Dwangsom %(b1)s → %(b2)s, maximum %(m1)s → %(m2)s.")
                % {
                    "b1": dates.euro(last.bedrag),
                    "b2": dates.euro(bedrag),
                    "m1": dates.euro(last.maximum),
                    "m2": dates.euro(maximum),
                },
                toelichting,
            )
            if t
        )
        last.bedrag, last.maximum = bedrag, maximum
        if last.status == Last.Status.MAXIMUM and last.verbeurd < maximum:
            last.status = Last.Status.VERBEURD
        last.save(update_fields=["bedrag", "maximum", "status"])
    else:
        raise ValidationError({"wijze": _("Kies: opheffen, of de dwangsom verminderen.")})
    return _step(
        traject,
        Stap.WIJZIGING_LAST,
        datum=bekendmaking_op,
        by=by,
        uitkomst=wijze,
        toelichting=toelichting,
        grant=grant,
    )


@transaction.atomic
def record_execution(
    *, traject: JuridischTraject, by, datum: datetime.date, kosten, toelichting: str = ""
) -> TrajectStap:
    """Administrative coercion executed after the order was not complied with, with what
    it cost (to be recovered, Awb 5:25)."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    last = _order_of(traject, Last.Soort.BESTUURSDWANG)
    _not_in_future(datum, "datum")
    if last.status != Last.Status.NIET_NAGEKOMEN:
        raise ValidationError(
            _("Bestuursdwang volgt op een controle waarbij de last niet is nagekomen.")
        )
    kosten = _amount(kosten, "kosten")
    last.status = Last.Status.UITGEVOERD
    last.save(update_fields=["status"])
    return _step(
        traject, Stap.UITVOERING, datum=datum, by=by, bedrag=kosten, toelichting=toelichting
    )


@transaction.atomic
def decide_cost_recovery(
    *,
    traject: JuridischTraject,
    by,
    datum: datetime.date,
    bekendmaking_op: datetime.date,
    bedrag,
    toelichting: str = "",
) -> TrajectStap:
    """The decision recovering the costs of the coercion (Awb 5:25), no more than they
    were; its objection term runs from its notification."""
    _require_perm(by, "voeren_traject")
    traject = _locked_trajectory(traject)
    last = _order_of(traject, Last.Soort.BESTUURSDWANG)
    grant = _decision(traject, by, Besluitsoort.KOSTENVERHAAL, datum, bekendmaking_op)
    bedrag = _amount(bedrag, "bedrag")
    if bedrag > last.kosten - last.verhaald:
        raise ValidationError(
            {
                "bedrag": _(
                    "De kosten van de bestuursdwang waren %(k)s, waarvan %(v)s al verhaald."
                )
                % {"k": dates.euro(last.kosten), "v": dates.euro(last.verhaald)}
            }
        )
    return _claim(
        traject,
        Stap.KOSTENVERHAAL,
        _("Bezwaartermijn kostenverhaal (%(m)s)"),
        by=by,
        grant=grant,
        bekendmaking_op=bekendmaking_op,
        bedrag=bedrag,
        toelichting=toelichting,
    )
