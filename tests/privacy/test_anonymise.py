"""Archive before anonymisation (DVO BW/MO art. 9; Archiefwet 1995 art. 3; seed 000
Bijlage 1 art. 3): after the configured term only what is not part of a closed dossier's
record goes (the reporter's contact details, copies in workflow data); the case file stays
whole until its archive action date, and once it is destroyed no identifying value is
anywhere in the database or in the stored files. The management figures stay."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from dossieroverleg import services as dossier_services
from dossieroverleg.models import Dossier, Onderzoeksactiviteit
from juridisch import services as juridisch
from juridisch.models import TrajectStap
from meldpunt import services
from meldpunt.models import Client, Melding
from rapportage.figures import Period, compute
from regio.records import store_document
from tests.dossieroverleg.conftest import decided_dossier

IDENTIFYING = [
    "Klaas Unieknaam",
    "123456782",  # a valid BSN (elfproef)
    "Jantje Meldernaam",
    "jantje.melder@example.org",
    "0612398765",
    "Cliënt Klaas viel op 3 maart",
    "Medewerker Truus Bevinding",
    "Buurvrouw Anneke Advies",
    "Zoon Bert Besluit",
    "Dochter Door Traject",
    "GEHEIME-BIJLAGE-INHOUD",
    "GEHEIM-DOSSIERDOCUMENT",
]


def text_columns():
    """Every text-like column of every table of the project."""
    for model in apps.get_models():
        table = model._meta.db_table
        for field in model._meta.concrete_fields:
            if field.get_internal_type() in (
                "CharField",
                "TextField",
                "EmailField",
                "JSONField",
                "SlugField",
                "FileField",
            ):
                yield table, field.column


def found_in_database(value: str) -> list[str]:
    hits = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(  # names from the models, not from input
                f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE %s',  # noqa: S608
                [f"%{value}%"],
            )
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
    return hits


def found_in_files(value: str) -> list[str]:
    from django.core.files.storage import default_storage

    root = Path(default_storage.location)
    return [str(p) for p in root.rglob("*") if p.is_file() and value.encode() in p.read_bytes()]


def figures():
    result = compute(periode=Period(datetime.date(2026, 1, 1), datetime.date(2028, 1, 1)))
    return {k: v for k, v in vars(result).items() if k != "periode"}


# Not part of the case file: gone after the configured term (seed 000 Bijlage 1 art. 3).
OUTSIDE_RECORD = ["Jantje Meldernaam", "jantje.melder@example.org", "0612398765", "Wim Taakdata"]
# The case file: whole until its archive action date (DVO BW/MO art. 9).
CASE_FILE = [v for v in IDENTIFYING if v not in OUTSIDE_RECORD]


@pytest.fixture
def closed_dossier(people, rob_contract, regio, settings, tmp_path):
    # A storage of this test's own, so the file search sees only this test's files.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    return make_closed_dossier(people, rob_contract, regio, resultaat="maatregel_nagekomen")


def _workflow_copy(obj, flow_class) -> None:
    """A name typed into a task of the object's flow, as viewflow keeps it."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Process, Task

    process = Process.objects.create(
        flow_class=flow_class,
        artifact_content_type=ContentType.objects.get_for_model(obj),
        artifact_object_id=obj.pk,
        data={"notitie": "Wim Taakdata belde"},
    )
    Task.objects.create(
        process=process, flow_task=flow_class.start, data={"melder": "Wim Taakdata"}
    )


