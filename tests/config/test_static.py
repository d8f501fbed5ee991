"""With DEBUG off the app serves its own static files (WhiteNoise): the staff UI is drawn
by JavaScript and stylesheets, and without them not even the login form shows. They are
hashed (a new release is fetched anew), compressed and cached for a year."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

# What the login page does not use is left out, to keep the collection short.
LEFT_OUT = [
    *("drf_spectacular_sidecar", "rest_framework", "admin", "node_modules", "dash"),
    *("*.map", "*.woff", "*.woff2", "*.ttf", "*.eot", "*.svg", "*.otf"),
]


def test_with_debug_off_the_app_serves_hashed_compressed_static_files_cached_for_a_year(
    settings, tmp_path
):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=LEFT_OUT)

    client = Client()  # a new handler: WhiteNoise reads the collected files
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.content.decode())
    assert assets, "the login page loads its stylesheets and scripts"
    assert all(re.search(r"\.[0-9a-f]{12}\.(css|js)$", url) for url in assets), assets

    for url in assets:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert "max-age=315360000" in response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        assert response["Content-Encoding"] == "gzip"
        b"".join(response.streaming_content)
        response.close()
