"""Input checks of the meldpunt: BSN (elfproef), no BSN in free text, and uploaded
attachments."""

import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_BIJLAGE_BYTES = 10 * 1024 * 1024

# What we accept, recognised by the first bytes of the file, not by its name: a renamed
# executable is refused. Name -> (content type, extensions, signature check).
_ZIP = b"PK\x03\x04"
BIJLAGE_SOORTEN = {
    "pdf": ("application/pdf", {".pdf"}, lambda head: head.startswith(b"%PDF-")),
    "png": ("image/png", {".png"}, lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}, lambda head: head.startswith(b"\xff\xd8\xff")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {".docx"},
        lambda head: head.startswith(_ZIP),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        {".xlsx"},
        lambda head: head.startswith(_ZIP),
    ),
    "txt": ("text/plain", {".txt"}, lambda head: _is_text(head)),
    "eml": ("message/rfc822", {".eml"}, lambda head: _is_text(head)),
}


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def validate_bsn(value: str) -> None:
    """A BSN has 9 digits and passes the elfproef (weights 9..2 and -1, sum divisible by 11)."""
    if not value:
        return
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_format")
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True)
    )
    total -= int(value[8])
    if total % 11 != 0 or value == "000000000":
        raise ValidationError(_("Dit is geen geldig BSN (elfproef)."), code="bsn_elfproef")


NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def contains_bsn(text: str) -> bool:
    """Whether the text holds a nine-digit number that passes the elfproef."""
    for candidate in NINE_DIGITS.findall(text or ""):
        try:
            validate_bsn(candidate)
        except ValidationError:
            continue
        return True
    return False


def validate_no_bsn(value: str) -> None:
    """For free text that others read without need for personal data (municipalities'
    answers): a BSN has no place there (AVG art. 5 lid 1c, minimal data)."""
    if contains_bsn(value):
        raise ValidationError(
            _(
                "Deze tekst bevat een burgerservicenummer (BSN). Vermeld geen BSN of namen "
                "van cliënten: haal het nummer weg."
            ),
            code="bevat_bsn",
        )


def check_bijlage(*, name: str, head: bytes, size: int) -> str:
    """The content type of an acceptable attachment; a ValidationError otherwise."""
    if size > MAX_BIJLAGE_BYTES:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_BIJLAGE_BYTES)},
            code="bijlage_te_groot",
        )
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="bijlage_leeg")
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for content_type, extensions, matches in BIJLAGE_SOORTEN.values():
        if extension in extensions:
            if matches(head):
                return content_type
            raise ValidationError(
                _("De inhoud van het bestand past niet bij de extensie %(ext)s.")
                % {"ext": extension},
                code="bijlage_vermomd",
            )
    raise ValidationError(
        _(
            "Dit soort bestand wordt niet aangenomen. "
            "Toegestaan: pdf, png, jpg, docx, xlsx, txt, eml."
        ),
        code="bijlage_soort",
    )
