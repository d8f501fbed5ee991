"""The half-year report counts every statutory term of the period, per kind: met when it
was closed on or before its last day, not met when closed after it or still open after it
(DVO BW/MO art. 3.8 sub a: twice a year an analysed management report)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from dossieroverleg.models import Dossier
from rapportage.figures import ACUUT, Period, compute
from rapportage.report import csv_tables, half_year_pdf
from termijnen.models import Opschorting, Termijn
from tests.regio.factories import ContractFactory, ZorgaanbiederFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
H1 = Period.half_year(2026, 1)
H2 = Period.half_year(2026, 2)
Soort = Termijn.Soort


def local(y, m, d, hh=12, mm=0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=AMSTERDAM)


def term(dossier, soort, uiterlijk, *, afgerond_op=None, status=None, opgeschort_vanaf=None):
    status = status or (Termijn.Status.AFGEROND if afgerond_op else Termijn.Status.LOPEND)
    termijn = Termijn.objects.create(
        dossier=dossier,
        soort=soort,
        omschrijving=str(soort),
        start=uiterlijk - datetime.timedelta(days=14),
        uiterlijk_kalender=uiterlijk,
        uiterlijk=uiterlijk,
        status=status,
        afgerond_op=afgerond_op,
    )
    if opgeschort_vanaf:
        Opschorting.objects.create(termijn=termijn, van=opgeschort_vanaf, reden="stukken")
    return termijn


@pytest.fixture
def terms(regio):
    aanbieder = ZorgaanbiederFactory(naam="Zorg A")
    contract = ContractFactory(zorgaanbieder=aanbieder, partijen=["GM0268", "GM0225"])
    wmo = Dossier.objects.create(nummer="HH-2026-0001", zorgaanbieder=aanbieder, domein="wmo")
    wmo.contracten.add(contract)
    wmo.betrokken_gemeenten.set(contract.gemeenten.all())
    bwmo = Dossier.objects.create(nummer="HH-2026-0002", zorgaanbieder=aanbieder, domein="bw_mo")
    bwmo.betrokken_gemeenten.set([regio["GM0281"]])

    # Closed late in the evening of its last day (still that day in Nijmegen): met.
    term(wmo, Soort.ZIENSWIJZE, datetime.date(2026, 3, 2), afgerond_op=local(2026, 3, 2, 23, 30))
    # Closed half an hour after its last day (still that day in UTC): not met.
    term(
        wmo, Soort.BEZWAARTERMIJN, datetime.date(2026, 4, 10), afgerond_op=local(2026, 4, 11, 0, 30)
    )
    # Still open after its last day: not met.
    term(wmo, Soort.NAZORG, datetime.date(2026, 5, 1))
    # On the half year's last day: one met, one still open (not met).
    term(wmo, Soort.MEERWERK, datetime.date(2026, 6, 30), afgerond_op=local(2026, 6, 29))
    term(wmo, Soort.MEERWERK, datetime.date(2026, 6, 30))
    # Suspended before it ran out: it does not run, so it is not counted yet ...
    term(
        wmo,
        Soort.BESLISTERMIJN_BEZWAAR,
        datetime.date(2026, 5, 10),
        status=Termijn.Status.OPGESCHORT,
        opgeschort_vanaf=datetime.date(2026, 5, 1),
    )
    # ... but a term suspended only after it had run out was not met.
    term(
        wmo,
        Soort.BESLISTERMIJN_BEZWAAR,
        datetime.date(2026, 5, 20),
        status=Termijn.Status.OPGESCHORT,
        opgeschort_vanaf=datetime.date(2026, 6, 1),
    )
    # Outside the half year: the previous one, and the next.
    term(wmo, Soort.HERINSPECTIE, datetime.date(2025, 12, 31))
    term(wmo, Soort.HERINSPECTIE, datetime.date(2026, 7, 10))
    term(wmo, Soort.HERINSPECTIE, datetime.date(2026, 7, 20))
    # Another municipality's dossier: aftercare arranged a day late.
    term(bwmo, Soort.NAZORG, datetime.date(2026, 2, 2), afgerond_op=local(2026, 2, 3))
    return {"wmo": wmo, "bwmo": bwmo}


def counts(figures) -> dict[str, tuple[int, int]]:
    return {
        soort: (d.gehaald, d.gemist)
        for soort, d in figures.termijnen_per_soort.items()
        if d.gehaald or d.gemist
    }


@time_machine.travel(local(2026, 7, 15))
def test_the_half_year_report_counts_every_term_per_kind_met_or_not(terms):
    f = compute(periode=H1)
    assert counts(f) == {
        Soort.ZIENSWIJZE: (1, 0),
        Soort.BEZWAARTERMIJN: (0, 1),
        Soort.NAZORG: (0, 2),  # Wmo: still open; BW/MO: a day late
        Soort.MEERWERK: (1, 1),
        Soort.BESLISTERMIJN_BEZWAAR: (0, 1),
    }
    assert (f.termijnen_gehaald, f.termijnen_gemist) == (2, 5)
    # Every kind is listed, a kind without terms with zeros; the acute follow-up too.
    assert set(f.termijnen_per_soort) == {*Soort.values, ACUUT}
    # The next half year so far: a term past its last day counts, one still running not.
    assert counts(compute(periode=H2)) == {Soort.HERINSPECTIE: (0, 1)}


@time_machine.travel(local(2026, 7, 15))
def test_a_municipality_counts_the_terms_of_its_own_dossiers(terms, regio):
    assert counts(compute(periode=H1, gemeente=regio["GM0281"])) == {Soort.NAZORG: (0, 1)}
    druten = compute(periode=H1, gemeente=regio["GM0225"])
    assert (druten.termijnen_gehaald, druten.termijnen_gemist) == (2, 4)
    assert counts(compute(periode=H1, domein="bw_mo")) == {Soort.NAZORG: (0, 1)}


@time_machine.travel(local(2026, 7, 15))
def test_the_pdf_and_the_tables_show_the_terms_per_kind(terms):
    f = compute(periode=H1)
    table = csv_tables(f)["termijnen_per_soort.csv"].splitlines()
    assert table[0] == "soort;gehaald;niet_gehaald"
    assert "nazorg;0;2" in table and "zienswijze;1;0" in table
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(half_year_pdf(periode=H1))).pages
    )
    assert "termijnen gehaald / niet gehaald" in text
    assert "alternatieve zorg regelen 0 2" in text and "zienswijze op het voornemen 1 0" in text
