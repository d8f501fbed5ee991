"""A municipality leaves (seed 002 art. 9.6): its archive is complete, checkable and can be
read back; a changed archive is refused; its data is removed with a statement."""

import hashlib
import io
import json
import zipfile

import jsonschema
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from dossieroverleg import services as dossier_services
from dossieroverleg.models import BetrokkenheidWijziging, Document, Dossier
from juridisch import services as juridisch
from juridisch.models import TrajectStap
from meldpunt import services as meldpunt_services
from meldpunt.models import Bijlage, Melding
from privacy import exit as uittreding
from privacy.archive import destroy_dossier, destroy_melding
from privacy.models import AuditRegel
from regio.models import Contactpersoon, Contract, Nummerreeks, Vestiging, Zorgaanbieder
from regio.records import store_document
from regio.roles import Rol
from termijnen.models import Termijn
from tests.dossieroverleg.conftest import decided_dossier, report_to_enforcement
from tests.regio.factories import ContactpersoonFactory, ContractFactory, ZorgaanbiederFactory

DRUTEN = "GM0225"


@pytest.fixture
def storage(settings, tmp_path):
    # A storage of this test's own: the files it finds are this test's files.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


@pytest.fixture
def privacy_officer(make_user):
    return make_user(Rol.PRIVACY, username="privacy")


def loose_report(*, contract, gemeente, by):
    """A registered report without a dossier."""
    return meldpunt_services.receive(
        intake=meldpunt_services.Intake(
            kanaal="telefoon",
            omschrijving="Signaal zonder dossier.",
            domein=contract.domein,
            zorgaanbieder=contract.zorgaanbieder,
            vestiging_gemeente=gemeente,
            contracten=[contract],
            clienten=[meldpunt_services.ClientGegevens(naam="Kees Klant")],
            bijlagen=[meldpunt_services.Upload(naam="foto's melding.txt", inhoud=b"BIJLAGE-LOS")],
        ),
        by=by,
    )


@pytest.fixture
def druten(storage, people, rob_contract, second_contract, regio):
    """Druten's work: a shared Wmo dossier with a decision, a legal trajectory and
    documents; a shared youth dossier with an escalation; a Druten-only dossier; a report
    without a dossier; a contact person."""
    shared = decided_dossier(
        people,
        rob_contract,
        maatregelen=["ingebrekestelling"],
        datum=timezone.localdate(),
        bekendmaking_op=timezone.localdate(),
    )
    shared.vestigingen.add(Vestiging.objects.get(zorgaanbieder=rob_contract.zorgaanbieder))
    dossier_services.add_document(
        dossier=shared,
        by=people["handhaver"],
        upload=meldpunt_services.Upload(naam="rapport.txt", inhoud=b"DOSSIERDOCUMENT-1"),
    )
    store_document(
        Bijlage(melding=shared.meldingen.get()),
        naam="verslag.txt",
        inhoud=b"BIJLAGE-BIJ-DOSSIER",
        content_type="text/plain",
    )
    traject = juridisch.open_trajectory(
        dossier=shared, maatregel="ingebrekestelling", by=people["jurist"], termijn_dagen=14
    )
    juridisch.add_step_documents(
        stap=TrajectStap.objects.get(traject=traject),
        by=people["jurist"],
        uploads=[meldpunt_services.Upload(naam="ingebrekestelling.txt", inhoud=b"BRIEF-STAP")],
    )

    youth, _new = dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=second_contract)
    )
    dossier_services.escalate(
        dossier=youth,
        by=people["handhaver"],
        woongemeente=regio[DRUTEN],
        vraag="Wie regelt de zorg?",
        datum=timezone.localdate(),
    )

    eigen = ContractFactory(
        referentie="DRU-WMO-2026-001",
        zorgaanbieder=ZorgaanbiederFactory(naam="Druten Zorg", kvk_nummer="12121212"),
        partijen=[DRUTEN],
    )
    alone, _new = dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=eigen)
    )
    loose = loose_report(contract=eigen, gemeente=regio[DRUTEN], by=people["intake"])
    ContactpersoonFactory(gemeente=regio[DRUTEN])
    return {
        "shared": Dossier.objects.get(pk=shared.pk),
        "youth": Dossier.objects.get(pk=youth.pk),
        "alone": Dossier.objects.get(pk=alone.pk),
        "loose": loose,
    }


@pytest.fixture
def other_report(druten, people, regio):
    wijchen = ContractFactory(
        referentie="WIJ-WMO-2026-001",
        zorgaanbieder=ZorgaanbiederFactory(naam="Wijchen Wonen", kvk_nummer="34343434"),
        partijen=["GM0296"],
    )
    return loose_report(contract=wijchen, gemeente=regio["GM0296"], by=people["intake"])


def export(gemeente, by) -> tuple[bytes, dict]:
    out = io.BytesIO()
    manifest = uittreding.export_municipality(gemeente=gemeente, by=by, fileobj=out)
    return out.getvalue(), manifest


