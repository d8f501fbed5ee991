"""The API's description: the committed schema is the served one, and its documentation
page works offline (Swagger UI from drf-spectacular-sidecar) under a strict CSP."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
# What a CSP source may be without naming another host.
OWN_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:"}


def test_the_committed_schema_is_the_one_the_app_serves(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", file=str(generated))
    assert SCHEMA_FILE.read_text() == generated.read_text(), (
        "docs/openapi.yaml is out of date: run `make schema` and commit it"
    )


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(client, medewerker):
    client.force_login(medewerker)
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in urls
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), f"{url} is not installed"
    assert "<script>" not in page  # the start-up script is a file of its own

    script = [url for url in urls if "script" in url and "static" not in url]
    start = client.get(script[0])
    assert start.status_code == 200
    assert start["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in start.content.decode()


def test_the_docs_page_csp_names_no_other_host(client, medewerker):
    client.force_login(medewerker)
    policy = client.get("/api/v1/docs/")["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    for name, sources in directives.items():
        assert set(sources) <= OWN_SOURCES, f"{name}: {sources}"


def test_the_docs_need_a_login(client, regio):
    response = client.get("/api/v1/docs/")
    assert response.status_code in (401, 403)
