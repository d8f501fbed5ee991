import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from regio.models import Deelname, Gemeente, Samenwerkingsverband, Zorgaanbieder
from regio.reference import termijnen


def test_load_regio_twice_leaves_15_municipalities_and_3_arrangements_with_members(db):
    call_command("load_regio", verbosity=0)
    call_command("load_regio", verbosity=0)

    assert Gemeente.objects.count() == 15
    assert Samenwerkingsverband.objects.count() == 3
    members = {
        verband.code: verband.leden.count() for verband in Samenwerkingsverband.objects.all()
    }
    assert members == {"rob-rvn": 7, "bwmo-nr": 13, "rivierenland": 6}


def test_wijchen_takes_part_in_the_rob_only_in_a_limited_way(regio):
    deelname = Deelname.objects.get(samenwerkingsverband__code="rob-rvn", gemeente__code="GM0296")
    assert deelname.beperkt
    assert "art. 2 lid 2 sub g" in deelname.beperking
    assert not deelname.neemt_deel_aan_benchmark
    assert not Deelname.objects.get(
        samenwerkingsverband__code="bwmo-nr", gemeente__code="GM0296"
    ).beperkt


def test_cost_sharing_keys_are_loaded(regio):
    nijmegen = Deelname.objects.get(samenwerkingsverband__code="bwmo-nr", gemeente__code="GM0268")
    assert str(nijmegen.verdeelsleutel_pct) == "44.50"
    rob_total = sum(
        d.bijdrage_eur for d in Deelname.objects.filter(samenwerkingsverband__code="rob-rvn")
    )
    assert rob_total == 2579668


def test_load_regio_removes_a_member_no_longer_listed(regio, tmp_path):
    from django.conf import settings

    data = json.loads(settings.REGIO_DATA_FILE.read_text())
    data["samenwerkingsverbanden"][0]["leden"].remove("GM0296")
    path = tmp_path / "regio.json"
    path.write_text(json.dumps(data))

    call_command("load_regio", str(path), verbosity=0)

    assert not Deelname.objects.filter(
        samenwerkingsverband__code="rob-rvn", gemeente__code="GM0296"
    ).exists()


def test_load_regio_reports_a_missing_file_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("load_regio", str(tmp_path / "nope.json"), verbosity=0)


def test_shipped_reference_data_is_the_shared_copy():
    from pathlib import Path

    from django.conf import settings

    shared = Path(settings.BASE_DIR).parent / "shared" / "domain" / "regio.json"
    if not shared.exists():
        pytest.skip("../shared is not beside the project")
    assert json.loads(shared.read_text()) == json.loads(settings.REGIO_DATA_FILE.read_text())


def test_terms_come_from_the_reference_data():
    assert termijnen()["bezwaartermijn_weken"] == 6
    assert termijnen()["zienswijze_dagen"] == 14


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "abcdefgh"])
def test_kvk_number_must_have_exactly_8_digits(db, kvk):
    with pytest.raises(ValidationError) as error:
        Zorgaanbieder(naam="Aanbieder", kvk_nummer=kvk).full_clean()
    assert "8 cijfers" in str(error.value)


def test_valid_kvk_number_is_accepted(db):
    Zorgaanbieder(naam="Aanbieder", kvk_nummer="12345678").full_clean()


def test_bibob_flag_needs_a_date(db):
    with pytest.raises(ValidationError, match="datum"):
        Zorgaanbieder(naam="Aanbieder", bibob=True).full_clean()


def test_municipality_code_format_is_checked(db):
    with pytest.raises(ValidationError, match="GM gevolgd door 4 cijfers"):
        Gemeente(code="0268", naam="Nijmegen").full_clean()