def make_closed_dossier(people, rob_contract, regio, *, resultaat: str) -> Dossier:
    """A decided dossier with personal data everywhere, closed on 4 January 2027."""
    from workflows.flows import HandhavingFlow, MeldingFlow

    with time_machine.travel(
        datetime.datetime(2027, 1, 4, 10, tzinfo=timezone.get_default_timezone()), tick=False
    ):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["ingebrekestelling"],
            datum=datetime.date(2027, 1, 4),
            bekendmaking_op=datetime.date(2027, 1, 4),
        )
        melding = dossier.meldingen.get()
        Melding.objects.filter(pk=melding.pk).update(
            melder_naam="Jantje Meldernaam",
            melder_email="jantje.melder@example.org",
            melder_telefoon="0612398765",
            omschrijving="Cliënt Klaas viel op 3 maart en kreeg geen hulp.",
        )
        Client.objects.create(
            melding=melding,
            naam="Klaas Unieknaam",
            bsn="123456782",
            geboortedatum=datetime.date(1941, 2, 3),
            woonplaats_gemeente=regio["GM0268"],
        )
        from meldpunt.models import Bijlage

        store_document(
            Bijlage(melding=melding),
            naam="verslag.txt",
            inhoud=b"GEHEIME-BIJLAGE-INHOUD over Klaas Unieknaam",
            content_type="text/plain",
        )
        Onderzoeksactiviteit.objects.filter(dossier=dossier).update(
            uitgevoerd_door="Medewerker Truus Bevinding",
            bevindingen="Gesproken met Buurvrouw Anneke Advies over Klaas Unieknaam.",
        )
        dossier_services.add_document(
            dossier=dossier,
            by=people["handhaver"],
            upload=services.Upload(naam="notitie.txt", inhoud=b"GEHEIM-DOSSIERDOCUMENT"),
        )
        traject = juridisch.open_trajectory(
            dossier=dossier,
            maatregel="ingebrekestelling",
            by=people["jurist"],
            termijn_dagen=14,
            toelichting="Zoon Bert Besluit belde over de ingebrekestelling.",
        )
        juridisch.record_outcome(
            stap=TrajectStap.objects.get(traject=traject),
            by=people["jurist"],
            uitkomst="nagekomen",
            toelichting="Dochter Door Traject bevestigde herstel.",
        )
        juridisch.close_trajectory(traject=traject, by=people["jurist"], uitkomst="nagekomen")
        _workflow_copy(melding, MeldingFlow)
        _workflow_copy(dossier, HandhavingFlow)
        dossier_services.close_dossier(dossier=dossier, by=people["handhaver"], resultaat=resultaat)
    return Dossier.objects.get(pk=dossier.pk)


def found(value: str) -> list[str]:
    return found_in_database(value) + found_in_files(value)


def test_after_the_term_only_what_is_outside_the_record_goes_and_the_case_file_stays(
    closed_dossier, settings, django_capture_on_commit_callbacks
):
    settings.ANONIMISEREN_NA_DAGEN = 30
    for value in IDENTIFYING + OUTSIDE_RECORD:
        assert found(value), f"test data missing: {value}"
    before = figures()
    documents = list(closed_dossier.documenten.values_list("pk", flat=True))

    with time_machine.travel(datetime.datetime(2027, 1, 20, tzinfo=datetime.UTC), tick=False):
        call_command("anonimiseer", verbosity=0)  # not due yet (closed 4 January)
    assert Dossier.objects.get(pk=closed_dossier.pk).geanonimiseerd_op is None

    with time_machine.travel(datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC), tick=False):
        from io import StringIO

        out = StringIO()
        call_command("anonimiseer", "--proef", stdout=out)
        assert closed_dossier.nummer in out.getvalue()
        assert Dossier.objects.get(pk=closed_dossier.pk).geanonimiseerd_op is None  # dry run
        # Files would go once the transaction has committed (here: when the test says so).
        with django_capture_on_commit_callbacks(execute=True):
            call_command("anonimiseer", stdout=out)
        assert "[" in out.getvalue() and "#" in out.getvalue()  # the progress bar

    # Not part of the record: the reporter's contact details, the copies in workflow data.
    assert {v: found(v) for v in OUTSIDE_RECORD if found(v)} == {}
    # The case file stays whole until its archive action date (DVO BW/MO art. 9).
    assert [v for v in CASE_FILE if not found(v)] == []
    dossier = Dossier.objects.get(pk=closed_dossier.pk)
    assert list(dossier.documenten.values_list("pk", flat=True)) == documents
    assert dossier.onderzoek_samenvatting == closed_dossier.onderzoek_samenvatting
    assert dossier.geanonimiseerd_op is not None and dossier.resultaat == "maatregel_nagekomen"
    assert figures() == before
    from privacy.models import AuditRegel

    assert AuditRegel.objects.filter(actie="anonimiseren", nummer=dossier.nummer).exists()
    # Once done, not again.
    with time_machine.travel(datetime.datetime(2027, 4, 1, tzinfo=datetime.UTC), tick=False):
        from privacy import anonymise

        assert anonymise.due().dossiers == []


