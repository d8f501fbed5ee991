"""A forwarded report reaches its named recipient: a mail with a link and no report text,
a page that shows what the recipient may see, and its receipt and outcome, which the
Meldpunt's follow-up then uses."""

import datetime
import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient
from viewflow.workflow.status import STATUS

from meldpunt import services
from meldpunt.models import Doorgeleiding, Melding, Ontvanger
from notifications.models import Notificatie, OntbrekendContact
from privacy.anonymise import anonymise_meldingen
from privacy.models import AuditRegel
from regio.events import DoorgeleidingEvent
from regio.roles import Rol

from .conftest import GELDIG_BSN
from .test_flow import WEGING, api_complete, fire_timers_after, tasks_of

TIEL = "GM0281"
OMSCHRIJVING = "De dagbesteding sluit cliënten 's middags buiten; zij wachten op de stoep."


@pytest.fixture
def tiel_team(regio):
    return Ontvanger.objects.create(
        naam="Gemeente Tiel – team Wmo",
        soort="gemeente",
        gemeente=regio[TIEL],
        email="wmo@tiel.example.org",
        mag_bsn=True,
    )


@pytest.fixture
def igj(regio):
    return Ontvanger.objects.create(
        naam="Inspectie Gezondheidszorg en Jeugd", soort="igj", email="meldingen@igj.example.org"
    )


def report(aanbieder, regio) -> Melding:
    return services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving=OMSCHRIJVING,
            domein="wmo",
            aard="kwaliteit",
            zorgaanbieder=aanbieder,
            vestiging_gemeente=regio[TIEL],
            melder=services.Melder(naam="Jan Jansen", email="jan@example.org"),
            clienten=[
                services.ClientGegevens(
                    bsn=GELDIG_BSN,
                    naam="Piet Pietersen",
                    geboortedatum=datetime.date(1950, 3, 1),
                    woonplaats_gemeente=regio[TIEL],
                )
            ],
            bijlagen=[services.Upload(naam="verslag.txt", inhoud=b"Verslag van de dochter.")],
        )
    )


def forward(melding, by, *, aan="gemeente", gemeente=None) -> Melding:
    melding = services.weigh(
        melding=melding,
        by=by,
        invoer=services.WegingInvoer(
            aard="kwaliteit",
            domein="wmo",
            ernst="midden",
            aannemelijkheid="aannemelijk",
            motivering="Intern: de melder belde twee keer.",
            route="doorgeleid",
            doorgeleid_aan=aan,
            doorgeleid_aan_gemeente=gemeente,
            lokale_wmo_taak=True,
            reden="Dagbesteding is een lokale Wmo-taak van Tiel.",
        ),
    )
    return services.route(melding=melding, by=by)


@pytest.fixture
def forwarded(aanbieder, regio, intaker, tiel_team, django_capture_on_commit_callbacks):
    """A report forwarded to Tiel, its mail sent; returns (report, link's path)."""
    with django_capture_on_commit_callbacks(execute=True):
        melding = forward(report(aanbieder, regio), intaker, gemeente=regio[TIEL])
    return melding, link_to(tiel_team.email)


def link_to(address: str) -> str:
    """The path of the link in the last mail to ``address``."""
    body = [m for m in mail.outbox if m.to == [address]][-1].body
    return re.search(r"https?://[^/\s]+(/melding/doorgeleid/[^/\s]+/)", body).group(1)


