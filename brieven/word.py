"""Word documents: is an upload a real .docx (and, for a template, are its merge fields
sound), and filling a template with a letter's merge data (docxtpl, Jinja fields such as
``{{ zorgaanbieder.naam }}`` in the text of the document).

Templates are uploaded by beheer and run on the server: their fields are evaluated in
Jinja's sandbox, which allows reading the merge data and nothing else.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from .merge import EXAMPLE, FIELDS

MAX_DOCX_BYTES = 5 * 1024 * 1024
# A .docx is a zip: what it unpacks to is limited too (a small zip can unpack to gigabytes).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def check_docx(*, naam: str, inhoud: bytes, grootte: int | None = None) -> None:
    """A ValidationError with a Dutch reason unless ``inhoud`` is a Word document (.docx)."""
    size = len(inhoud) if grootte is None else grootte
    if size > MAX_DOCX_BYTES:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_DOCX_BYTES)},
            code="docx_te_groot",
        )
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="docx_leeg")
    if not naam.lower().endswith(".docx"):
        raise ValidationError(
            _("Kies een Word-document (.docx); dit bestand heeft een andere extensie."),
            code="docx_extensie",
        )
    not_word = ValidationError(
        _("Dit is geen Word-document (.docx): het bestand is beschadigd of van een ander soort."),
        code="docx_geen_word",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise not_word from None
    if "word/document.xml" not in {e.filename for e in entries}:
        raise not_word
    if sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("Het Word-document is uitgepakt te groot; het maximum is %(max)s.")
            % {"max": filesizeformat(MAX_UNPACKED_BYTES)},
            code="docx_te_groot",
        )
    try:
        Document(io.BytesIO(inhoud))
    except Exception:  # python-docx raises many kinds for a broken package
        raise not_word from None


def _field_error(exc: TemplateError) -> ValidationError:
    near = " ".join(t.strip() for t in getattr(exc, "docx_context", []) or [] if t.strip())
    message = _("Een samenvoegveld in het sjabloon is niet in orde: %(fout)s.") % {
        "fout": exc.message or exc.__class__.__name__
    }
    if near:
        message += " " + _("In de buurt van: “%(tekst)s”.") % {"tekst": near[:200]}
    return ValidationError(message, code="sjabloon_veld")


def check_template(*, naam: str, inhoud: bytes, grootte: int | None = None) -> None:
    """A ValidationError with a Dutch reason unless ``inhoud`` is a .docx whose merge
    fields docxtpl can read, use only the known names, and fill the example data."""
    check_docx(naam=naam, inhoud=inhoud, grootte=grootte)
    try:
        used = DocxTemplate(io.BytesIO(inhoud)).get_undeclared_template_variables(
            jinja_env=_environment()
        )
    except TemplateError as exc:
        raise _field_error(exc) from None
    unknown = sorted(used - FIELDS)
    if unknown:
        raise ValidationError(
            _("Onbekende samenvoegvelden: %(velden)s. Beschikbaar zijn: %(bekend)s.")
            % {"velden": ", ".join(unknown), "bekend": ", ".join(sorted(FIELDS))},
            code="sjabloon_onbekend_veld",
        )
    render(inhoud, EXAMPLE)


def render(sjabloon: bytes, gegevens: dict) -> bytes:
    """The template ``sjabloon`` filled with ``gegevens``: a .docx. A field that cannot be
    filled is a ValidationError with the reason."""
    document = DocxTemplate(io.BytesIO(sjabloon))
    try:
        document.render(gegevens, jinja_env=_environment(), autoescape=True)
    except TemplateError as exc:
        raise _field_error(exc) from None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
