"""The management figures (seed 002 art. 3.8; seed 000 art. 2.2.e), from non-identifying
data only: counts, statuses, dates and codes. No name, BSN or text is read here, so the
figures survive anonymisation unchanged.

Conventions, so that a reader can recount them by hand:

* A period is ``[van, tot)`` in local dates; an item counts in the period when the moment
  that defines it (received, opened, closed, decided) falls in it.
* A throughput time counts in the period of its *end* moment, in whole calendar days;
  the median is the statistical median, the 90th percentile the nearest-rank value
  (the smallest value with at least 90 % of the values at or below it).
* Benchmarking comparisons between municipalities leave out a municipality whose
  participation is limited (Wijchen in the ROB, seed 000 art. 2 lid 2 sub g).
* A term (``termijnen.models.Termijn``, every kind) belongs to the period of its last day
  (``uiterlijk``). It is met when it was closed on or before that day, and not met when
  it was closed after it or is still open after it. A term whose last day has not yet
  passed, or that was suspended before it ran out (it does not run while suspended),
  is not counted yet. The same-day follow-up of an acute report counts as a kind of its
  own (the task's date). The region's report counts every term (also one of no dossier,
  such as a data breach's); a municipality's or a domain's those of its dossiers.
"""

import datetime
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    Q,
    Sum,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from dossieroverleg.models import Besluit, Dossier
from dossieroverleg.models import Status as DossierStatus
from dossieroverleg.selectors import hidden_dossiers, hidden_reports
from juridisch.models import TrajectStap
from meldpunt.models import Melding, Weging
from regio import dates
from regio.models import Deelname, Gemeente
from termijnen.models import Termijn

# The kind of deadline that is no Termijn: the same-day follow-up of an acute report.
ACUUT = "acute_melding"


