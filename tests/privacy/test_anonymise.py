"""Anonymisation: afterwards no identifying value is anywhere in the database or in the
stored files, and the management figures are what they were."""

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


@pytest.fixture
def closed_dossier(people, rob_contract, regio, settings, tmp_path):
    # A storage of this test's own, so the file search sees only this test's files.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }
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
        dossier_services.close_dossier(
            dossier=dossier, by=people["handhaver"], resultaat="maatregel_nagekomen"
        )
    return Dossier.objects.get(pk=dossier.pk)


def test_nothing_identifying_is_left_and_the_figures_stay(
    closed_dossier, settings, django_capture_on_commit_callbacks
):
    settings.ANONIMISEREN_NA_DAGEN = 30
    for value in IDENTIFYING:
        assert found_in_database(value) or found_in_files(value), f"test data missing: {value}"
    before = figures()

    with time_machine.travel(datetime.datetime(2027, 1, 20, tzinfo=datetime.UTC), tick=False):
        call_command("anonimiseer", verbosity=0)  # not due yet (closed 4 January)
    assert Dossier.objects.get(pk=closed_dossier.pk).geanonimiseerd_op is None

    with time_machine.travel(datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC), tick=False):
        from io import StringIO

        out = StringIO()
        call_command("anonimiseer", "--proef", stdout=out)
        assert closed_dossier.nummer in out.getvalue()
        assert Dossier.objects.get(pk=closed_dossier.pk).geanonimiseerd_op is None  # dry run
        # Files go once the transaction has committed (here: when the test says so).
        with django_capture_on_commit_callbacks(execute=True):
            call_command("anonimiseer", stdout=out)
        assert "[" in out.getvalue() and "#" in out.getvalue()  # the progress bar

    leaks = {v: found_in_database(v) + found_in_files(v) for v in IDENTIFYING}
    assert {v: where for v, where in leaks.items() if where} == {}
    assert figures() == before
    dossier = Dossier.objects.get(pk=closed_dossier.pk)
    assert dossier.geanonimiseerd_op is not None and dossier.resultaat == "maatregel_nagekomen"
    from privacy.models import AuditRegel

    assert AuditRegel.objects.filter(actie="anonimiseren", nummer=dossier.nummer).exists()
