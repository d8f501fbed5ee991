"""The client's address behind reverse proxies (TRUSTED_PROXY_HOPS): the public form's
rate limit counts per client, not per proxy, and the audit trail records the client."""

import pytest
from django.core.cache import cache
from django.core.checks import Warning as CheckWarning
from django.test import RequestFactory

from meldpunt.models import Melding
from privacy.models import AuditRegel
from regio.checks import rate_limit_cache
from regio.proxy import client_ip
from regio.roles import Rol
from tests.meldpunt.test_views import PUBLIEK

PROXY = "10.0.0.5"


@pytest.fixture
def fresh_limit(settings):
    settings.PUBLIC_FORM_RATE = "10/h"
    cache.clear()
    yield
    cache.clear()


def _post(client, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client.post("/melding/", PUBLIEK, REMOTE_ADDR=PROXY, **extra)


@pytest.mark.django_db
def test_behind_one_proxy_each_client_has_its_own_limit(client, regio, settings, fresh_limit):
    settings.TRUSTED_PROXY_HOPS = 1
    for n in range(12):
        assert _post(client, f"203.0.113.{n + 1}").status_code == 302
    for _ in range(9):
        assert _post(client, "198.51.100.7").status_code == 302
    assert _post(client, "198.51.100.7").status_code == 302  # the 10th
    assert _post(client, "198.51.100.7").status_code == 429  # the 11th
    # A client cannot escape by writing its own X-Forwarded-For: the proxy appends.
    assert _post(client, "192.0.2.1, 198.51.100.7").status_code == 429
    assert Melding.objects.count() == 22


@pytest.mark.django_db
def test_without_trusted_proxies_a_forged_header_does_not_help(client, regio, fresh_limit):
    for n in range(10):
        assert _post(client, f"203.0.113.{n + 1}").status_code == 302
    assert _post(client, "203.0.113.99").status_code == 429


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (0, "203.0.113.1", PROXY),
        (1, "192.0.2.9, 203.0.113.1", "203.0.113.1"),
        (2, "192.0.2.9, 203.0.113.1, 10.0.0.4", "203.0.113.1"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (2, "203.0.113.1", PROXY),  # fewer entries than proxies: not through them
        (1, "niet-een-adres", PROXY),
        (1, "", PROXY),
    ],
)
def test_client_ip_takes_the_address_the_trusted_proxies_saw(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_the_audit_row_stores_the_client_address(client, regio, make_user, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    cache.clear()
    assert _post(client, "203.0.113.20").status_code == 302
    melding = Melding.objects.get()
    client.force_login(make_user(Rol.MELDPUNT, username="intake"))
    page = client.get(
        f"/meldpunt/melding/{melding.pk}/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.21"
    )
    assert page.status_code == 200
    row = AuditRegel.objects.filter(actie="lezen", nummer=melding.nummer).latest("id")
    assert row.ip == "203.0.113.21"


def test_a_per_process_cache_for_the_rate_limit_is_warned_about_without_debug(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.DEBUG = False
    settings.PUBLIC_FORM_RATE = "10/h"
    [warning] = rate_limit_cache(None)
    assert isinstance(warning, CheckWarning) and warning.id == "regio.W001"
    settings.DEBUG = True
    assert rate_limit_cache(None) == []
    settings.DEBUG = False
    settings.PUBLIC_FORM_RATE = None
    assert rate_limit_cache(None) == []
    settings.PUBLIC_FORM_RATE = "10/h"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
        }
    }
    assert rate_limit_cache(None) == []