@dataclass(frozen=True)
class Period:
    van: datetime.date
    tot: datetime.date  # exclusive

    @classmethod
    def half_year(cls, year: int, half: int) -> "Period":
        if half not in (1, 2):
            raise ValueError("halfjaar is 1 of 2")
        return cls(
            datetime.date(year, 1 if half == 1 else 7, 1),
            datetime.date(year, 7, 1) if half == 1 else datetime.date(year + 1, 1, 1),
        )

    def previous(self) -> "Period":
        length = self.tot - self.van
        if self.van.day == 1 and self.tot.day == 1 and self.van.month in (1, 7):
            half = 1 if self.van.month == 1 else 2
            return Period.half_year(self.van.year - (half == 1), 2 if half == 1 else 1)
        return Period(self.van - length, self.van)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = timezone.make_aware(datetime.datetime.combine(self.van, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(self.tot, datetime.time.min))
        return start, end

    def __str__(self) -> str:
        last = self.tot - datetime.timedelta(days=1)
        return f"{dates.datum(self.van)} t/m {dates.datum(last)}"


@dataclass
class Spread:
    n: int
    mediaan: float | None
    p90: float | None


def spread(days: list[float]) -> Spread:
    if not days:
        return Spread(0, None, None)
    ordered = sorted(days)
    rank = max(1, math.ceil(0.9 * len(ordered)))
    return Spread(len(ordered), float(statistics.median(ordered)), float(ordered[rank - 1]))


class _LocalDays(Func):
    """Whole calendar days, in local time, from the first moment to the second (PostgreSQL:
    date minus date is a number of days)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, start: str, end: str, tz):
        super().__init__(TruncDate(end, tzinfo=tz), TruncDate(start, tzinfo=tz))


class _Median(Aggregate):
    """The statistical median, as ``statistics.median`` (PostgreSQL)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class _NearestRank90(Aggregate):
    """The 90th percentile by nearest rank: the smallest value with at least 90 % of the
    values at or below it, as ``spread`` (PostgreSQL's discrete percentile)."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(0.9) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def spread_of(qs, start: str, end: str) -> Spread:
    """``spread`` of the days from ``start`` to ``end`` over the rows of ``qs``: counted by
    PostgreSQL where the rows are (a half year of a national region holds ~100,000 of
    them; fetching each one cost seconds), elsewhere (SQLite) in Python by ``spread``."""
    tz = timezone.get_current_timezone()
    if connection.vendor != "postgresql":
        return spread([_days(a, b, tz) for a, b in qs.values_list(start, end)])
    row = (
        qs.annotate(dagen=_LocalDays(start, end, tz))
        .order_by()
        .aggregate(n=Count("dagen"), mediaan=_Median("dagen"), p90=_NearestRank90("dagen"))
    )
    if not row["n"]:
        return Spread(0, None, None)
    return Spread(row["n"], float(row["mediaan"]), float(row["p90"]))


@dataclass
class Deadlines:
    """Terms of one kind that ended in a period: met, and not met."""

    gehaald: int = 0
    gemist: int = 0


@dataclass
class Figures:
    periode: Period
    gemeente: Gemeente | None
    domein: str
    meldingen: int = 0
    meldingen_per_kanaal: dict = field(default_factory=dict)
    meldingen_per_aard: dict = field(default_factory=dict)
    meldingen_per_domein: dict = field(default_factory=dict)
    meldingen_per_ernst: dict = field(default_factory=dict)
    meldingen_per_route: dict = field(default_factory=dict)
    meldingen_per_maand: dict = field(default_factory=dict)
    dossiers_geopend: int = 0
    dossiers_gesloten: int = 0
    dossiers_open_per_status: dict = field(default_factory=dict)
    maatregelen: dict = field(default_factory=dict)
    doorlooptijden: dict = field(default_factory=dict)
    termijnen_gehaald: int = 0
    termijnen_gemist: int = 0
    # Per kind of term (Termijn.Soort, and ACUUT): every kind, in the order of the choices.
    termijnen_per_soort: dict = field(default_factory=dict)
    per_zorgaanbieder: list = field(default_factory=list)
    per_gemeente: list = field(default_factory=list)
    # Amounts of the sanctions in the period (Awb title 5.3): forfeited, collected by
    # collection decisions, coercion costs recovered, paid.
    sancties: dict = field(default_factory=dict)


def _days(start, end, tz=None) -> float:
    """Calendar days between two moments or dates, in local time (tens of thousands of
    rows: the time zone is looked up once by the caller)."""
    tz = tz or timezone.get_current_timezone()
    if isinstance(start, datetime.datetime):
        start = start.astimezone(tz).date()
    if isinstance(end, datetime.datetime):
        end = end.astimezone(tz).date()
    return float((end - start).days)


def _in(value, period: Period) -> bool:
    if value is None:
        return False
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return period.van <= value < period.tot


def scoped_meldingen(*, gemeente: Gemeente | None, domein: str):
    qs = Melding.objects.all()
    if gemeente is not None:
        # A municipality sees the reports behind the dossiers that involve it.
        qs = qs.filter(dossiers__betrokken_gemeenten=gemeente).distinct()
    if domein:
        qs = qs.filter(domein=domein)
    return qs


def scoped_dossiers(*, gemeente: Gemeente | None, domein: str):
    qs = Dossier.objects.all()
    if gemeente is not None:
        qs = qs.filter(betrokken_gemeenten=gemeente)
    if domein:
        qs = qs.filter(domein=domein)
    return qs


def compute(
    *, periode: Period, gemeente: Gemeente | None = None, domein: str = "", kern: bool = False
) -> Figures:
    """All figures of a period; with ``kern`` only those the commentary compares (the
    previous period's), which is about half the work."""
    start, end = periode.bounds()
    figures = Figures(periode=periode, gemeente=gemeente, domein=domein)
    meldingen = scoped_meldingen(gemeente=gemeente, domein=domein)
    received = meldingen.filter(ontvangen_op__gte=start, ontvangen_op__lt=end)
    figures.meldingen = received.count()
    dossiers = scoped_dossiers(gemeente=gemeente, domein=domein)
    figures.dossiers_geopend = dossiers.filter(geopend_op__gte=start, geopend_op__lt=end).count()
    figures.dossiers_gesloten = dossiers.filter(
        afgesloten_op__gte=start, afgesloten_op__lt=end
    ).count()
    figures.termijnen_per_soort = deadlines_per_kind(
        periode, meldingen, None if gemeente is None and not domein else dossiers
    )
    figures.termijnen_gehaald = sum(d.gehaald for d in figures.termijnen_per_soort.values())
    figures.termijnen_gemist = sum(d.gemist for d in figures.termijnen_per_soort.values())
    if kern:
        figures.doorlooptijden = {"ontvangen_gewogen": _received_weighed(periode, meldingen)}
        return figures
    figures.meldingen_per_kanaal = _count(received, "kanaal")
    figures.meldingen_per_aard = _count(received.exclude(aard=""), "aard")
    figures.meldingen_per_domein = _count(received.exclude(domein=""), "domein")
    weighed = Weging.objects.filter(melding__in=received)
    figures.meldingen_per_ernst = _count(weighed, "ernst")
    figures.meldingen_per_route = _count(weighed, "route")
    per_month = (
        received.annotate(maand=TruncMonth("ontvangen_op"))
        .values("maand")
        .annotate(n=Count("id"))
        .order_by("maand")
    )
    figures.meldingen_per_maand = {f"{row['maand']:%Y-%m}": row["n"] for row in per_month}

    figures.dossiers_open_per_status = _count(
        dossiers.exclude(status=DossierStatus.AFGESLOTEN), "status"
    )
    measures = Counter()
    for maatregelen in Besluit.objects.filter(
        dossier__in=dossiers, datum__gte=periode.van, datum__lt=periode.tot
    ).values_list("maatregelen", flat=True):
        measures.update(maatregelen)
    figures.maatregelen = dict(measures.most_common())
    figures.doorlooptijden = _throughput(periode, meldingen, dossiers)
    figures.sancties = sanction_amounts(periode, dossiers)
    # By name only what anyone may know: a secret dossier (and the reports behind it)
    # counts in the totals, never beside its provider (need to know, DESIGN.md section 4).
    figures.per_zorgaanbieder = _per_provider(
        received.exclude(pk__in=hidden_reports(None)),
        dossiers.exclude(pk__in=hidden_dossiers(None).values("pk")),
        start,
        end,
    )
    # The comparison between municipalities is for the region's view only.
    figures.per_gemeente = [] if gemeente else _per_municipality(domein, start, end)
    return figures


SANCTION_STEPS = {
    "verbeurd": TrajectStap.Soort.VERBEURTE,
    "ingevorderd": TrajectStap.Soort.INVORDERINGSBESLUIT,
    "kosten_bestuursdwang": TrajectStap.Soort.UITVOERING,
    "kosten_verhaald": TrajectStap.Soort.KOSTENVERHAAL,
    "betaald": TrajectStap.Soort.BETALING,
}


def sanction_amounts(periode: Period, dossiers) -> dict[str, Decimal]:
    """The sanctions' amounts dated in the period, per kind (``SANCTION_STEPS``)."""
    rows = dict(
        TrajectStap.objects.filter(
            traject__dossier__in=dossiers,
            soort__in=SANCTION_STEPS.values(),
            datum__gte=periode.van,
            datum__lt=periode.tot,
        )
        .values("soort")
        .annotate(totaal=Sum("bedrag"))
        .values_list("soort", "totaal")
    )
    cents = Decimal("0.01")
    return {
        key: (rows.get(soort) or Decimal(0)).quantize(cents)
        for key, soort in SANCTION_STEPS.items()
    }


def _count(qs, field_name: str) -> dict:
    rows = qs.values(field_name).annotate(n=Count("pk")).order_by("-n", field_name)
    return {row[field_name]: row["n"] for row in rows}


def _throughput(periode: Period, meldingen, dossiers) -> dict[str, Spread]:
    start, end = periode.bounds()
    tz = timezone.get_current_timezone()
    weighed_meeting, meeting_decision, decision_closed = [], [], []
    rows = (
        dossiers.annotate(
            gewogen=Min("meldingen__weging__gewogen_op"),
            eerste_overleg=Min("agendapunten__overleg__datum"),
        )
        .filter(
            # Only dossiers with a phase ending in the period; the rest cannot count.
            Q(eerste_overleg__gte=start, eerste_overleg__lt=end)
            | Q(besluit__datum__gte=periode.van, besluit__datum__lt=periode.tot)
            | Q(afgesloten_op__gte=start, afgesloten_op__lt=end)
        )
        .values("pk", "gewogen", "eerste_overleg", "afgesloten_op", "besluit__datum")
    )
    last_meeting = dict(
        dossiers.filter(besluit__datum__gte=periode.van, besluit__datum__lt=periode.tot)
        .annotate(
            laatste=Max(
                "agendapunten__overleg__datum",
                filter=Q(agendapunten__conclusie="advies_voorbereiden"),
            )
        )
        .values_list("pk", "laatste")
    )
    for row in rows:
        if row["gewogen"] and row["eerste_overleg"] and _in(row["eerste_overleg"], periode):
            weighed_meeting.append(_days(row["gewogen"], row["eerste_overleg"], tz))
        meeting = last_meeting.get(row["pk"])
        if meeting and row["besluit__datum"] and _in(row["besluit__datum"], periode):
            meeting_decision.append(_days(meeting, row["besluit__datum"], tz))
        if row["besluit__datum"] and row["afgesloten_op"] and _in(row["afgesloten_op"], periode):
            decision_closed.append(_days(row["besluit__datum"], row["afgesloten_op"], tz))
    return {
        "ontvangen_gewogen": _received_weighed(periode, meldingen),
        "gewogen_overleg": spread(weighed_meeting),
        "overleg_besluit": spread(meeting_decision),
        "besluit_gesloten": spread(decision_closed),
    }


def _received_weighed(periode: Period, meldingen) -> Spread:
    start, end = periode.bounds()
    weighed = Weging.objects.filter(gewogen_op__gte=start, gewogen_op__lt=end)
    if meldingen.query.has_filters():  # a municipality's or a domain's (the region: all)
        weighed = weighed.filter(melding__in=meldingen)
    return spread_of(weighed, "melding__ontvangen_op", "gewogen_op")


def deadlines_per_kind(periode: Period, meldingen, dossiers=None) -> dict[str, Deadlines]:
    """Every term whose last day fell in the period, met or not, per kind (DVO BW/MO
    art. 3.8 sub a: the half-year report on how the work was done). The counting rule
    is in this module's docstring. ``dossiers``: the terms of these dossiers only; None,
    every term of the region (also one that belongs to no dossier)."""
    today = timezone.localdate()
    result = {soort: Deadlines() for soort in Termijn.Soort.values}
    terms = Termijn.objects.filter(uiterlijk__gte=periode.van, uiterlijk__lt=periode.tot)
    if dossiers is not None:
        terms = terms.filter(dossier__in=dossiers)
    terms = terms.annotate(
        opgeschort_vanaf=Max("opschortingen__van", filter=Q(opschortingen__tot__isnull=True))
    ).values_list("soort", "status", "uiterlijk", "afgerond_op", "opgeschort_vanaf")
    for soort, status, uiterlijk, afgerond_op, opgeschort_vanaf in terms:
        outcome = _term_outcome(status, uiterlijk, afgerond_op, opgeschort_vanaf, today)
        if outcome is not None:
            counts = result.setdefault(soort, Deadlines())
            if outcome:
                counts.gehaald += 1
            else:
                counts.gemist += 1
    result[ACUUT] = _acute_follow_up(periode, meldingen, today)
    return result


def _term_outcome(status, uiterlijk, afgerond_op, opgeschort_vanaf, today) -> bool | None:
    """True: met; False: not met; None: not decided yet."""
    if status == Termijn.Status.AFGEROND:
        if afgerond_op is None:
            return None
        return timezone.localtime(afgerond_op).date() <= uiterlijk
    if uiterlijk >= today:
        return None  # its last day has not passed
    if status == Termijn.Status.OPGESCHORT and opgeschort_vanaf and opgeschort_vanaf <= uiterlijk:
        return None  # suspended before it ran out: its end moves when it is resumed
    return False


def _acute_follow_up(periode: Period, meldingen, today) -> Deadlines:
    """The tasks of the reports in scope that record a due date (the same-day follow-up
    of an acute report) and fell due in the period: met or missed."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Task

    counts = Deadlines()
    start, end = periode.bounds()
    for data, finished in Task.objects.filter(
        data__has_key="uiterlijk",
        created__lt=end,
        process__artifact_content_type=ContentType.objects.get_for_model(Melding),
        process__artifact_object_id__in=meldingen.values("pk"),
    ).values_list("data", "finished"):
        due = datetime.date.fromisoformat(data["uiterlijk"])
        if not _in(due, periode) or due >= today:
            continue
        if finished is not None and timezone.localtime(finished).date() <= due:
            counts.gehaald += 1
        else:
            counts.gemist += 1
    return counts


def _per_provider(received, dossiers, start, end) -> list[dict]:
    reports = dict(
        received.values("zorgaanbieder__naam")
        .annotate(n=Count("pk"))
        .values_list("zorgaanbieder__naam", "n")
    )
    opened = dict(
        dossiers.filter(geopend_op__gte=start, geopend_op__lt=end)
        .values("zorgaanbieder__naam")
        .annotate(n=Count("pk"))
        .values_list("zorgaanbieder__naam", "n")
    )
    names = sorted(set(reports) | set(opened), key=lambda n: (-reports.get(n, 0), n or ""))
    return [
        {"zorgaanbieder": n, "meldingen": reports.get(n, 0), "dossiers": opened.get(n, 0)}
        for n in names
        if n
    ]


def _per_municipality(domein: str, start, end) -> list[dict]:
    """Dossiers opened per involved municipality, for benchmarking: municipalities with
    limited participation are left out of this comparison (seed 000 art. 2.2.g)."""
    limited = set(Deelname.objects.filter(beperkt=True).values_list("gemeente_id", flat=True))
    result = []
    qs = Dossier.objects.filter(geopend_op__gte=start, geopend_op__lt=end)
    if domein:
        qs = qs.filter(domein=domein)
    counts = dict(
        qs.values("betrokken_gemeenten")
        .annotate(n=Count("pk"))
        .values_list("betrokken_gemeenten", "n")
    )
    for gemeente in Gemeente.objects.exclude(pk__in=limited).order_by("naam"):
        result.append(
            {
                "gemeente": gemeente.naam,
                "code": gemeente.code,
                "dossiers": counts.get(gemeente.pk, 0),
            }
        )
    return result


def commentary(current: Figures, previous: Figures) -> list[str]:
    """Short generated remarks on notable changes against the previous period."""
    lines = []

    def compare(label: str, now: float, before: float, unit: str = "") -> None:
        if before == 0 and now == 0:
            return
        if before == 0:
            lines.append(f"{label}: {now:g}{unit} (vorige periode geen).")
            return
        change = (now - before) / before * 100
        if abs(change) >= 20:
            direction = "steeg" if change > 0 else "daalde"
            lines.append(
                f"{label} {direction} van {before:g}{unit} naar {now:g}{unit} ({change:+.0f}%)."
            )

    compare("Het aantal meldingen", current.meldingen, previous.meldingen)
    compare("Het aantal geopende dossiers", current.dossiers_geopend, previous.dossiers_geopend)
    compare("Het aantal gesloten dossiers", current.dossiers_gesloten, previous.dossiers_gesloten)
    now, before = (
        current.doorlooptijden["ontvangen_gewogen"].mediaan,
        previous.doorlooptijden["ontvangen_gewogen"].mediaan,
    )
    if now is not None and before is not None:
        compare("De mediane tijd van ontvangst tot weging", now, before, " dagen")
    if current.termijnen_gemist:
        lines.append(f"{current.termijnen_gemist} termijn(en) werden niet gehaald.")
    if not lines:
        lines.append("Geen opvallende verschillen met de vorige periode.")
    return lines
