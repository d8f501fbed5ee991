"""Input the database cannot hold (a NUL byte; text that is not UTF-8) is refused with a
400 and a Dutch message, wherever it comes in, before any lookup or filter meets it.
PostgreSQL refuses NUL in text, which would otherwise end as a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from meldpunt.models import Melding
from regio.roles import Rol
from tests.meldpunt.conftest import aanbieder, contract, intaker, payload  # noqa: F401

pytestmark = pytest.mark.django_db

DUTCH = "ongeldig teken"


@pytest.fixture
def api(intaker):  # noqa: F811
    client = APIClient()
    client.force_authenticate(intaker)
    return client


@pytest.fixture
def teamleider(client, make_user, regio):
    client.force_login(make_user(Rol.TEAMLEIDER))
    return client


def _refused_as_json(response) -> None:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert DUTCH in response.json()["detail"]


def _refused_as_page(response) -> None:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Ongeldig verzoek" in html and DUTCH in html


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.update(contracten=["ROB-WMO\x00"]),
        lambda p: p.update(vestiging_gemeente="GM0268\x00"),
        lambda p: p["clienten"][0].update(woonplaats_gemeente="GM\x000225"),
        lambda p: p.update({"veld\x00": "x"}),
    ],
    ids=["contracten", "vestiging_gemeente", "woonplaats_gemeente", "key"],
)
def test_a_nul_byte_anywhere_in_a_json_body_is_refused(api, payload, change):  # noqa: F811
    change(payload)
    _refused_as_json(api.post("/api/v1/meldingen/", payload, format="json"))
    assert not Melding.objects.exists()


def test_a_json_body_that_is_not_utf8_is_refused(api):
    body = b'{"omschrijving": "caf\xe9"}'
    _refused_as_json(api.post("/api/v1/meldingen/", body, content_type="application/json"))


def test_a_json_escape_of_a_lone_surrogate_is_refused(api):
    body = b'{"omschrijving": "caf\\ud800", "zorgaanbieder": {"\\udfff": 1}}'
    _refused_as_json(api.post("/api/v1/meldingen/", body, content_type="application/json"))


def test_a_nul_byte_in_a_form_encoded_api_body_is_refused(api, payload):  # noqa: F811
    response = api.post(
        "/api/v1/meldingen/", {"vestiging_gemeente": "GM0268\x00"}, format="multipart"
    )
    _refused_as_json(response)
    response = api.put(
        "/api/v1/meldingen/RMZ-1/",
        "vestiging_gemeente=GM%00",
        content_type="application/x-www-form-urlencoded",
    )
    _refused_as_json(response)


@pytest.mark.parametrize("path", ["/api/v1/meldingen/RMZ%00/", "/api/v1/dossiers/HH%00/"])
def test_a_nul_byte_in_an_api_path_is_refused(api, path):
    _refused_as_json(api.get(path))


@pytest.mark.parametrize("param", ["q", "gemeente", "status"])
def test_a_nul_byte_in_a_filter_of_the_deadlines_api_is_refused(api, param):
    _refused_as_json(api.get(f"/api/v1/termijnen/?{param}=a%00b"))


@pytest.mark.parametrize(
    "url",
    [
        "/handhaving/dossiers/?q=a%00",
        "/handhaving/dossiers/?gemeente=GM%00",
        "/handhaving/dossiers/?status=%00",
        "/meldpunt/meldingen/?q=a%00",
        "/meldpunt/meldingen/?gemeente=GM%00",
        "/meldpunt/meldingen/?status=%00",
        "/rapportage/dashboard/?gemeente=GM%00",
        "/rapportage/dashboard/?van=2026-01-01%00",
        "/handhaving/dossiers/?q=caf%E9",
    ],
)
def test_a_nul_byte_or_broken_utf8_in_a_page_filter_is_refused(teamleider, url):
    _refused_as_page(teamleider.get(url))


def test_the_public_answer_page_refuses_a_nul_byte_in_its_link(client, regio):
    _refused_as_page(client.get("/melding/reactie/%00/"))


def test_the_public_form_refuses_a_nul_byte_in_a_field_but_not_in_a_file(client, regio):
    response = client.post("/melding/", {"omschrijving": "Slechte\x00zorg"})
    _refused_as_page(response)
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\x00\xff", content_type="application/pdf")
    response = client.post("/melding/", {"omschrijving": "Slechte zorg", "bijlagen": pdf})
    assert response.status_code == 200  # the form's own errors, not a refusal
    assert DUTCH not in response.content.decode()


def test_ordinary_non_ascii_input_passes(teamleider):
    assert teamleider.get("/handhaving/dossiers/?q=caf%C3%A9+%E2%82%AC").status_code == 200
