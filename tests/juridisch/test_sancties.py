"""Sanctions carried to the end (Awb title 5.3), on real dates with a frozen clock and
hand-computed ends: the compliance period, forfeiture after it (Awb 5:32a, 5:33), the
one-year limitation on the Algemene termijnenwet calendar (Awb 5:35), the collection
decision with its objection term (Awb 5:37, 6:7), lifting and reducing (Awb 5:34), and
administrative coercion with cost recovery (Awb 5:25)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from juridisch import sancties
from juridisch import services as juridisch
from juridisch.models import Last, TrajectStap
from termijnen.models import Termijn
from tests.dossieroverleg.conftest import decided_dossier
from tests.dossieroverleg.test_opvolging import at, fresh

D = datetime.date
Stap = TrajectStap.Soort


@pytest.fixture
def order_trajectory(people, rob_contract):
    """A last onder dwangsom: intention 1 February 2027, decision notified Monday
    15 February 2027."""

    def make(maatregel="last_onder_dwangsom"):
        with at(D(2027, 1, 4)):
            dossier = decided_dossier(
                people,
                rob_contract,
                maatregelen=[maatregel],
                datum=D(2027, 1, 4),
                bekendmaking_op=D(2027, 1, 5),
            )
        with at(D(2027, 2, 1)):
            traject = juridisch.open_trajectory(
                dossier=dossier,
                maatregel=maatregel,
                by=people["jurist"],
                voornemen_op=D(2027, 2, 1),
            )
        with at(D(2027, 2, 15)):
            juridisch.record_primary_decision(
                traject=traject,
                by=people["jurist"],
                datum=D(2027, 2, 15),
                bekendmaking_op=D(2027, 2, 15),
            )
        return traject

    return make


def impose_penalty(traject, by, *, per="dag", bedrag="500", maximum="5000", dagen=28):
    with at(D(2027, 2, 16)):
        return sancties.impose_order(
            traject=traject,
            by=by,
            lastgeving="Zorg voor een gekwalificeerde medewerker in elke dienst.",
            begunstiging_dagen=dagen,
            bedrag=Decimal(bedrag),
            per=per,
            maximum=Decimal(maximum),
        )


def test_a_penalty_is_forfeited_only_after_the_compliance_period_per_day_up_to_its_maximum(
    people, order_trajectory
):
    jurist = people["jurist"]
    traject = order_trajectory()
    last = impose_penalty(traject, jurist)
    # 28 days from the day after the notification on 15 February: Monday 15 March 2027.
    assert last.begunstigingstermijn.soort == Termijn.Soort.BEGUNSTIGING
    assert last.begunstigingstermijn.uiterlijk == D(2027, 3, 15)

    with at(D(2027, 3, 15)), pytest.raises(ValidationError, match="loopt tot en met 15 maart"):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 15), nagekomen=False)
    assert not traject.stappen.filter(soort=Stap.VERBEURTE).exists()

    with at(D(2027, 3, 18)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 18), nagekomen=False)
    forfeiture = traject.stappen.get(soort=Stap.VERBEURTE)
    # Three days after the period (16, 17, 18 March) at EUR 500.
    assert forfeiture.bedrag == Decimal("1500.00")
    assert fresh(last).status == Last.Status.VERBEURD
    assert fresh(last.begunstigingstermijn).status == Termijn.Status.AFGEROND

    with at(D(2027, 3, 30)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 30), nagekomen=False)
    # Twelve more days would be EUR 6,000; the maximum leaves EUR 3,500.
    second = traject.stappen.filter(soort=Stap.VERBEURTE).order_by("datum").last()
    assert second.bedrag == Decimal("3500.00")
    last = fresh(last)
    assert (last.status, last.verbeurd) == (Last.Status.MAXIMUM, Decimal("5000.00"))
    with at(D(2027, 4, 6)), pytest.raises(ValidationError, match="maximum verbeurd"):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 4, 6), nagekomen=False)


def test_each_forfeiture_starts_a_one_year_limitation_term_on_the_atw_calendar(
    people, order_trajectory
):
    jurist = people["jurist"]
    traject = order_trajectory()
    impose_penalty(traject, jurist, per="overtreding", bedrag="2500", maximum="10000")
    with at(D(2027, 3, 18)):
        sancties.inspect_order(
            traject=traject, by=jurist, datum=D(2027, 3, 18), nagekomen=False, overtredingen=2
        )
    forfeiture = traject.stappen.get(soort=Stap.VERBEURTE)
    assert forfeiture.bedrag == Decimal("5000.00")
    verjaring = forfeiture.termijn
    assert verjaring.soort == Termijn.Soort.VERJARING
    # Awb 5:35: a year after the day of forfeiture is Saturday 18 March 2028; the
    # Algemene termijnenwet moves it to Monday 20 March 2028.
    assert verjaring.uiterlijk_kalender == D(2028, 3, 18)
    assert verjaring.uiterlijk == D(2028, 3, 20)
    assert verjaring.verschoven_wegens == "zaterdag"
    # Watched like every term: its owner is reminded before it ends.
    assert verjaring.eigenaar == jurist


def test_the_collection_decision_collects_what_is_not_time_barred_with_its_objection_term(
    people, order_trajectory
):
    jurist = people["jurist"]
    traject = order_trajectory()
    last = impose_penalty(traject, jurist, per="overtreding", bedrag="1000", maximum="10000")
    with at(D(2027, 3, 18)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 18), nagekomen=False)
    with at(D(2028, 3, 1)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2028, 3, 1), nagekomen=False)
    with at(D(2028, 3, 2)), pytest.raises(ValidationError, match="invorderingsbesluit"):
        juridisch.close_trajectory(traject=traject, by=jurist, uitkomst="nagekomen")

    # On 21 March 2028 the first forfeiture (limitation until 20 March 2028) is time-barred.
    with at(D(2028, 3, 21)):
        stap = sancties.decide_collection(
            traject=traject, by=jurist, datum=D(2028, 3, 21), bekendmaking_op=D(2028, 3, 21)
        )
    assert stap.bedrag == Decimal("1000.00")
    assert stap.mandaat is not None and stap.ondertekend_door == jurist
    # Objection term: six weeks from the day after notification, Tuesday 2 May 2028.
    assert stap.termijn.soort == Termijn.Soort.BEZWAARTERMIJN
    assert stap.termijn.uiterlijk == D(2028, 5, 2)
    first, second = traject.stappen.filter(soort=Stap.VERBEURTE).order_by("datum")
    assert fresh(first.termijn).is_open  # time-barred: left to its escalation
    assert fresh(second.termijn).status == Termijn.Status.AFGEROND

    with at(D(2028, 3, 22)), pytest.raises(ValidationError, match="verjaard"):
        sancties.decide_collection(
            traject=traject, by=jurist, datum=D(2028, 3, 22), bekendmaking_op=D(2028, 3, 22)
        )
    with at(D(2028, 4, 1)), pytest.raises(ValidationError, match="1.000,00 open"):
        sancties.record_payment(traject=traject, by=jurist, datum=D(2028, 4, 1), bedrag="1500")
    with at(D(2028, 4, 1)):
        sancties.record_payment(traject=traject, by=jurist, datum=D(2028, 4, 1), bedrag="1000")
    last = fresh(last)
    assert (last.verbeurd, last.ingevorderd, last.betaald) == (
        Decimal("2000.00"),
        Decimal("1000.00"),
        Decimal("1000.00"),
    )


def test_lifting_and_reducing_the_order_are_decisions(people, order_trajectory):
    jurist = people["jurist"]
    traject = order_trajectory()
    last = impose_penalty(traject, jurist)
    with at(D(2027, 3, 1)), pytest.raises(ValidationError, match="lager"):
        sancties.change_order(
            traject=traject,
            by=jurist,
            datum=D(2027, 3, 1),
            bekendmaking_op=D(2027, 3, 1),
            wijze="verminderd",
            bedrag="600",
            maximum="5000",
        )
    with at(D(2027, 3, 1)):
        stap = sancties.change_order(
            traject=traject,
            by=jurist,
            datum=D(2027, 3, 1),
            bekendmaking_op=D(2027, 3, 1),
            wijze="verminderd",
            bedrag="250",
            maximum="2500",
        )
    assert (fresh(last).bedrag, fresh(last).maximum) == (Decimal("250.00"), Decimal("2500.00"))
    assert "€ 500,00 → € 250,00" in stap.toelichting and stap.in_naam_van
    with at(D(2027, 3, 2)):
        sancties.change_order(
            traject=traject,
            by=jurist,
            datum=D(2027, 3, 2),
            bekendmaking_op=D(2027, 3, 2),
            wijze="opgeheven",
        )
    assert fresh(last).status == Last.Status.OPGEHEVEN
    assert fresh(last.begunstigingstermijn).status == Termijn.Status.AFGEROND
    with at(D(2027, 3, 20)), pytest.raises(ValidationError, match="opgeheven"):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 20), nagekomen=False)


def test_coercion_is_executed_after_the_period_and_its_costs_recovered(people, order_trajectory):
    jurist = people["jurist"]
    traject = order_trajectory("last_onder_bestuursdwang")
    with at(D(2027, 2, 16)), pytest.raises(ValidationError, match="geen dwangsom"):
        sancties.impose_order(
            traject=traject,
            by=jurist,
            lastgeving="Herstel de brandmeldinstallatie.",
            begunstiging_dagen=14,
            bedrag="100",
            per="dag",
            maximum="1000",
        )
    with at(D(2027, 2, 16)):
        last = sancties.impose_order(
            traject=traject,
            by=jurist,
            lastgeving="Herstel de brandmeldinstallatie.",
            begunstiging_dagen=14,
        )
    assert last.begunstigingstermijn.uiterlijk == D(2027, 3, 1)
    with at(D(2027, 3, 2)), pytest.raises(ValidationError, match="niet is nagekomen"):
        sancties.record_execution(traject=traject, by=jurist, datum=D(2027, 3, 2), kosten="4200")
    with at(D(2027, 3, 2)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 2), nagekomen=False)
        sancties.record_execution(traject=traject, by=jurist, datum=D(2027, 3, 2), kosten="4200")
    with at(D(2027, 3, 10)), pytest.raises(ValidationError, match="4.200,00"):
        sancties.decide_cost_recovery(
            traject=traject,
            by=jurist,
            datum=D(2027, 3, 10),
            bekendmaking_op=D(2027, 3, 10),
            bedrag="5000",
        )
    with at(D(2027, 3, 10)):
        stap = sancties.decide_cost_recovery(
            traject=traject,
            by=jurist,
            datum=D(2027, 3, 10),
            bekendmaking_op=D(2027, 3, 10),
            bedrag="4200",
        )
    assert stap.termijn.uiterlijk == D(2027, 4, 21)
    last = fresh(last)
    assert (last.status, last.kosten, last.verhaald) == (
        Last.Status.UITGEVOERD,
        Decimal("4200.00"),
        Decimal("4200.00"),
    )


def test_an_order_complied_with_ends_its_compliance_period(people, order_trajectory):
    jurist = people["jurist"]
    traject = order_trajectory()
    last = impose_penalty(traject, jurist)
    with at(D(2027, 3, 16)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 16), nagekomen=True)
    assert fresh(last).status == Last.Status.NAGEKOMEN
    assert fresh(last).verbeurd == Decimal("0.00")
    assert fresh(last.begunstigingstermijn).status == Termijn.Status.AFGEROND


def test_the_reports_add_up_the_amounts_of_the_period_for_the_municipalities_involved(
    people, order_trajectory, regio
):
    from rapportage.figures import Period, compute
    from rapportage.report import csv_tables

    jurist = people["jurist"]
    traject = order_trajectory()
    impose_penalty(traject, jurist, per="overtreding", bedrag="750", maximum="3000")
    with at(D(2027, 3, 18)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 3, 18), nagekomen=False)
    with at(D(2027, 7, 2)):
        sancties.inspect_order(traject=traject, by=jurist, datum=D(2027, 7, 2), nagekomen=False)
        sancties.decide_collection(
            traject=traject, by=jurist, datum=D(2027, 7, 2), bekendmaking_op=D(2027, 7, 2)
        )
        sancties.record_payment(traject=traject, by=jurist, datum=D(2027, 7, 2), bedrag="500")

    first, second = Period.half_year(2027, 1), Period.half_year(2027, 2)
    with at(D(2027, 7, 3)):
        assert compute(periode=first).sancties["verbeurd"] == Decimal("750.00")
        figures = compute(periode=second, gemeente=regio["GM0225"])  # Druten: a party
        # Wijchen is no party to the contract: none of it is in its report.
        wijchen = compute(periode=second, gemeente=regio["GM0296"])
    assert (figures.sancties["verbeurd"], figures.sancties["ingevorderd"]) == (
        Decimal("750.00"),
        Decimal("1500.00"),
    )
    assert figures.sancties["betaald"] == Decimal("500.00")
    assert set(wijchen.sancties.values()) == {Decimal("0.00")}
    assert "ingevorderd;1500,00" in csv_tables(figures)["sancties.csv"]
