"""The page "Signalen", the badge in the top bar of every staff page, the mail setting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signalen.models import Signaal, SignaalVoorkeur
from tests.clients import client_of

from .conftest import review_waiting

pytestmark = pytest.mark.django_db


def badge(html: str) -> str:
    start = html.index('class="hh-signalen-badge"')
    return html[start : html.index("</a>", start)]


def test_the_page_lists_newest_first_and_marks_the_unread(people, rob_contract):
    first = review_waiting(people, rob_contract)
    second = review_waiting(people, rob_contract)
    client = client_of(people["teamleider"])
    html = client.get("/signalen/").content.decode()
    assert html.index(second.nummer) < html.index(first.nummer)
    assert html.count("<strong>nieuw</strong>") == 2
    older = Signaal.objects.get(gebruiker=people["teamleider"], nummer=first.nummer)
    response = client.post(f"/signalen/{older.pk}/gelezen/")
    assert response.status_code == 302
    html = client.get("/signalen/").content.decode()
    assert html.count("<strong>nieuw</strong>") == 1 and "gelezen" in html
    client.post("/signalen/gelezen/")
    assert "<strong>nieuw</strong>" not in client.get("/signalen/").content.decode()


def test_opening_a_signal_marks_it_read_and_leads_to_the_work(people, rob_contract):
    review_waiting(people, rob_contract)
    signaal = Signaal.objects.get(gebruiker=people["teamleider"])
    response = client_of(people["teamleider"]).get(f"/signalen/{signaal.pk}/")
    assert response.status_code == 302 and response["Location"] == signaal.pad
    signaal.refresh_from_db()
    assert signaal.gelezen_op is not None
    page = client_of(people["teamleider"]).get(signaal.pad, follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0].endswith("/assign/")  # take it, then do it


def test_another_users_signal_is_not_found(people, rob_contract):
    review_waiting(people, rob_contract)
    theirs = Signaal.objects.get(gebruiker=people["teamleider2"])
    client = client_of(people["teamleider"])
    assert client.get(f"/signalen/{theirs.pk}/").status_code == 404
    assert client.post(f"/signalen/{theirs.pk}/gelezen/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.gelezen_op is None


def test_municipalities_have_no_signals_page_and_no_badge(people):
    client = client_of(people["druten"])
    assert client.get("/signalen/").status_code == 403
    assert "hh-signalen-badge" not in client.get("/portaal/").content.decode()


def test_the_badge_counts_the_waiting_signals_on_every_staff_page(people, rob_contract):
    client = client_of(people["teamleider"])
    assert 'aria-label="Signalen: 0 ongelezen"' in badge(client.get("/start/").content.decode())
    review_waiting(people, rob_contract)
    for url in ("/start/", "/handhaving/dossiers/", "/werk-handhaving/queue/", "/signalen/"):
        html = client.get(url).content.decode()
        assert 'aria-label="Signalen: 1 ongelezen"' in badge(html), url
        assert ">1</span>" in badge(html)


def test_the_badge_costs_the_same_queries_for_one_signal_or_many(people, rob_contract):
    client = client_of(people["teamleider"])
    review_waiting(people, rob_contract)

    def queries() -> int:
        client.get("/start/")  # caches warm
        with CaptureQueriesContext(connection) as ctx:
            client.get("/start/")
        return len(ctx.captured_queries)

    one = queries()
    review_waiting(people, rob_contract)
    review_waiting(people, rob_contract)
    assert queries() == one


def test_the_daily_mail_is_switched_on_and_off_on_its_page(people):
    client = client_of(people["jurist"])
    page = client.get("/signalen/instellingen/").content.decode()
    assert "dagelijkse e-mail met signalen" in page.lower()
    assert client.post("/signalen/instellingen/", {"dagelijkse_mail": "on"}).status_code == 302
    assert SignaalVoorkeur.objects.get(gebruiker=people["jurist"]).dagelijkse_mail
    assert "U krijgt elke ochtend" in client.get("/signalen/").content.decode()
    client.post("/signalen/instellingen/", {})
    assert not SignaalVoorkeur.objects.get(gebruiker=people["jurist"]).dagelijkse_mail
