import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meldpunt import services
from meldpunt.models import Bijlage, Melding, Status
from regio.roles import Rol

from .conftest import GELDIG_BSN

PUBLIEK = {
    "nieuwe_zorgaanbieder_naam": "Thuiszorg De Linde",
    "domein": "wmo",
    "omschrijving": "Mijn moeder krijgt al weken geen hulp.",
    "melder_email": "dochter@example.org",
}


def test_public_form_needs_no_login_and_is_dutch(client, regio):
    response = client.get("/melding/")
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Een melding doen over een zorgaanbieder" in response.content.decode()


def test_public_form_registers_and_shows_the_number_and_next_steps(client, regio):
    response = client.post("/melding/", PUBLIEK, follow=True)
    melding = Melding.objects.get()
    page = response.content.decode()
    assert melding.nummer in page and "Wat gebeurt er nu?" in page
    assert melding.status == Status.GEREGISTREERD and melding.kanaal == "webformulier"


def test_public_form_anonymous_keeps_no_contact_details(client, regio):
    data = {**PUBLIEK, "melder_email": "", "melder_anoniem": "on"}
    client.post("/melding/", data)
    assert Melding.objects.get().melder_anoniem


def test_public_form_errors_are_announced_and_nothing_is_saved(client, regio):
    response = client.post(
        "/melding/", {"domein": "wmo", "melder_anoniem": "on", "melder_naam": "Ik"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and 'aria-invalid="true"' in page
    assert "Dit veld is vereist." in page
    assert not Melding.objects.exists()


def test_script_in_text_is_rendered_escaped(client, regio, intaker):
    client.post("/melding/", {**PUBLIEK, "omschrijving": "<script>alert(1)</script>"})
    melding = Melding.objects.get()
    client.force_login(intaker)
    page = client.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_public_form_refuses_a_disguised_attachment(client, regio):
    upload = SimpleUploadedFile("foto.jpg", b"MZ this is an exe", content_type="image/jpeg")
    response = client.post("/melding/", {**PUBLIEK, "bijlagen": upload})
    assert "past niet bij de extensie" in response.content.decode()
    assert not Melding.objects.exists()


def test_public_form_is_rate_limited(client, regio, settings):
    settings.PUBLIC_FORM_RATE = "2/h"
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        assert client.post("/melding/", PUBLIEK).status_code == 302
    response = client.post("/melding/", PUBLIEK)
    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()
    assert Melding.objects.count() == 2


def test_public_form_checks_csrf(regio):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/melding/", PUBLIEK).status_code == 403


def test_staff_entry_registers_with_client_and_attachment(
    client, intaker, aanbieder, regio, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    client.force_login(intaker)
    upload = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag", content_type="application/pdf")
    response = client.post(
        "/meldpunt/nieuw/",
        {
            "kanaal": "telefoon",
            "omschrijving": "Telefonische melding.",
            "domein": "jeugd",
            "zorgaanbieder": aanbieder.pk,
            "client_bsn": GELDIG_BSN,
            "client_naam": "K. Lant",
            "bijlagen": upload,
        },
    )
    melding = Melding.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{melding.pk}/")
    assert melding.clienten.get().bsn == GELDIG_BSN
    bijlage = melding.bijlagen.get()
    assert str(tmp_path) in bijlage.bestand.path  # outside the web root
    download = client.get(f"/meldpunt/melding/{melding.pk}/bijlage/{bijlage.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 verslag"


def test_staff_entry_shows_per_field_errors(client, intaker, regio):
    client.force_login(intaker)
    response = client.post(
        "/meldpunt/nieuw/",
        {
            "kanaal": "telefoon",
            "omschrijving": "x",
            "domein": "wmo",
            "client_bsn": "123456789",
            "nieuwe_zorgaanbieder_naam": "X",
            "nieuwe_zorgaanbieder_kvk": "1234567",
        },
    )
    page = response.content.decode()
    assert "elfproef" in page and "8 cijfers" in page
    assert not Melding.objects.exists()


def test_personal_data_hidden_from_roles_that_do_not_need_it(client, make_user, aanbieder):
    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="x",
            domein="wmo",
            zorgaanbieder=aanbieder,
            melder=services.Melder(naam="Jan Jansen"),
            clienten=[services.ClientGegevens(naam="Piet Pietersen", bsn=GELDIG_BSN)],
        )
    )
    client.force_login(make_user(Rol.OVERLEG))
    page = client.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "Piet Pietersen" not in page and GELDIG_BSN not in page and "Jan Jansen" not in page
    client.force_login(make_user(Rol.MELDPUNT, username="m2"))
    page = client.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "Piet Pietersen" in page


def test_attachments_and_pages_are_closed_to_municipality_users(
    client, make_user, aanbieder, regio
):
    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="x",
            domein="wmo",
            zorgaanbieder=aanbieder,
            bijlagen=[services.Upload(naam="a.txt", inhoud=b"tekst")],
        )
    )
    bijlage = Bijlage.objects.get()
    client.force_login(make_user(Rol.GEMEENTE, gemeente=regio["GM0225"]))
    for url in (
        f"/meldpunt/melding/{melding.pk}/",
        "/meldpunt/meldingen/",
        f"/meldpunt/melding/{melding.pk}/bijlage/{bijlage.pk}/",
        f"/meldpunt/zorgaanbieder/{aanbieder.pk}/",
    ):
        assert client.get(url).status_code == 403, url