def db_counts() -> dict[str, int]:
    return {e.name: e.model.objects.count() for e in uittreding.ENTITIES}


def wipe() -> None:
    """Remove every row the archive holds, as in a system that never had them."""
    for dossier in Dossier.objects.all():
        destroy_dossier(dossier)
    for melding in Melding.objects.all():
        destroy_melding(melding)
    Contract.objects.all().delete()
    Zorgaanbieder.objects.all().delete()
    assert not any(db_counts().values())


def test_published_schema_is_what_the_models_say():
    assert uittreding.load_schema() == json.loads(json.dumps(uittreding.build_schema()))


def test_archive_follows_the_schema_and_its_checksums_hold(
    druten, other_report, privacy_officer, regio
):
    content, manifest = export(regio[DRUTEN], privacy_officer)
    archive = zipfile.ZipFile(io.BytesIO(content))

    schema = json.loads(uittreding.SCHEMA_PATH.read_text())
    data = json.loads(archive.read("data.json"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert schema["$id"] == manifest["schema"]["id"]

    assert json.loads(archive.read("manifest.json")) == manifest
    names = set(archive.namelist())
    listed = {entry["pad"] for entry in manifest["bestanden"]}
    assert listed == names - {"manifest.json", "SHA256SUMS"}
    for entry in manifest["bestanden"]:
        body = archive.read(entry["pad"])
        assert (len(body), hashlib.sha256(body).hexdigest()) == (entry["grootte"], entry["sha256"])
    sums = dict(
        reversed(line.split("  ", 1)) for line in archive.read("SHA256SUMS").decode().splitlines()
    )
    assert sums["manifest.json"] == hashlib.sha256(archive.read("manifest.json")).hexdigest()

    numbers = {x["nummer"] for x in data["dossiers"]}
    assert numbers == {druten[k].nummer for k in ("shared", "youth", "alone")}
    reports = {x["nummer"] for x in data["meldingen"]}
    assert druten["loose"].nummer in reports
    assert other_report.nummer not in reports
    assert other_report.nummer not in content.decode("latin-1")  # not in CSV or paths either
    assert "WIJ-WMO-2026-001" not in content.decode("latin-1")

    shared = next(x for x in data["dossiers"] if x["nummer"] == druten["shared"].nummer)
    assert shared["trajecten"][0]["stappen"] and shared["besluit"]["maatregelen"]
    assert DRUTEN in shared["betrokken_gemeenten"]
    document = next(x for x in shared["documenten"] if x["naam"] == "rapport.txt")
    assert document["bestand"].startswith(f"documenten/{druten['shared'].nummer}/")
    assert archive.read(document["bestand"]) == b"DOSSIERDOCUMENT-1"
    loose = next(x for x in data["meldingen"] if x["nummer"] == druten["loose"].nummer)
    assert archive.read(loose["bijlagen"][0]["bestand"]) == b"BIJLAGE-LOS"
    assert loose["doorgeleiding"] is None and loose["weging"] is None

    header = archive.read("csv/dossiers.csv").decode("utf-8").splitlines()[0]
    assert header.startswith("id;nummer;status;")
    rows = archive.read("csv/traject_stappen.csv").decode("utf-8").splitlines()
    assert len(rows) - 1 == manifest["aantallen"]["traject_stappen"] > 0
    assert AuditRegel.objects.filter(actie="exporteren", object_id=DRUTEN).exists()


def test_reimport_recreates_every_row(druten, privacy_officer, regio):
    before = db_counts()
    statuses = dict(Dossier.objects.values_list("nummer", "status"))
    involved = {
        d.nummer: sorted(d.betrokken_gemeenten.values_list("code", flat=True))
        for d in Dossier.objects.all()
    }
    report_of_shared = druten["shared"].meldingen.get().nummer
    content, manifest = export(regio[DRUTEN], privacy_officer)
    assert manifest["aantallen"] == before

    with pytest.raises(ValidationError, match="bestaat al"):
        uittreding.import_archive(fileobj=io.BytesIO(content), by=privacy_officer)

    wipe()
    counts = uittreding.import_archive(fileobj=io.BytesIO(content), by=privacy_officer)

    assert counts == manifest["aantallen"] == before == db_counts()
    assert dict(Dossier.objects.values_list("nummer", "status")) == statuses
    assert {
        d.nummer: sorted(d.betrokken_gemeenten.values_list("code", flat=True))
        for d in Dossier.objects.all()
    } == involved
    shared = Dossier.objects.get(nummer=druten["shared"].nummer)
    assert shared.meldingen.get().nummer == report_of_shared
    stap = TrajectStap.objects.get(traject__dossier=shared)
    assert stap.termijn.dossier == shared
    # Every running term is watched again, from its due date.
    running = Termijn.objects.filter(status="lopend")
    assert running.exists() and not running.filter(volgende_controle__isnull=True).exists()
    assert Document.objects.get(stap=stap).bestand.read() == b"BRIEF-STAP"
    for row in [*Document.objects.all(), *Bijlage.objects.all()]:
        with default_storage.open(row.bestand.name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == row.sha256
    year, last = druten["alone"].nummer.split("-")[1:]
    assert Nummerreeks.objects.get(reeks="HH", jaar=int(year)).laatste >= int(last)


def test_a_changed_archive_is_refused(druten, privacy_officer, regio):
    content, manifest = export(regio[DRUTEN], privacy_officer)
    source = zipfile.ZipFile(io.BytesIO(content))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as tampered:
        changed = False
        for name in source.namelist():
            body = source.read(name)
            if name.startswith("documenten/") and not changed:
                body = bytes([body[0] ^ 1]) + body[1:]
                changed = True
            tampered.writestr(name, body)
    wipe()

    with pytest.raises(ValidationError, match="gewijzigd"):
        uittreding.import_archive(fileobj=io.BytesIO(target.getvalue()), by=privacy_officer)
    assert not any(db_counts().values())


def test_removal_needs_the_typed_code_and_leaves_shared_dossiers(druten, privacy_officer, regio):
    gemeente = regio[DRUTEN]
    with pytest.raises(ValidationError):
        uittreding.remove_municipality(gemeente=gemeente, by=privacy_officer, bevestiging="Druten")
    assert Dossier.objects.filter(pk=druten["alone"].pk).exists()

    pdf = uittreding.remove_municipality(gemeente=gemeente, by=privacy_officer, bevestiging=DRUTEN)

    assert pdf.startswith(b"%PDF")
    assert not Dossier.objects.filter(pk=druten["alone"].pk).exists()
    assert not Melding.objects.filter(pk=druten["loose"].pk).exists()
    for key in ("shared", "youth"):
        dossier = Dossier.objects.get(pk=druten[key].pk)
        assert DRUTEN not in dossier.betrokken_gemeenten.values_list("code", flat=True)
        assert dossier.betrokken_gemeenten.exists()
        wijziging = BetrokkenheidWijziging.objects.filter(dossier=dossier).last()
        assert (wijziging.verwijderd, wijziging.reden) == ([DRUTEN], "uittreding")
    assert not Dossier.objects.filter(betrokken_gemeenten=gemeente).exists()
    assert not Contactpersoon.objects.filter(gemeente=gemeente).exists()
    assert not druten_user_active()
    destroyed = set(
        AuditRegel.objects.filter(actie="vernietigen", object_id=DRUTEN).values_list(
            "nummer", flat=True
        )
    )
    assert {druten["alone"].nummer, druten["loose"].nummer} <= destroyed

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert druten["alone"].nummer in text and druten["shared"].nummer in text


def druten_user_active() -> bool:
    from django.contrib.auth.models import User

    return User.objects.get(username="druten").is_active


def test_only_the_privacy_officer_may(druten, people, privacy_officer, regio):
    content, _manifest = export(regio[DRUTEN], privacy_officer)
    for user in (people["handhaver"], people["druten"]):
        with pytest.raises(PermissionDenied):
            export(regio[DRUTEN], user)
        with pytest.raises(PermissionDenied):
            uittreding.import_archive(fileobj=io.BytesIO(content), by=user)
        with pytest.raises(PermissionDenied):
            uittreding.remove_municipality(gemeente=regio[DRUTEN], by=user, bevestiging=DRUTEN)
    assert Dossier.objects.filter(pk=druten["alone"].pk).exists()


def test_commands_export_import_and_remove(druten, privacy_officer, regio, tmp_path):
    archive, statement = tmp_path / "druten.zip", tmp_path / "verklaring.pdf"
    out = io.StringIO()
    call_command(
        "uittreding_export",
        "--gemeente", DRUTEN, "--uit", str(archive), "--gebruiker", "privacy",
        stdout=out,
    )  # fmt: skip
    assert "[" in out.getvalue() and "#" in out.getvalue()
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))

    wipe()
    out = io.StringIO()
    call_command("uittreding_import", str(archive), stdout=out)
    assert "#" in out.getvalue() and f"dossiers: {manifest['aantallen']['dossiers']}" in (
        out.getvalue()
    )
    assert db_counts() == manifest["aantallen"]

    with pytest.raises(Exception, match="bevestig"):
        call_command(
            "uittreding_verwijder",
            "--gemeente", DRUTEN, "--bevestig", "GM0268", "--gebruiker", "privacy",
            "--verklaring", str(statement),
        )  # fmt: skip
    call_command(
        "uittreding_verwijder",
        "--gemeente", DRUTEN, "--bevestig", DRUTEN, "--gebruiker", "privacy",
        "--verklaring", str(statement),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert statement.read_bytes().startswith(b"%PDF")
    assert not Dossier.objects.filter(betrokken_gemeenten__code=DRUTEN).exists()