def test_the_named_recipient_gets_a_mail_with_the_link_and_no_report_text(
    forwarded, tiel_team, settings
):
    """Personal data are exchanged "uitsluitend op een adequaat beveiligde manier" (seed
    000 Bijlage 1 art. 4.3; seed 002 Bijlage B 4.3): the mail carries the number, the kind
    and a link, and the report itself stays behind the link."""
    melding, pad = forwarded
    (sent,) = [m for m in mail.outbox if m.to == [tiel_team.email]]
    html = sent.alternatives[0][0]
    for part in (sent.subject, sent.body, html):
        for secret in (OMSCHRIJVING[:40], "Piet Pietersen", GELDIG_BSN, "Jan Jansen"):
            assert secret not in part
    assert melding.nummer in sent.subject and melding.nummer in sent.body
    assert "kwaliteit, Wmo" in sent.body
    assert settings.SITE_URL + pad in sent.body and pad in html
    row = Notificatie.objects.get(event=DoorgeleidingEvent.LINK)
    assert row.gemeente.code == TIEL and row.ontvanger == tiel_team.email

    doorgeleiding = Doorgeleiding.objects.get(melding=melding)
    token = pad.split("/")[-2]
    assert doorgeleiding.ontvanger_adres == tiel_team
    assert doorgeleiding.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in doorgeleiding.token_hash
    days = (doorgeleiding.link_geldig_tot - doorgeleiding.verzonden_op).days
    assert days == settings.DOORGELEIDING_LINK_GELDIG_DAGEN == 30


def test_the_link_opens_the_report_takes_its_receipt_and_outcome_and_logs_each(forwarded, intaker):
    melding, pad = forwarded
    recipient = Client()
    page = recipient.get(pad)
    text = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    for shown in (melding.nummer, "Zorg &amp; Co", "Tiel", "Dagbesteding is een lokale Wmo-taak"):
        assert shown in text
    assert "Jan Jansen" not in text and "Intern: de melder" not in text
    assert "verslag.txt" not in text and "horen 1 bijlage" not in text and "hoort 1 bijlage" in text
    read = AuditRegel.objects.get(actie="lezen", nummer=melding.nummer)
    assert "omschrijving" in read.velden and read.gebruiker_id is None
    assert read.pad == "/melding/doorgeleid/<str:token>/"

    assert recipient.post(pad, {"actie": "ontvangen"}).status_code == 302
    doorgeleiding = Doorgeleiding.objects.get(melding=melding)
    assert doorgeleiding.ontvangen_op is not None
    assert "Ontvangst bevestigd op" in recipient.get(pad).content.decode()

    refused = recipient.post(pad, {"actie": "uitkomst", "uitkomst": "afgerond", "toelichting": ""})
    assert "Dit veld is vereist." in refused.content.decode()
    answered = recipient.post(
        pad,
        {"actie": "uitkomst", "uitkomst": "in_behandeling", "toelichting": "Huisbezoek gepland."},
    )
    assert answered.status_code == 302
    doorgeleiding.refresh_from_db()
    assert doorgeleiding.uitkomst == "in_behandeling"
    assert doorgeleiding.uitkomst_toelichting == "Huisbezoek gepland."
    changes = AuditRegel.objects.filter(actie="wijzigen", object_type="meldpunt.doorgeleiding")
    assert sorted(tuple(r.velden) for r in changes) == [
        ("ontvangen_op",),
        ("uitkomst", "uitkomst_toelichting", "uitkomst_op"),
    ]
    assert all(token_free(r) for r in AuditRegel.objects.all())

    # The Meldpunt sees the answer on the report's page, and who gave it.
    staff = Client()
    staff.force_login(intaker)
    text = staff.get(f"/meldpunt/melding/{melding.pk}/").content.decode()
    assert "in behandeling bij ontvanger" in text and "Huisbezoek gepland." in text
    assert "Uitkomst gemeld door Gemeente Tiel – team Wmo" in text
    assert "Ontvangst bevestigd op" in text


def token_free(row) -> bool:
    return "doorgeleid/" not in row.pad or "<str:token>" in row.pad


def test_an_expired_link_shows_nothing_and_takes_nothing(forwarded):
    """Once the forwarding no longer needs it, the link is "niet verder verwerken" (seed
    000 Bijlage 1 art. 3.1): after its term it shows nothing and takes no answer."""
    melding, pad = forwarded
    later = Doorgeleiding.objects.get(melding=melding).link_geldig_tot + datetime.timedelta(
        minutes=1
    )
    with time_machine.travel(later):
        page = Client().get(pad)
        posted = Client().post(pad, {"actie": "ontvangen"})
    assert page.status_code == 410 and posted.status_code == 410
    assert "Deze link is verlopen" in page.content.decode()
    assert melding.nummer not in page.content.decode()
    assert Doorgeleiding.objects.get(melding=melding).ontvangen_op is None


