import json

import pytest
from rest_framework.test import APIClient

from meldpunt.models import Melding
from regio.models import Zorgaanbieder
from regio.roles import Rol

URL = "/api/v1/meldingen/"


def test_post_answers_201_with_number_status_time_and_url(api, payload):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"nummer", "status", "ontvangen_op", "url"}
    assert body["status"] == "geregistreerd"
    assert body["url"].endswith(f"/api/v1/meldingen/{body['nummer']}/")


def test_a_retried_request_with_the_same_idempotency_key_creates_nothing(api, payload):
    first = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    again = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    other = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-124")
    assert first.json() == again.json()
    assert other.json()["nummer"] != first.json()["nummer"]
    assert Melding.objects.count() == 2


def test_a_retry_with_the_same_key_and_body_in_another_layout_returns_the_first_result(
    api, payload
):
    first = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    reordered = json.dumps(dict(reversed(payload.items())), indent=2)
    again = api.post(URL, reordered, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Melding.objects.count() == 1


def test_the_same_idempotency_key_with_another_body_is_refused_with_422(api, payload):
    first = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    changed = {**payload, "omschrijving": "Een heel andere melding."}
    response = api.post(URL, changed, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert response.status_code == 422
    assert "andere inhoud" in response.json()["detail"]
    assert Melding.objects.count() == 1
    # The first request's retry still gets its report.
    retry = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert retry.status_code == 201 and retry.json() == first.json()


def test_a_key_is_per_user_so_another_system_with_the_same_key_gets_its_own_report(
    api, payload, make_user
):
    api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    other = APIClient()
    other.force_authenticate(make_user(Rol.MELDPUNT, username="tweede"))
    changed = {**payload, "omschrijving": "Een heel andere melding."}
    response = other.post(URL, changed, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    assert response.status_code == 201
    assert Melding.objects.count() == 2


def test_an_idempotency_key_longer_than_80_characters_is_a_400(api, payload):
    response = api.post(URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="x" * 81)
    assert response.status_code == 400
    assert "te lang" in response.json()["detail"]
    assert not Melding.objects.exists()


def test_a_new_provider_can_be_entered_at_intake(api, payload):
    payload["zorgaanbieder"] = {"naam": "Nieuw Zorgbureau", "kvk": "11223344"}
    assert api.post(URL, payload, format="json").status_code == 201
    assert Zorgaanbieder.objects.filter(kvk_nummer="11223344").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: p["clienten"][0].update(bsn="123456789"), "clienten"),
        (lambda p: p.update(zorgaanbieder={"naam": "X", "kvk": "1234567"}), "zorgaanbieder"),
        (lambda p: p.update(vestiging_gemeente="GM9999"), "vestiging_gemeente"),
        (lambda p: p.update(omschrijving="x" * (1024 * 1024)), "omschrijving"),
        (lambda p: p.update(domein="tandarts"), "domein"),
        (lambda p: p.update(kanaal=5), "kanaal"),
        (lambda p: p.update(contracten="ROB-WMO-2026-001"), "contracten"),
        (lambda p: p.update(contracten=["BESTAAT-NIET"]), "contracten"),
        (lambda p: p.update(melder={"email": "geen-email"}), "melder"),
        (lambda p: p.update(clienten=[{"geboortedatum": "31-02-2020"}]), "clienten"),
        (lambda p: p.update(zorgaanbieder={"id": 999999}), "zorgaanbieder"),
        (lambda p: p.update(vestiging_gemeente=["GM0268"]), "vestiging_gemeente"),
        (lambda p: p.pop("omschrijving"), "omschrijving"),
        (lambda p: p.update(omschrijving=12345), "omschrijving"),
        (lambda p: p.update(melder={"naam": True}), "melder"),
        (lambda p: p.update(clienten={"bsn": "1"}), "clienten"),
    ],
)
def test_every_bad_field_answers_400_with_a_dutch_message_and_saves_nothing(
    api, payload, change, field
):
    change(payload)
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Melding.objects.exists()
    assert Zorgaanbieder.objects.count() == 1  # the fixture's, no half-saved new one


def test_unknown_municipality_message_is_dutch(api, payload):
    payload["vestiging_gemeente"] = "GM9999"
    body = api.post(URL, payload, format="json").json()
    assert body["vestiging_gemeente"] == ["Onbekende gemeentecode: GM9999."]


def test_malformed_json_is_a_400_not_a_500(api):
    response = api.post(URL, data="{kapot", content_type="application/json")
    assert response.status_code == 400


def test_a_json_array_body_is_a_400(api):
    response = api.post(URL, data="[1,2]", content_type="application/json")
    assert response.status_code == 400


def test_script_in_text_is_stored_as_is_and_returned_as_data(api, payload):
    payload["omschrijving"] = "<script>alert('x')</script>"
    nummer = api.post(URL, payload, format="json").json()["nummer"]
    assert Melding.objects.get(nummer=nummer).omschrijving == "<script>alert('x')</script>"


def test_detail_has_status_history_and_personal_data_only_for_roles_that_may(
    api, payload, make_user
):
    nummer = api.post(URL, payload, format="json").json()["nummer"]
    body = api.get(f"{URL}{nummer}/").json()
    assert [h["naar"] for h in body["historie"]] == ["ontvangen", "geregistreerd"]
    assert body["clienten"][0]["naam"] == "Piet Pietersen"
    assert body["melder"]["email"] == "jan@example.org"

    overleg = APIClient()
    overleg.force_authenticate(make_user(Rol.OVERLEG))
    limited = overleg.get(f"{URL}{nummer}/").json()
    assert limited["nummer"] == nummer
    assert "clienten" not in limited and "melder" not in limited
    assert "Piet Pietersen" not in str(limited)


def test_gemeente_users_and_strangers_cannot_read_or_post(api, payload, make_user, regio):
    nummer = api.post(URL, payload, format="json").json()["nummer"]
    gemeente = APIClient()
    gemeente.force_authenticate(make_user(Rol.GEMEENTE, gemeente=regio["GM0225"]))
    assert gemeente.get(f"{URL}{nummer}/").status_code == 403
    assert gemeente.post(URL, payload, format="json").status_code == 403
    assert APIClient().get(f"{URL}{nummer}/").status_code in (401, 403)


def test_a_system_posts_with_a_token(payload, make_user):
    from rest_framework.authtoken.models import Token

    system = make_user(Rol.KOPPELING, username="formulierenservice")
    token = Token.objects.create(user=system)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    payload["kanaal"] = "api"
    assert client.post(URL, payload, format="json").status_code == 201


def test_unknown_number_is_404(api, regio):
    assert api.get(f"{URL}RMZ-2026-99999/").status_code == 404


def test_schema_is_served(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/meldingen/" in response.content


def test_the_schema_is_not_public(regio):
    assert APIClient().get("/api/v1/schema/").status_code in (401, 403)
