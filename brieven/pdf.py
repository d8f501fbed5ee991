"""A .docx to PDF with LibreOffice headless (docs/adr/0010-brieven-docxtpl-libreoffice.md).

Each conversion runs in a fresh temporary folder with a LibreOffice profile of its own
(``-env:UserInstallation``): two conversions at the same time would otherwise share the
user's profile and the second one would fail or wait. The program is the setting
``BRIEVEN_SOFFICE`` (a name on the PATH or a full path); a conversion that takes longer
than ``BRIEVEN_SOFFICE_TIMEOUT`` seconds is stopped.
"""

import logging
import os
import shutil
import signal
import subprocess  # noqa: S404 - LibreOffice is started without a shell, with fixed arguments
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def soffice() -> str | None:
    """The full path of LibreOffice's ``soffice``, or None when it is not installed."""
    return shutil.which(settings.BRIEVEN_SOFFICE)


def _refused(reason: str) -> ValidationError:
    return ValidationError(
        _("De PDF kon niet worden gemaakt: %(reden)s Het concept blijft bewaard.")
        % {"reden": reason},
        code="pdf_mislukt",
    )


def docx_to_pdf(inhoud: bytes) -> bytes:
    """The PDF of the Word document ``inhoud``; a ValidationError with the reason when
    LibreOffice is missing, fails or takes too long."""
    program = soffice()
    if program is None:
        raise _refused(_("LibreOffice (soffice) is niet geïnstalleerd op de server."))
    with tempfile.TemporaryDirectory(prefix="brief-") as folder:
        work = Path(folder)
        source = work / "brief.docx"
        source.write_bytes(inhoud)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profiel').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        # A session of its own: on a timeout the whole process group (soffice starts
        # soffice.bin) is stopped, not only the script that started it.
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _out, err = process.communicate(timeout=settings.BRIEVEN_SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            logger.warning("LibreOffice stopped after %s seconds", settings.BRIEVEN_SOFFICE_TIMEOUT)
            raise _refused(_("LibreOffice deed er te lang over.")) from None
        result = work / "brief.pdf"
        if process.returncode != 0 or not result.exists():
            # The error output names only our temporary file, never the letter's content.
            logger.warning(
                "LibreOffice failed (exit %s): %s",
                process.returncode,
                err.decode("utf-8", "replace")[:500],
            )
            raise _refused(_("LibreOffice kon het document niet omzetten."))
        return result.read_bytes()