def test_the_link_of_an_anonymised_report_shows_nothing(forwarded):
    """A report whose personal data are no longer needed was anonymised (seed 000
    Bijlage 1 art. 3.1): its link says it expired, and shows nothing of it."""
    melding, pad = forwarded
    anonymise_meldingen([melding], now=timezone.now())
    page = Client().get(pad)
    assert page.status_code == 410 and "Deze link is verlopen" in page.content.decode()
    assert "geanonimiseerd" not in page.content.decode()


def test_an_unknown_link_is_not_found(forwarded):
    _melding, pad = forwarded
    assert Client().get("/melding/doorgeleid/niet-bestaand/").status_code == 404
    assert Client().get(pad[:-5] + "xxxx/").status_code == 404
    assert Client().post("/melding/doorgeleid/niet-bestaand/", {}).status_code == 404


def test_the_bsn_is_shown_only_to_a_recipient_that_may_process_it_and_names_never(
    aanbieder, regio, intaker, igj, tiel_team, django_capture_on_commit_callbacks
):
    """Seed 000 Bijlage 1 art. 2.2 (seed 002 Bijlage B 2.2): "Gemeenten laten de
    verstrekking van persoonsgegevens achterwege als de verstrekking niet noodzakelijk is".
    The BSN goes only to a recipient that may process it, names to none."""
    with django_capture_on_commit_callbacks(execute=True):
        to_tiel = forward(report(aanbieder, regio), intaker, gemeente=regio[TIEL])
        forward(report(aanbieder, regio), intaker, aan="igj")
    municipality = Client().get(link_to(tiel_team.email)).content.decode()
    inspectorate = Client().get(link_to(igj.email)).content.decode()
    assert GELDIG_BSN in municipality and "1 maart 1950" in municipality
    assert GELDIG_BSN not in inspectorate and "1950" not in inspectorate
    for page in (municipality, inspectorate):
        assert "Piet Pietersen" not in page
        assert "woonplaats Tiel" in page
    read = AuditRegel.objects.get(actie="lezen", nummer=to_tiel.nummer)
    assert "clienten.bsn" in read.velden


