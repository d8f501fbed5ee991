"""The reporter's own channel: a receipt code shown once and kept as a hash, the report's
page with the status in plain words, questions, additions and notices, guessing
throttled and logged, nothing after anonymisation, and no mail to a reporter that says
what the report or the Meldpunt says."""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meldpunt import melder, services
from meldpunt.models import MelderBericht, Melding, ReactieVerzoek
from notifications.models import Notificatie
from privacy.anonymise import anonymise_meldingen
from privacy.models import AuditRegel
from regio.events import Event
from regio.models import PubliekeTekst
from regio.roles import Rol

from .test_services import intake, weging
from .test_views import PUBLIEK

CODE = re.compile(r'id="ontvangstcode">([A-Z0-9-]+)<')
ANONIEM = {**PUBLIEK, "melder_email": "", "melder_anoniem": "on"}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def submit(client, data=PUBLIEK) -> tuple[Melding, str]:
    response = client.post("/melding/", data, follow=True)
    code = CODE.search(response.content.decode()).group(1)
    return Melding.objects.latest("pk"), code


def open_page(client, code: str):
    return client.post("/melding/volgen/", {"code": code}, follow=True)


def test_the_code_is_shown_once_kept_as_a_hash_and_opens_the_report(client, regio):
    melding, code = submit(client, ANONIEM)
    assert len(code.replace("-", "")) == 24
    assert melding.code_hash == melder.digest(code) and code not in str(Melding.objects.values())
    # Shown once: the thanks page does not show it again.
    again = client.get("/melding/bedankt/", follow=True).content.decode()
    assert code not in again

    page = open_page(client, code.lower().replace("-", " "))
    text = page.content.decode()
    assert page.status_code == 200 and melding.nummer in text
    assert "in behandeling" in text  # registered at once: in plain words
    assert "Mijn moeder krijgt al weken geen hulp" not in text  # no report text shown back


def test_twenty_wrong_codes_are_throttled_and_logged_and_then_even_a_right_one_waits(
    client, regio, settings
):
    settings.MELDER_CODE_RATE = "10/h"
    _melding, code = submit(client, ANONIEM)
    statuses = [
        client.post("/melding/volgen/", {"code": f"WRONG-{i:04d}"}).status_code for i in range(20)
    ]
    assert statuses[:10] == [422] * 10 and set(statuses[10:]) == {429}
    assert client.post("/melding/volgen/", {"code": code}).status_code == 429
    logged = AuditRegel.objects.filter(object_type="ontvangstcode")
    assert logged.count() == 10
    assert not any("WRONG" in (row.toelichting or "") for row in logged)


def test_an_anonymised_report_opens_neither_by_code_nor_by_link(client, regio):
    melding, code = submit(client)
    link = melder.link_path(melding)
    anonymise_meldingen([melding], now=timezone.now())
    assert open_page(client, code).status_code == 422
    assert "geen melding" in open_page(client, code).content.decode()
    response = client.get(link)
    assert response.status_code == 404 and "werkt niet" in response.content.decode()
    melding = Melding.objects.get(pk=melding.pk)
    assert (melding.code_hash, melding.volg_sleutel) == ("", "")


def test_an_anonymous_reporter_answers_the_question_and_adds_a_file_on_the_page(
    client, regio, make_user, aanbieder
):
    melding, code = submit(client, ANONIEM)
    intaker = make_user(Rol.MELDPUNT, username="fatima")
    services.ask_reporter(melding=melding, by=intaker, vraag="Op welke afdeling was dit?")
    page = open_page(client, code).content.decode()
    assert "Op welke afdeling was dit?" in page
    verzoek = ReactieVerzoek.objects.get(melding=melding)

    client.post(
        "/melding/mijn-melding/",
        {"actie": "antwoord", "verzoek": verzoek.pk, "antwoord": "Afdeling De Linde, nachtdienst."},
    )
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "Afdeling De Linde, nachtdienst." and verzoek.beantwoord_op
    pdf = SimpleUploadedFile("rooster.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(
        "/melding/mijn-melding/",
        {"actie": "aanvulling", "tekst": "Het rooster van die week.", "bijlagen": pdf},
    )
    assert "aanvulling ontvangen" in response.content.decode()
    bericht = MelderBericht.objects.get(melding=melding, richting="van_melder")
    assert [b.naam for b in bericht.bijlagen.all()] == ["rooster.pdf"]

    # The Meldpunt sees it with the report (the task shows the same block).
    client.force_login(intaker)
    staff = client.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "Het rooster van die week." in staff and "rooster.pdf" in staff


def test_an_empty_addition_is_refused_on_the_page_and_nothing_is_stored(client, regio):
    _melding, code = submit(client, ANONIEM)
    open_page(client, code)
    response = client.post("/melding/mijn-melding/", {"actie": "aanvulling", "tekst": " "})
    assert (
        response.status_code == 422 and "Schrijf wat u wilt toevoegen" in response.content.decode()
    )
    assert not MelderBericht.objects.exists()


