"""The product's own error pages: Dutch, in its style, with its name, and with a way back."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

from regio.roles import Rol

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    html = response.content.decode()
    assert "Django Material" not in html and "Handhaving Wmo en Jeugd" in html
    return html


def test_a_refusal_shows_its_reason_and_the_way_back(make_user):
    request = RequestFactory().get(
        "/handhaving/overleg/nieuw/", HTTP_REFERER="http://testserver/handhaving/dossiers/"
    )
    request.user = make_user(Rol.HANDHAVER)
    response = defaults.permission_denied(request, PermissionDenied("Alleen de secretaris."))
    html = _page(response)
    assert response.status_code == 403
    assert "Geen toegang" in html and "Reden" in html and "Alleen de secretaris." in html
    assert 'href="http://testserver/handhaving/dossiers/"' in html  # back
    assert "Naar de vorige pagina" in html and "Naar de startpagina" in html


def test_the_way_back_never_leads_to_another_site(make_user):
    request = RequestFactory().get("/privacy/", HTTP_REFERER="https://phishing.example.com/")
    request.user = make_user(Rol.HANDHAVER)
    html = _page(defaults.permission_denied(request, PermissionDenied()))
    assert "phishing" not in html and "Naar de vorige pagina" not in html
    assert "Naar de startpagina" in html and "Reden" not in html


def test_a_page_a_role_may_not_see_answers_with_the_product_page(make_user, client):
    client.force_login(make_user(Rol.MELDPUNT))
    response = client.get("/privacy/auditlog/", HTTP_REFERER="http://testserver/start/")
    html = _page(response)
    assert response.status_code == 403 and 'href="http://testserver/start/"' in html


def test_an_application_opens_on_the_first_page_the_user_may_see(make_user, client):
    """Not on the first page of its menu: a user who may see data breaches but not the
    audit log (the first page) lands on the breaches."""
    from django.contrib.auth.models import Permission

    user = make_user(Rol.PRIVACY)
    user.user_permissions.set(Permission.objects.filter(codename="view_datalek"))
    user.groups.clear()
    client.force_login(user)
    response = client.get("/privacy/")
    assert response.status_code == 302 and response["Location"] == "/privacy/datalekken/"


def test_not_found_and_server_error_are_dutch_pages(client, make_user):
    client.force_login(make_user(Rol.HANDHAVER))
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in _page(response)
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Er ging iets mis" in _page(response)
