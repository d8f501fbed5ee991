"""Every figure against a hand-counted fixture (see the comments for the counts)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from dossieroverleg.models import Agendapunt, Besluit, Dossier, Inzet, Overleg
from meldpunt.models import Melding, Weging
from rapportage.figures import Period, compute, spread
from rapportage.kosten import share_per_municipality
from rapportage.report import half_year_pdf
from regio.roles import Rol
from tests.regio.factories import ContractFactory, ZorgaanbiederFactory

ROB_ZONDER_WIJCHEN = ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944"]
H1 = Period.half_year(2026, 1)


def at(y, m, d, hh=12, mm=0):
    return timezone.make_aware(datetime.datetime(y, m, d, hh, mm))


@pytest.fixture
def world(regio, make_user):
    user = make_user(Rol.MELDPUNT)
    aanbieder = ZorgaanbiederFactory(naam="Zorg A")
    contract = ContractFactory(
        referentie="ROB-1", zorgaanbieder=aanbieder, partijen=ROB_ZONDER_WIJCHEN
    )

    def melding(nr, ontvangen, kanaal="telefoon", gewogen=None, route="", domein="wmo"):
        m = Melding.objects.create(
            nummer=nr,
            kanaal=kanaal,
            ontvangen_op=ontvangen,
            omschrijving="x",
            domein=domein,
            aard="kwaliteit",
            zorgaanbieder=aanbieder,
            status="gewogen",
        )
        m.contracten.add(contract)
        if gewogen:
            Weging.objects.create(
                melding=m,
                aard="kwaliteit",
                domein=domein,
                ernst="midden",
                aannemelijkheid="mogelijk",
                motivering="x",
                route=route,
                gewogen_op=gewogen,
                gewogen_door=user,
            )
        return m

    # Received 2025-12-20, weighed 2026-01-05: 16 days, ends in H1 2026 (year boundary).
    m1 = melding("RMZ-2025-00099", at(2025, 12, 20), gewogen=at(2026, 1, 5), route="doorgeleid")
    m2 = melding("RMZ-2026-00001", at(2026, 1, 10), gewogen=at(2026, 1, 12), route="geen_vervolg")
    m3 = melding(
        "RMZ-2026-00002",
        at(2026, 2, 1),
        kanaal="webformulier",
        gewogen=at(2026, 2, 11),
        route="naar_handhaving",
    )
    m4 = melding("RMZ-2026-00003", at(2026, 6, 30, 23, 30))  # last evening of H1
    m5 = melding("RMZ-2026-00004", at(2026, 7, 1, 0, 10))  # first minutes of H2
    dossier = Dossier.objects.create(
        nummer="HH-2026-0001",
        zorgaanbieder=aanbieder,
        domein="wmo",
        geopend_op=at(2026, 2, 12),
        afgesloten_op=at(2026, 5, 1),
        status="afgesloten",
    )
    dossier.meldingen.add(m3)
    dossier.contracten.add(contract)
    dossier.betrokken_gemeenten.set(contract.gemeenten.all())
    overleg = Overleg.objects.create(
        datum=at(2026, 3, 10, 10), voorzitter=user, secretaris=user, status="verslag_vastgesteld"
    )
    Agendapunt.objects.create(overleg=overleg, dossier=dossier, conclusie="advies_voorbereiden")
    Besluit.objects.create(
        dossier=dossier,
        datum=datetime.date(2026, 4, 1),
        maatregelen=["aanwijzing"],
        bekendmaking_op=datetime.date(2026, 4, 2),
        vastgelegd_door=user,
    )
    return {"m": [m1, m2, m3, m4, m5], "dossier": dossier, "user": user, "melding": melding}


def test_report_counts_by_period_channel_and_route(world):
    f = compute(periode=H1)
    assert f.meldingen == 3  # m2, m3, m4; m1 fell in 2025, m5 in H2
    assert f.meldingen_per_kanaal == {"telefoon": 2, "webformulier": 1}
    assert f.meldingen_per_route == {"geen_vervolg": 1, "naar_handhaving": 1}
    assert f.meldingen_per_maand == {"2026-01": 1, "2026-02": 1, "2026-06": 1}
    assert f.meldingen_per_domein == {"wmo": 3}


def test_throughput_medians_count_in_the_period_of_their_end_across_the_year_boundary(world):
    f = compute(periode=H1)
    weighing = f.doorlooptijden["ontvangen_gewogen"]
    assert (weighing.n, weighing.mediaan, weighing.p90) == (3, 10.0, 16.0)  # [16, 2, 10]
    assert f.doorlooptijden["gewogen_overleg"].mediaan == 27.0  # 11 Feb -> 10 Mar
    assert f.doorlooptijden["overleg_besluit"].mediaan == 22.0  # 10 Mar -> 1 Apr
    assert f.doorlooptijden["besluit_gesloten"].mediaan == 30.0  # 1 Apr -> 1 May
    previous = compute(periode=H1.previous())
    assert previous.periode == Period(datetime.date(2025, 7, 1), datetime.date(2026, 1, 1))
    assert previous.meldingen == 1 and previous.doorlooptijden["ontvangen_gewogen"].n == 0


def test_dossiers_opened_closed_open_and_measures(world):
    f = compute(periode=H1)
    assert (f.dossiers_geopend, f.dossiers_gesloten) == (1, 1)
    assert f.dossiers_open_per_status == {}
    assert f.maatregelen == {"aanwijzing": 1}
    assert f.per_zorgaanbieder == [{"zorgaanbieder": "Zorg A", "meldingen": 3, "dossiers": 1}]


def test_wijchen_is_left_out_of_the_benchmark(world):
    rows = {r["code"]: r["dossiers"] for r in compute(periode=H1).per_gemeente}
    assert "GM0296" not in rows
    assert rows["GM0225"] == 1 and rows["GM0281"] == 0


def test_a_municipality_counts_only_its_own_dossiers(world, regio):
    druten = compute(periode=H1, gemeente=regio["GM0225"])
    assert (druten.meldingen, druten.dossiers_geopend) == (1, 1)  # m3 is behind its dossier
    tiel = compute(periode=H1, gemeente=regio["GM0281"])
    assert (tiel.meldingen, tiel.dossiers_geopend, tiel.maatregelen) == (0, 0, {})
    assert tiel.per_gemeente == []


def test_percentile_is_nearest_rank():
    assert spread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p90 == 9.0
    assert spread([5]).mediaan == 5.0 and spread([]).n == 0


def test_the_pdf_report_contains_the_figures(world):
    pdf = half_year_pdf(periode=H1)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Managementrapportage" in text and "1 januari 2026 t/m 30 juni 2026" in text
    assert "Zorg A" in text and "ontvangst → weging" in text
    assert "Het aantal meldingen steeg van 1 naar 3 (+200%)." in text


def test_cost_sharing_applies_the_keys(world, regio):
    dossier = world["dossier"]
    Inzet.objects.create(
        dossier=dossier,
        datum=datetime.date(2026, 3, 1),
        uren=Decimal("10"),
        bedrag=Decimal("1000"),
        omschrijving="onderzoek",
    )
    bwmo = Dossier.objects.create(
        nummer="HH-2026-0002", zorgaanbieder=dossier.zorgaanbieder, domein="bw_mo"
    )
    Inzet.objects.create(
        dossier=bwmo, datum=datetime.date(2026, 3, 2), bedrag=Decimal("100"), omschrijving="bezoek"
    )
    rows = {r["gemeente"]: r for r in share_per_municipality(jaar=2026, uurtarief=Decimal("100"))}
    # ROB key without Wijchen (not party): Nijmegen 1485059 / 2268596 of EUR 1000 = 654.62,
    # plus its BW/MO share of 44.5% of EUR 100 = 44.50.
    assert rows["GM0268"]["bedrag"] == Decimal("699.12")
    assert rows["GM0268"]["uren"] == Decimal("6.55")
    assert rows["GM0268"]["totaal"] == Decimal("1354.12")
    # Wijchen only shares in the BW/MO dossier: 6.9% of EUR 100.
    assert rows["GM0296"]["bedrag"] == Decimal("6.90") and rows["GM0296"]["uren"] == 0
    assert rows["GM0281"]["bedrag"] == Decimal("8.30")  # Tiel, BW/MO only
    assert abs(sum(r["bedrag"] for r in rows.values()) - Decimal("1100")) <= Decimal("0.05")


def test_dashboard_for_staff_and_for_a_municipality(world, client, make_user, regio):
    client.force_login(make_user(Rol.TEAMLEIDER, username="tl"))
    page = client.get("/rapportage/dashboard/?van=2026-01-01&tot=2026-07-01").content.decode()
    assert "<svg" in page and "Zorg A" in page and "<td>Wijchen</td>" not in page
    assert "<td>Druten</td>" in page
    client.force_login(make_user(Rol.GEMEENTE, username="tiel", gemeente=regio["GM0281"]))
    page = client.get("/rapportage/dashboard/?van=2026-01-01&tot=2026-07-01&gemeente=")
    assert "Zorg A" not in page.content.decode()
    assert client.get("/rapportage/kostenverdeling.csv").status_code == 403
    pdf = client.get("/rapportage/halfjaar.pdf?van=2026-01-01&tot=2026-07-01")
    assert pdf["Content-Type"] == "application/pdf"


def test_figures_are_closed_to_users_without_a_role(client, make_user, regio):
    client.force_login(make_user(Rol.KOPPELING, username="systeem"))
    assert client.get("/rapportage/dashboard/").status_code == 403
    assert client.get("/rapportage/tabellen.zip").status_code == 403


def test_sample_report_for_the_docs(world):
    """With SCREENSHOTS=1, writes docs/rapportage-voorbeeld.pdf from this fixture."""
    import os
    from pathlib import Path

    pdf = half_year_pdf(periode=H1)
    assert pdf.startswith(b"%PDF")
    if os.environ.get("SCREENSHOTS"):
        (Path(__file__).resolve().parents[2] / "docs" / "rapportage-voorbeeld.pdf").write_bytes(pdf)


def test_generate_volume_fills_a_small_volume(db):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("generate_volume", meldingen=300, dossiers=40, stdout=out)
    assert Melding.objects.count() == 300 and Weging.objects.count() == 300
    assert Dossier.objects.count() == 40
    assert "300 meldingen en 40 dossiers aangemaakt" in out.getvalue()


@pytest.mark.postgres
def test_postgresql_counts_the_same_spread_as_python(world):
    """The region's throughput times are counted by PostgreSQL where the rows are
    (``spread_of``); it gives what ``spread`` gives on the same rows: local calendar days
    (across the change to summer time), the median of an even count, nearest rank."""
    from rapportage.figures import _days, spread_of

    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime(2026, 3, 28, 23, 30))
    for n, days in enumerate([0, 1, 3, 3, 8, 13, 21, 40]):
        world["melding"](
            f"RMZ-T-{n}",
            start + datetime.timedelta(hours=n),
            gewogen=start + datetime.timedelta(days=days, hours=2),
            route="geen_vervolg",
        )
    rows = Weging.objects.filter(melding__nummer__startswith="RMZ-T-")
    expected = spread(
        [_days(a, b, tz) for a, b in rows.values_list("melding__ontvangen_op", "gewogen_op")]
    )
    assert expected.n == 8
    assert spread_of(rows, "melding__ontvangen_op", "gewogen_op") == expected
    assert spread_of(rows.none(), "melding__ontvangen_op", "gewogen_op").n == 0
