"""Statutory terms: when a term ends (Awb 6:8, 6:7, 7:10, 4:15; Algemene termijnenwet), and
the other terms of the region's agreements (a data breach is reported within hours).

* A term set by law counts from the day after the day on which it starts (Awb 6:8:
  "de termijn vangt aan met ingang van de dag na die waarop het besluit op de
  voorgeschreven wijze is bekendgemaakt"). With calendar arithmetic, the last day of a
  term of N days after ``start`` is ``start + N days``; of N weeks ``start + 7N days``.
* A suspension (opschorting, Awb 4:15) adds the suspended days to the end.
* A term that ends on a Saturday, Sunday or a general holiday is extended to the next day
  that is none of these (Algemene termijnenwet art. 1). The holidays of that act are
  exactly: New Year's Day, Easter Monday, Ascension Day, Whit Monday, Christmas Day and
  Boxing Day, the day the King's birthday is celebrated, and 5 May. Good Friday is not one.
"""

import datetime
from dataclasses import dataclass

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from regio.reference import termijnen

SATURDAY, SUNDAY = 5, 6


def kings_day(year: int) -> datetime.date:
    """27 April, or 26 April when the 27th is a Sunday (Wet viering Koningsdag)."""
    day = datetime.date(year, 4, 27)
    return day - datetime.timedelta(days=1) if day.weekday() == SUNDAY else day


def holidays(year: int) -> dict[datetime.date, str]:
    """The general holidays of the Algemene termijnenwet (art. 3) in ``year``."""
    easter_sunday = easter(year)
    return {
        datetime.date(year, 1, 1): "Nieuwjaarsdag",
        easter_sunday + datetime.timedelta(days=1): "Tweede Paasdag",
        easter_sunday + datetime.timedelta(days=39): "Hemelvaartsdag",
        easter_sunday + datetime.timedelta(days=50): "Tweede Pinksterdag",
        kings_day(year): "Koningsdag",
        datetime.date(year, 5, 5): "Bevrijdingsdag",
        datetime.date(year, 12, 25): "Eerste Kerstdag",
        datetime.date(year, 12, 26): "Tweede Kerstdag",
    }


def why_not_a_working_day(day: datetime.date) -> str | None:
    if day.weekday() == SATURDAY:
        return "zaterdag"
    if day.weekday() == SUNDAY:
        return "zondag"
    return holidays(day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    return why_not_a_working_day(day) is None


def next_working_day(day: datetime.date) -> datetime.date:
    """``day`` itself if it is a working day, else the first one after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Termijn:
    start: datetime.date
    einde_kalender: datetime.date  # before the Algemene termijnenwet's extension
    einde: datetime.date  # the last day on which the act can still be done
    verschoven_wegens: str | None  # why it moved ("zaterdag", "Tweede Paasdag", ...)
    opgeschort_dagen: int = 0


def term_end(
    *,
    start: datetime.date,
    dagen: int = 0,
    weken: int = 0,
    maanden: int = 0,
    opgeschort_dagen: int = 0,
) -> Termijn:
    """The end of a term starting the day after ``start``, extended by suspended days and
    moved past weekends and holidays."""
    if min(dagen, weken, maanden, opgeschort_dagen) < 0:
        raise ValueError("Een termijn of opschorting kan niet negatief zijn.")
    if not (dagen or weken or maanden):
        raise ValueError("Geef de lengte van de termijn.")
    calendar_end = (
        start
        + relativedelta(months=maanden)
        + datetime.timedelta(days=dagen + 7 * weken + opgeschort_dagen)
    )
    reason = why_not_a_working_day(calendar_end)
    return Termijn(
        start=start,
        einde_kalender=calendar_end,
        einde=next_working_day(calendar_end),
        verschoven_wegens=reason,
        opgeschort_dagen=opgeschort_dagen,
    )


def suspended_days(van: datetime.date, tot: datetime.date) -> int:
    """Days a term is suspended (Awb 4:15): from the day after the request (``van``) up to
    and including the day the information arrives or the term resumes (``tot``)."""
    if tot < van:
        raise ValueError("Het einde van de opschorting ligt voor het begin.")
    return (tot - van).days


def working_days_before(day: datetime.date, n: int) -> datetime.date:
    """The date ``n`` working days before ``day`` (for reminders)."""
    while n > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


# The terms of regio.json ("termijnen"), by name.


def view_term(start: datetime.date) -> Termijn:
    """Zienswijze on an intended decision (Awb 4:8; 14 days in this region)."""
    return term_end(start=start, dagen=termijnen()["zienswijze_dagen"])


def objection_term(notified: datetime.date) -> Termijn:
    """Bezwaartermijn: six weeks from the day after notification (Awb 6:7, 6:8)."""
    return term_end(start=notified, weken=termijnen()["bezwaartermijn_weken"])


def decision_on_objection_term(
    objection_term_end: datetime.date,
    *,
    with_committee: bool = False,
    extended: bool = False,
    opgeschort_dagen: int = 0,
) -> Termijn:
    """Beslistermijn op bezwaar: six weeks, twelve with an advisory committee, counted from
    the day after the objection term expired; extendable once by six weeks (Awb 7:10)."""
    terms = termijnen()
    weeks = terms[
        "beslistermijn_bezwaar_met_commissie_weken"
        if with_committee
        else "beslistermijn_bezwaar_weken"
    ]
    if extended:
        weeks += terms["verdaging_bezwaar_weken"]
    return term_end(start=objection_term_end, weken=weeks, opgeschort_dagen=opgeschort_dagen)


def breach_notice_due(discovered: datetime.datetime) -> datetime.datetime:
    """A personal-data breach touching cases is reported to the municipalities concerned
    within 24 hours of its discovery (DVO BW/MO Bijlage B 4.2): counted in hours, not by
    the Algemene termijnenwet."""
    return discovered + datetime.timedelta(hours=termijnen()["datalek_melden_gemeenten_uur"])
