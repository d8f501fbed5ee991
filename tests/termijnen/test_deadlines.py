"""Deadlines on real 2025-2027 dates, each computed by hand (weekday noted)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from termijnen.deadlines import (
    decision_on_objection_term,
    holidays,
    is_working_day,
    kings_day,
    objection_term,
    suspended_days,
    term_end,
    view_term,
    working_days_before,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "calendar_end", "end", "reason"),
    [
        (D(2026, 3, 23), D(2026, 4, 6), D(2026, 4, 7), "Tweede Paasdag"),  # Mon 6 Apr
        (D(2026, 4, 13), D(2026, 4, 27), D(2026, 4, 28), "Koningsdag"),  # Mon 27 Apr
        (D(2026, 3, 20), D(2026, 4, 3), D(2026, 4, 3), None),  # Good Friday: no holiday
        (D(2026, 4, 21), D(2026, 5, 5), D(2026, 5, 6), "Bevrijdingsdag"),  # Tue 5 May
        (D(2026, 4, 30), D(2026, 5, 14), D(2026, 5, 15), "Hemelvaartsdag"),  # Thu 14 May
        (D(2026, 5, 11), D(2026, 5, 25), D(2026, 5, 26), "Tweede Pinksterdag"),  # Mon 25 May
        (D(2026, 12, 11), D(2026, 12, 25), D(2026, 12, 28), "Eerste Kerstdag"),  # Fri..Sun
        (D(2026, 12, 18), D(2027, 1, 1), D(2027, 1, 4), "Nieuwjaarsdag"),  # Fri 1 Jan 2027
        (D(2027, 3, 15), D(2027, 3, 29), D(2027, 3, 30), "Tweede Paasdag"),  # Easter 28 Mar
        (D(2026, 11, 17), D(2026, 12, 1), D(2026, 12, 1), None),  # an ordinary Tuesday
        (D(2026, 11, 14), D(2026, 11, 28), D(2026, 11, 30), "zaterdag"),
    ],
)
def test_a_14_day_term_ends_on_the_next_working_day(start, calendar_end, end, reason):
    term = view_term(start)
    assert (term.einde_kalender, term.einde, term.verschoven_wegens) == (calendar_end, end, reason)


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert kings_day(2025) == D(2025, 4, 26)  # 27 April 2025 was a Sunday
    assert kings_day(2026) == D(2026, 4, 27)
    assert D(2025, 4, 27) not in holidays(2025)


def test_objection_decision_extension_and_suspension_walk():
    # Notified Monday 23 Feb 2026: six weeks end on Easter Monday, so Tuesday 7 April.
    objection = objection_term(D(2026, 2, 23))
    assert (objection.einde_kalender, objection.einde) == (D(2026, 4, 6), D(2026, 4, 7))
    # Decision on objection: six weeks from the day after the objection term expired.
    decision = decision_on_objection_term(objection.einde)
    assert decision.einde == D(2026, 5, 19)  # Tuesday
    assert decision_on_objection_term(objection.einde, extended=True).einde == D(2026, 6, 30)
    assert decision_on_objection_term(objection.einde, with_committee=True).einde == D(2026, 6, 30)
    # Suspended for information from 1 to 11 May (Awb 4:15): ten days later.
    days = suspended_days(D(2026, 5, 1), D(2026, 5, 11))
    assert days == 10
    assert decision_on_objection_term(objection.einde, opgeschort_dagen=days).einde == D(
        2026, 5, 29
    )


def test_bad_terms_are_refused():
    with pytest.raises(ValueError):
        term_end(start=D(2026, 1, 1), dagen=-1)
    with pytest.raises(ValueError):
        term_end(start=D(2026, 1, 1))
    with pytest.raises(ValueError):
        suspended_days(D(2026, 5, 2), D(2026, 5, 1))


def test_reminders_count_working_days_back():
    # Three working days before Tuesday 7 April 2026, skipping Easter Monday and the
    # weekend: Fri 3 (Good Friday is a working day), Thu 2, Wed 1 April.
    assert working_days_before(D(2026, 4, 7), 3) == D(2026, 4, 1)


@given(
    st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 1)),
    st.integers(min_value=1, max_value=120),
)
def test_the_end_is_a_working_day_at_most_four_days_after_the_calendar_end(start, days):
    term = term_end(start=start, dagen=days)
    assert is_working_day(term.einde)
    assert 0 <= (term.einde - term.einde_kalender).days <= 4