def test_without_a_named_recipient_the_forwarding_stands_and_beheer_sees_what_is_missing(
    aanbieder, regio, intaker, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        to_tiel = forward(report(aanbieder, regio), intaker, gemeente=regio[TIEL])
        to_igj = forward(report(aanbieder, regio), intaker, aan="igj")
    assert not Notificatie.objects.filter(event=DoorgeleidingEvent.LINK).exists()
    for melding in (to_tiel, to_igj):
        doorgeleiding = Doorgeleiding.objects.get(melding=melding)
        assert doorgeleiding.ontvanger_adres is None and doorgeleiding.token_hash == ""
        assert melding.status == "doorgeleid"
    gap = OntbrekendContact.objects.get()
    assert gap.gemeente.code == TIEL and gap.event == DoorgeleidingEvent.LINK
    assert gap.nummer == to_tiel.nummer

    beheer = make_user(Rol.BEHEER, username="beheer")
    beheer.is_staff = True
    beheer.save()
    admin = Client()
    admin.force_login(beheer)
    listed = admin.get("/beheer/meldpunt/ontvanger/", follow=True).content.decode()
    assert "Geen actieve ontvanger voor Inspectie Gezondheidszorg en Jeugd" in listed
    staff = Client()
    staff.force_login(intaker)
    text = staff.get(f"/meldpunt/melding/{to_igj.pk}/").content.decode()
    assert "Geen ontvanger vastgelegd" in text


def test_beheer_keeps_recipients_but_deletes_none(regio, make_user, tiel_team):
    beheer = make_user(Rol.BEHEER, username="beheer")
    assert beheer.has_perms(
        ["meldpunt.add_ontvanger", "meldpunt.change_ontvanger", "meldpunt.view_ontvanger"]
    )
    assert not beheer.has_perm("meldpunt.delete_ontvanger")
    beheer.is_staff = True
    beheer.save()
    admin = Client()
    admin.force_login(beheer)
    response = admin.post(
        "/beheer/meldpunt/ontvanger/add/",
        {"naam": "Gemeente Druten", "soort": "gemeente", "email": "wmo@druten.example.org"},
    )
    assert "Kies de gemeente van deze ontvanger." in response.content.decode()
    delete = admin.get(f"/beheer/meldpunt/ontvanger/{tiel_team.pk}/delete/")
    assert delete.status_code == 403


def test_the_recipients_answers_are_rate_limited(forwarded, settings):
    _melding, pad = forwarded
    settings.PUBLIC_FORM_RATE = "2/h"
    cache.clear()
    recipient = Client()
    for _ in range(2):
        assert recipient.post(pad, {"actie": "ontvangen"}).status_code == 302
    assert recipient.post(pad, {"actie": "ontvangen"}).status_code == 429


# The follow-up (MeldingFlow): asked after only when the recipient did not take it up.


@pytest.fixture
def in_flow(aanbieder, regio, intaker, tiel_team, django_capture_on_commit_callbacks):
    """A report weighed in its flow (the API completes the task) and forwarded to Tiel."""
    with django_capture_on_commit_callbacks(execute=True):
        melding = report(aanbieder, regio)
        api = APIClient()
        api.force_authenticate(intaker)
        api_complete(
            api,
            melding,
            "wegen",
            {
                **WEGING,
                "route": "doorgeleid",
                "doorgeleid_aan": "gemeente",
                "doorgeleid_aan_gemeente": TIEL,
                "lokale_wmo_taak": True,
                "reden": "Lokale Wmo-taak.",
            },
        )
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == "doorgeleid"
    return melding, link_to(tiel_team.email)


def follow_up_asked(melding) -> bool:
    return any(
        t.flow_task.name == "navragen"
        for t in tasks_of(melding).filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])
    )


def answer(pad: str, uitkomst: str) -> None:
    response = Client().post(
        pad, {"actie": "uitkomst", "uitkomst": uitkomst, "toelichting": "Zo staat het."}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("uitkomst", ["in_behandeling", "afgerond"])
def test_a_report_the_recipient_took_up_is_not_asked_after(in_flow, uitkomst):
    melding, pad = in_flow
    answer(pad, uitkomst)
    fire_timers_after(days=28)
    assert not follow_up_asked(melding)
    assert all(t.status in (STATUS.DONE, STATUS.CANCELED) for t in tasks_of(melding))


def test_without_an_answer_the_follow_up_comes_on_its_date(in_flow):
    melding, _pad = in_flow
    call_command("workflow_timers", verbosity=0)
    assert not follow_up_asked(melding)
    fire_timers_after(days=28)
    assert follow_up_asked(melding)


def test_not_taken_up_brings_the_follow_up_forward_and_the_meldpunt_records_the_outcome(
    in_flow, intaker
):
    melding, pad = in_flow
    answer(pad, "niet_opgepakt")
    call_command("workflow_timers", verbosity=0)  # today, weeks before the follow-up date
    assert follow_up_asked(melding)
    api = APIClient()
    api.force_authenticate(intaker)
    api_complete(
        api, melding, "navragen", {"uitkomst": "afgerond", "toelichting": "Toch opgepakt."}
    )
    doorgeleiding = Doorgeleiding.objects.get(melding=melding)
    assert doorgeleiding.uitkomst == "afgerond"
    assert melding.historie.filter(
        reden="Uitkomst doorgeleiding vastgelegd: afgerond door ontvanger"
    ).exists()