def test_at_its_archive_date_a_dossier_to_destroy_goes_with_a_statement_leaving_nothing(
    closed_dossier, make_user, settings, django_capture_on_commit_callbacks
):
    """maatregel_nagekomen: vernietigen after 10 years. Until then it cannot be listed;
    after the reviewed list is approved nothing identifying is left."""
    from django.core.exceptions import ValidationError

    from privacy import archive
    from regio.roles import Rol

    settings.ANONIMISEREN_NA_DAGEN = 30
    officer = make_user(Rol.PRIVACY, username="fg")
    assert closed_dossier.archiefactiedatum == datetime.date(2037, 1, 4)
    with time_machine.travel(datetime.datetime(2036, 12, 1, tzinfo=datetime.UTC), tick=False):
        call_command("anonimiseer", verbosity=0)
        assert list(archive.due_for_destruction()) == []
        with pytest.raises(ValidationError):
            archive.create_batch(by=officer)
    assert [v for v in CASE_FILE if not found(v)] == []  # whole, ten years on

    with time_machine.travel(datetime.datetime(2037, 1, 5, 12, tzinfo=datetime.UTC), tick=False):
        lijst = archive.create_batch(by=officer)
        with django_capture_on_commit_callbacks(execute=True):
            archive.approve_batch(lijst=lijst, by=officer)
    assert not Dossier.objects.filter(pk=closed_dossier.pk).exists()
    assert {v: found(v) for v in IDENTIFYING + OUTSIDE_RECORD if found(v)} == {}


def test_at_its_archive_date_a_dossier_to_keep_is_transferred_in_the_exit_format_never_destroyed(
    people, rob_contract, regio, make_user, settings, tmp_path
):
    """aangifte_gedaan: blijvend bewaren, without a term of its own: transferred at the
    Archiefwet's twenty years (art. 12 lid 1), as the exit archive of the dossier."""
    import hashlib
    import io
    import json
    import zipfile

    from django.core.exceptions import PermissionDenied, ValidationError

    from privacy import archive
    from privacy.exit import validate
    from privacy.models import AuditRegel, Overbrenging
    from regio.roles import Rol

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
    settings.ANONIMISEREN_NA_DAGEN = 30
    dossier = make_closed_dossier(people, rob_contract, regio, resultaat="aangifte_gedaan")
    officer = make_user(Rol.PRIVACY, username="fg")
    assert dossier.archiefnominatie == "blijvend_bewaren"

    with time_machine.travel(datetime.datetime(2046, 12, 1, tzinfo=datetime.UTC), tick=False):
        call_command("anonimiseer", verbosity=0)
        assert list(archive.due_for_transfer()) == []
        assert list(archive.due_for_destruction()) == []
        with pytest.raises(ValidationError):
            archive.transfer_dossier(dossier=dossier, by=officer)
    assert [v for v in CASE_FILE if not found(v)] == []  # whole, nearly twenty years on

    with time_machine.travel(datetime.datetime(2047, 1, 5, 12, tzinfo=datetime.UTC), tick=False):
        assert list(archive.due_for_transfer()) == [dossier]
        with pytest.raises(PermissionDenied):
            archive.transfer_dossier(dossier=dossier, by=people["teamleider"])
        out = io.StringIO()
        call_command("overbrengen", "--gebruiker", "fg", "--proef", stdout=out)
        assert dossier.nummer in out.getvalue() and not Overbrenging.objects.exists()
        call_command("overbrengen", "--gebruiker", "fg", stdout=out)
        assert list(archive.due_for_transfer()) == []
        assert list(archive.due_for_destruction()) == []

    overbrenging = Overbrenging.objects.get(dossier=dossier)
    content = overbrenging.archief.read()
    assert hashlib.sha256(content).hexdigest() == overbrenging.sha256
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        data = json.loads(zipped.read("data.json"))
        validate(data)  # the published exit schema
        assert [x["nummer"] for x in data["dossiers"]] == [dossier.nummer]
        assert data["gemeente"]["code"] == "GM0268"
        names = zipped.namelist()
        assert "SHA256SUMS" in names and "manifest.json" in names
        files = b"".join(zipped.read(n) for n in names)
        assert b"GEHEIM-DOSSIERDOCUMENT" in files and b"GEHEIME-BIJLAGE-INHOUD" in files
        assert "Medewerker Truus Bevinding" in zipped.read("data.json").decode()
    # Marked transferred, kept whole, never destroyed.
    assert Dossier.objects.get(pk=dossier.pk).overbrenging == overbrenging
    assert [v for v in CASE_FILE if not found_in_database(v) and not found_in_files(v)] == []
    with pytest.raises(ValidationError):
        archive.destroy_dossier(dossier)
    with pytest.raises(ValidationError):
        archive.transfer_dossier(dossier=dossier, by=officer)  # once
    assert AuditRegel.objects.filter(actie="overbrengen", nummer=dossier.nummer).exists()
