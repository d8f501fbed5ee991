"""Login security: a second factor (TOTP app, recovery codes), lock-out after repeated
failures, security headers, optional OpenID Connect."""

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from regio.roles import Rol


@pytest.fixture
def two_factor(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_a_staff_login_must_link_an_app_and_then_confirm_each_login(two_factor, make_user):
    user = make_user(Rol.HANDHAVER, username="hanna")
    client = Client()
    client.force_login(user)
    response = client.get("/handhaving/dossiers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/instellen/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/accounts/2fa/instellen/", {"code": "000000", "next": "/handhaving/"})
    assert wrong.status_code == 200 and "klopt niet" in wrong.content.decode()
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()  # a failure slows the next try
    done = client.post("/accounts/2fa/instellen/", {"code": code_for(device), "next": "/"})
    codes = done.context["codes"]
    assert done.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/handhaving/dossiers/").status_code == 200

    # The next login asks for a code; a recovery code works exactly once.
    again = Client()
    again.force_login(user)
    response = again.get("/handhaving/dossiers/")
    assert response["Location"].startswith("/accounts/2fa/?next=")
    assert again.post("/accounts/2fa/", {"code": codes[0], "next": "/"}).status_code == 302
    assert again.get("/handhaving/dossiers/").status_code == 200
    third = Client()
    third.force_login(user)
    reused = third.post("/accounts/2fa/", {"code": codes[0], "next": "/"})
    assert reused.status_code == 200 and "klopt niet" in reused.content.decode()
    # An open redirect is not possible through ?next=.
    StaticDevice.objects.get(user=user).throttle_reset()
    fourth = Client()
    fourth.force_login(user)
    response = fourth.post("/accounts/2fa/", {"code": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_unconfirmed_session_gets_no_api_and_systems_use_their_token(two_factor, make_user):
    staff = make_user(Rol.MELDPUNT, username="ingrid")
    client = Client()
    client.force_login(staff)
    assert client.get("/api/v1/taken/").status_code == 403
    system = make_user(Rol.KOPPELING, username="formulier")
    token = Token.objects.create(user=system)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/taken/").status_code == 200


def test_repeated_wrong_passwords_lock_the_login(make_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user(Rol.HANDHAVER, username="hanna")
    client = Client()
    for _ in range(3):
        response = client.post(
            "/accounts/login/", {"username": "hanna", "password": "fout-wachtwoord"}
        )
    locked = client.post(
        "/accounts/login/", {"username": "hanna", "password": "a-long-test-password"}
    )
    assert locked.status_code in (403, 429)
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    del response


def test_every_page_has_the_security_headers(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_openid_connect_logs_in_only_existing_active_accounts(make_user, settings):
    settings.OIDC_RP_CLIENT_ID = "handhaving"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.gemeente.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.gemeente.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.gemeente.example/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    from regio.oidc import ExistingUserBackend

    user = make_user(Rol.GEMEENTE, username="druten")
    user.email = "j.jansen@druten.example"
    user.save()
    backend = ExistingUserBackend()
    assert list(backend.filter_users_by_claims({"email": "J.Jansen@druten.example"})) == [user]
    assert not backend.filter_users_by_claims(
        {"email": "j.jansen@druten.example", "email_verified": False}
    ).exists()
    assert not backend.filter_users_by_claims({"email": "onbekend@druten.example"}).exists()
    user.is_active = False
    user.save()
    assert not backend.filter_users_by_claims({"email": "j.jansen@druten.example"}).exists()


def test_an_unconfirmed_secret_belongs_to_its_own_session(two_factor, make_user):
    """Someone with only the password who starts the setup does not get a secret that the
    real user later confirms."""
    user = make_user(Rol.TEAMLEIDER, username="theo")
    intruder, owner = Client(), Client()
    intruder.force_login(user)
    intruder.get("/accounts/2fa/instellen/")
    stolen = TOTPDevice.objects.get(user=user, confirmed=False)
    owner.force_login(user)
    owner.get("/accounts/2fa/instellen/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert device.pk != stolen.pk and device.key != stolen.key
    owner.post("/accounts/2fa/instellen/", {"code": code_for(device), "next": "/"})
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [device.pk]


def test_a_persons_api_token_does_not_skip_the_second_factor(two_factor, make_user):
    person = make_user(Rol.TEAMLEIDER, username="theo")
    both = make_user(Rol.KOPPELING, username="mengvorm")
    both.groups.add(person.groups.get())
    for user in (person, both):
        token = Token.objects.create(user=user)
        api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        assert api.get("/api/v1/taken/").status_code in (401, 403)