def test_the_reporter_is_told_of_the_forwarding_in_plain_words(client, regio, make_user, aanbieder):
    melding, code = submit(client, ANONIEM)
    intaker = make_user(Rol.MELDPUNT, username="fatima")
    services.link_provider(melding=melding, zorgaanbieder=aanbieder, by=intaker)
    services.weigh(
        melding=melding,
        by=intaker,
        invoer=weging(route="doorgeleid", doorgeleid_aan="igj", reden="Kwaliteit: de IGJ."),
    )
    services.route(melding=melding, by=intaker)
    page = open_page(client, code).content.decode()
    assert "doorgestuurd aan Inspectie Gezondheidszorg en Jeugd" in page
    notice = MelderBericht.objects.get(melding=melding, gebeurtenis="melder.doorgeleid")
    assert "Inspectie Gezondheidszorg en Jeugd" in notice.tekst
    assert "Kwaliteit: de IGJ." not in page  # the weighing's reason is not the reporter's


def test_beheer_rewords_a_notice_and_the_privacy_statement(client, regio, make_user, aanbieder):
    PubliekeTekst.objects.create(
        sleutel="melder.afgerond", tekst="Melding {{ nummer }} is klaar. Dank u wel."
    )
    PubliekeTekst.objects.create(
        sleutel="privacyverklaring", tekst="Wie\nDe gemeente Nijmegen.\n\nVragen\nBel ons."
    )
    melding = services.receive(intake=intake(aanbieder))
    melder.issue_code(melding)
    intaker = make_user(Rol.MELDPUNT)
    services.weigh(melding=melding, by=intaker, invoer=weging())
    services.route(melding=melding, by=intaker)
    assert melding.berichten.get().tekst == f"Melding {melding.nummer} is klaar. Dank u wel."
    page = client.get("/melding/privacy/").content.decode()
    assert "<h2>Wie</h2>" in page and "Bel ons." in page


def test_the_privacy_statement_is_linked_from_the_form_and_the_code_page(client, regio):
    for url in ("/melding/", "/melding/volgen/"):
        assert 'href="/melding/privacy/"' in client.get(url).content.decode()
    statement = client.get("/melding/privacy/").content.decode()
    assert "Uw rechten" in statement and "bewaren" in statement


def test_no_mail_to_a_reporter_holds_the_report_the_question_a_message_or_a_notice(
    client, regio, make_user, aanbieder
):
    melding, _code = submit(client)  # with an e-mail address
    intaker = make_user(Rol.MELDPUNT, username="fatima")
    services.link_provider(melding=melding, zorgaanbieder=aanbieder, by=intaker)
    vraag = "Wie was er die nacht in dienst?"
    services.ask_reporter(melding=melding, by=intaker, vraag=vraag)
    bericht = "Wij hebben uw informatie gelezen en nemen haar mee."
    melder.write_to_reporter(melding=melding, by=intaker, tekst=bericht)
    services.weigh(
        melding=melding,
        by=intaker,
        invoer=weging(route="doorgeleid", doorgeleid_aan="igj", reden="Kwaliteit."),
    )
    services.route(melding=melding, by=intaker)
    mails = Notificatie.objects.filter(ontvanger="dochter@example.org")
    events = set(mails.values_list("event", flat=True))
    assert {Event.MELDING_ONTVANGEN, Event.REACTIE_GEVRAAGD, Event.MELDER_NIEUWS} <= events
    # Two news mails: the message and the forwarding's notice; each with the link only.
    assert mails.filter(event=Event.MELDER_NIEUWS).count() == 2
    forbidden = [PUBLIEK["omschrijving"], vraag, bericht, "Inspectie", "Kwaliteit."]
    for mail in mails:
        text = mail.onderwerp + mail.tekst + mail.html
        assert not [f for f in forbidden if f in text], mail.event
    news = mails.filter(event=Event.MELDER_NIEUWS).first()
    link = re.search(r"/melding/volgen/[^\s\"<]+/", news.tekst).group(0)
    assert client.get(link, follow=True).status_code == 200
    assert bericht in client.get("/melding/mijn-melding/").content.decode()


def test_a_staff_message_is_refused_for_a_reporter_who_cannot_be_reached(
    client, regio, make_user, aanbieder
):
    melding = services.receive(intake=intake(aanbieder))  # by phone: no code, no address
    intaker = make_user(Rol.MELDPUNT, username="fatima")
    client.force_login(intaker)
    response = client.post(f"/meldpunt/melding/{melding.pk}/bericht/", {"tekst": "Hallo"})
    assert response.status_code == 422
    assert "komt niet aan" in response.content.decode()
    assert not MelderBericht.objects.exists()
