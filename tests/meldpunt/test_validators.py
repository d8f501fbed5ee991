import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from meldpunt.validators import check_bijlage, validate_bsn, validate_no_bsn

from .conftest import GELDIG_BSN


def elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def test_a_valid_bsn_passes():
    validate_bsn(GELDIG_BSN)
    validate_bsn("123456782")


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "12345678", "1234567890", "12345678a"])
def test_an_invalid_bsn_is_refused(bsn):
    with pytest.raises(ValidationError):
        validate_bsn(bsn)


@pytest.mark.parametrize(
    "text", ["BSN 123456782.", "123456782", "cliënt(123456782)", "Zie bsn:123456782 en 1"]
)
def test_free_text_with_a_bsn_is_refused(text):
    with pytest.raises(ValidationError, match="burgerservicenummer"):
        validate_no_bsn(text)


@pytest.mark.parametrize(
    "text", ["", "Drie cliënten verhuisd.", "Order 123456789", "IBAN 1234567820", "12345678"]
)
def test_free_text_without_a_bsn_passes(text):
    validate_no_bsn(text)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_check_agrees_with_the_elfproef(digits):
    valid = elfproef(digits) and digits != "000000000"
    try:
        validate_bsn(digits)
    except ValidationError:
        assert not valid
    else:
        assert valid


def test_pdf_is_accepted_by_its_content():
    assert check_bijlage(name="brief.pdf", head=b"%PDF-1.7\n...", size=100) == "application/pdf"


def test_a_disguised_file_is_refused():
    with pytest.raises(ValidationError, match="past niet bij de extensie"):
        check_bijlage(name="brief.pdf", head=b"MZ\x90\x00 executable", size=100)


def test_an_unknown_type_is_refused():
    with pytest.raises(ValidationError, match="niet aangenomen"):
        check_bijlage(name="virus.exe", head=b"MZ", size=100)


def test_an_oversized_file_is_refused():
    with pytest.raises(ValidationError, match="te groot"):
        check_bijlage(name="foto.png", head=b"\x89PNG\r\n\x1a\n", size=11 * 1024 * 1024)