def test_provider_page_lists_every_report_newest_first(client, intaker, aanbieder):
    first = services.receive(
        intake=services.Intake(
            kanaal="telefoon", omschrijving="a", domein="wmo", zorgaanbieder=aanbieder
        )
    )
    second = services.receive(
        intake=services.Intake(
            kanaal="brief", omschrijving="b", domein="wmo", zorgaanbieder=aanbieder
        )
    )
    client.force_login(intaker)
    page = client.get(f"/meldpunt/zorgaanbieder/{aanbieder.pk}/").content.decode()
    assert page.index(second.nummer) < page.index(first.nummer)


def test_reporter_answers_a_question_through_the_link_with_a_file(client, intaker, aanbieder):
    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="a",
            domein="wmo",
            zorgaanbieder=aanbieder,
            melder=services.Melder(email="m@example.org"),
        )
    )
    client.force_login(intaker)
    client.post(f"/meldpunt/melding/{melding.pk}/vraag/", {"vraag": "Welke locatie?"})
    verzoek = melding.reactieverzoeken.get()
    client.logout()
    page = client.get(f"/melding/reactie/{verzoek.token}/").content.decode()
    assert "Welke locatie?" in page
    upload = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    response = client.post(
        f"/melding/reactie/{verzoek.token}/", {"antwoord": "Locatie Wijchen.", "bijlage": upload}
    )
    assert "Bedankt" in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "Locatie Wijchen."
    assert melding.bijlagen.filter(naam="foto.png").exists()
    assert client.get("/melding/reactie/onbekend/").status_code == 404


@pytest.mark.parametrize("auth", [True, False])
def test_inbound_email_becomes_a_received_report_only_with_the_webhook_secret(
    client, regio, settings, auth
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "meldpunt:geheim"}
    raw = (
        b"From: Bezorgde Burger <burger@example.org>\r\nTo: meldpunt@example.org\r\n"
        b"Subject: Zorgen over Zorg & Co\r\n\r\nDe hulp komt steeds niet.\r\n"
    )
    headers = {}
    if auth:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(b"meldpunt:geheim").decode()
    response = client.post(
        "/webhooks/anymail/postmark/inbound/",
        data=json.dumps(
            {
                "FromFull": {"Email": "burger@example.org", "Name": "Bezorgde Burger"},
                "ToFull": [{"Email": "meldpunt@example.org"}],
                "Subject": "Zorgen over Zorg & Co",
                "TextBody": "De hulp komt steeds niet.",
                "RawEmail": raw.decode(),
                "Headers": [],
            }
        ),
        content_type="application/json",
        **headers,
    )
    if not auth:
        assert response.status_code in (400, 401, 403)
        assert not Melding.objects.exists()
        return
    assert response.status_code == 200
    melding = Melding.objects.get()
    assert melding.status == Status.ONTVANGEN and melding.kanaal == "email_inbound"
    assert "Zorgen over Zorg & Co" in melding.omschrijving
    assert melding.melder_email == "burger@example.org"
    assert melding.bijlagen.get().naam == "melding.eml"


def test_a_long_list_counts_up_to_its_cap_and_says_there_are_more(
    client, intaker, aanbieder, monkeypatch
):
    """A list of a million reports is not counted to the end: past the cap it says "meer
    dan" and its pages reach the cap; acute reports come first, then the newest."""
    from regio.ui import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 60)
    for n in range(61):
        services.receive(
            intake=services.Intake(
                kanaal="telefoon", omschrijving=f"m{n}", domein="wmo", zorgaanbieder=aanbieder
            )
        )
    client.force_login(intaker)
    page = client.get("/meldpunt/meldingen/").content.decode()
    assert "2 of meer (meer dan 60 meldingen; verfijn met de filters)" in page
    monkeypatch.setattr(CappedPaginator, "cap", 100)
    page = client.get("/meldpunt/meldingen/").content.decode()
    assert "1 / 2 " in page and "meer dan" not in page
