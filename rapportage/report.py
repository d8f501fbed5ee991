"""The dashboard's and the half-year report's content: figures, charts, tables, remarks."""

import csv
import io
import zipfile

from django.template.loader import render_to_string

from dossieroverleg.models import Maatregel
from dossieroverleg.models import Status as DossierStatus
from dossieroverleg.pdf import render_pdf
from meldpunt.models import Aard, Ernst, Kanaal, Route
from regio.models import Domein
from termijnen.models import Termijn

from .charts import bar_chart
from .figures import ACUUT, Figures, Period, commentary, compute

THROUGHPUT_LABELS = {
    "ontvangen_gewogen": "ontvangst → weging",
    "gewogen_overleg": "weging → overleg",
    "overleg_besluit": "overleg → besluit",
    "besluit_gesloten": "besluit → afsluiting",
}
DEADLINE_LABELS = {**dict(Termijn.Soort.choices), ACUUT: "acute melding dezelfde dag opvolgen"}


def charts(figures: Figures, fmt: str = "svg") -> dict[str, str]:
    medians = {k: v.mediaan for k, v in figures.doorlooptijden.items() if v.mediaan is not None}
    specs = {
        "maand": ("Meldingen per maand", figures.meldingen_per_maand, {}, {}),
        "route": ("Besluit na weging", figures.meldingen_per_route, dict(Route.choices), {}),
        "aard": ("Meldingen naar aard", figures.meldingen_per_aard, dict(Aard.choices), {}),
        "status": (
            "Open dossiers per status",
            figures.dossiers_open_per_status,
            dict(DossierStatus.choices),
            {"horizontal": True},
        ),
        "doorloop": (
            "Mediane doorlooptijd per fase",
            medians,
            THROUGHPUT_LABELS,
            {"horizontal": True, "unit": " d"},
        ),
        "maatregelen": (
            "Genomen maatregelen",
            figures.maatregelen,
            dict(Maatregel.choices),
            {"horizontal": True},
        ),
    }
    return {
        name: bar_chart(title, values, labels=labels, fmt=fmt, **options)
        for name, (title, values, labels, options) in specs.items()
    }


def context(*, periode: Period, gemeente=None, domein: str = "", chart_format: str = "svg") -> dict:
    current = compute(periode=periode, gemeente=gemeente, domein=domein)
    previous = compute(periode=periode.previous(), gemeente=gemeente, domein=domein, kern=True)
    return {
        "f": current,
        "vorige": previous,
        "opmerkingen": commentary(current, previous),
        "grafieken": charts(current, chart_format),
        "grafiek_formaat": chart_format,
        "labels": {
            "kanaal": dict(Kanaal.choices),
            "aard": dict(Aard.choices),
            "ernst": dict(Ernst.choices),
            "route": dict(Route.choices),
            "domein": dict(Domein.choices),
            "status": dict(DossierStatus.choices),
            "maatregel": dict(Maatregel.choices),
            "doorloop": THROUGHPUT_LABELS,
            "termijn": DEADLINE_LABELS,
        },
    }


def half_year_pdf(*, periode: Period, gemeente=None, domein: str = "") -> bytes:
    html = render_to_string(
        "rapportage/halfjaar.html",
        context(periode=periode, gemeente=gemeente, domein=domein, chart_format="png"),
    )
    return render_pdf(html)


def csv_tables(figures: Figures) -> dict[str, str]:
    """The report's tables as CSV files (semicolon, as Dutch spreadsheets expect)."""
    tables = {
        "meldingen_per_kanaal.csv": (["kanaal", "aantal"], figures.meldingen_per_kanaal.items()),
        "meldingen_per_aard.csv": (["aard", "aantal"], figures.meldingen_per_aard.items()),
        "meldingen_per_domein.csv": (["domein", "aantal"], figures.meldingen_per_domein.items()),
        "meldingen_per_ernst.csv": (["ernst", "aantal"], figures.meldingen_per_ernst.items()),
        "meldingen_per_route.csv": (["route", "aantal"], figures.meldingen_per_route.items()),
        "meldingen_per_maand.csv": (["maand", "aantal"], figures.meldingen_per_maand.items()),
        "dossiers_open_per_status.csv": (
            ["status", "aantal"],
            figures.dossiers_open_per_status.items(),
        ),
        "maatregelen.csv": (["maatregel", "aantal"], figures.maatregelen.items()),
        "sancties.csv": (
            ["bedrag", "euro"],
            # A decimal comma, as Dutch spreadsheets read it.
            [(k, f"{v:.2f}".replace(".", ",")) for k, v in figures.sancties.items()],
        ),
        "termijnen_per_soort.csv": (
            ["soort", "gehaald", "niet_gehaald"],
            [(k, v.gehaald, v.gemist) for k, v in figures.termijnen_per_soort.items()],
        ),
        "doorlooptijden.csv": (
            ["fase", "aantal", "mediaan_dagen", "p90_dagen"],
            [(k, v.n, v.mediaan, v.p90) for k, v in figures.doorlooptijden.items()],
        ),
        "per_zorgaanbieder.csv": (
            ["zorgaanbieder", "meldingen", "dossiers"],
            [
                (r["zorgaanbieder"], r["meldingen"], r["dossiers"])
                for r in figures.per_zorgaanbieder
            ],
        ),
        "per_gemeente.csv": (
            ["gemeente", "code", "dossiers"],
            [(r["gemeente"], r["code"], r["dossiers"]) for r in figures.per_gemeente],
        ),
        "kerncijfers.csv": (
            ["cijfer", "waarde"],
            [
                ("meldingen", figures.meldingen),
                ("dossiers_geopend", figures.dossiers_geopend),
                ("dossiers_gesloten", figures.dossiers_gesloten),
                ("termijnen_gehaald", figures.termijnen_gehaald),
                ("termijnen_gemist", figures.termijnen_gemist),
            ],
        ),
    }
    result = {}
    for name, (header, rows) in tables.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        result[name] = buffer.getvalue()
    return result


def csv_zip(figures: Figures) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in csv_tables(figures).items():
            archive.writestr(name, content)
    return buffer.getvalue()
