import datetime
import io
import shutil
from decimal import Decimal

import pytest
from docx import Document

from juridisch import sancties
from juridisch import services as juridisch
from tests.dossieroverleg.conftest import (  # noqa: F401 - fixtures shared with the dossier tests
    client_for,
    decided_dossier,
    people,
    rob_contract,
)
from tests.dossieroverleg.test_opvolging import at

D = datetime.date

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui",
)


def docx_text(inhoud: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(inhoud)).paragraphs)


def pdf_text(inhoud: bytes) -> str:
    from pypdf import PdfReader

    # A line break in the PDF falls between words; the text is compared with single spaces.
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(inhoud)).pages)
    return " ".join(text.split())


def read(document) -> bytes:
    with document.bestand.open("rb") as handle:
        return handle.read()


@pytest.fixture
def dwangsom(people, rob_contract):  # noqa: F811 - the shared fixtures imported above
    """A last onder dwangsom of a decision of the college of 4 January 2027: the intention
    of 1 February, the decision notified on Monday 15 February 2027 (its objection term
    ends on Tuesday 30 March: six weeks end on Easter Monday), and the order: € 500,00 a
    day up to € 5.000,00 after a compliance period of 28 days (Monday 15 March)."""
    jurist = people["jurist"]
    jurist.first_name, jurist.last_name = "Jan", "de Jurist"
    jurist.save()
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["last_onder_dwangsom"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )
    with at(D(2027, 2, 1)):
        traject = juridisch.open_trajectory(
            dossier=dossier, maatregel="last_onder_dwangsom", by=jurist, voornemen_op=D(2027, 2, 1)
        )
    with at(D(2027, 2, 15)):
        besluit = juridisch.record_primary_decision(
            traject=traject, by=jurist, datum=D(2027, 2, 15), bekendmaking_op=D(2027, 2, 15)
        )
    with at(D(2027, 2, 16)):
        sancties.impose_order(
            traject=traject,
            by=jurist,
            lastgeving="Zorg voor een gekwalificeerde medewerker in elke dienst.",
            begunstiging_dagen=28,
            bedrag=Decimal("500"),
            per="dag",
            maximum=Decimal("5000"),
        )
    return besluit
