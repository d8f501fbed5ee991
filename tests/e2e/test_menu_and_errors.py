"""In the browser: the menu opens pages one may see, a refusal offers a way back, and a
privacy officer's search by person answers 200 (not Turbo's 422)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def user(username: str, role: str) -> User:
    account = User.objects.create_user(username=username, password="a-long-test-password")
    account.groups.add(Group.objects.get(name=role))
    return account


def test_the_handhaving_menu_opens_the_dossier_list_and_a_refusal_leads_back(page, live_server):
    call_command("load_regio", verbosity=0)
    user("hanna", "handhaver")
    login(page, live_server, "hanna")
    assert "No viewsets found" not in page.content()
    page.locator("aside").get_by_text("Handhaving", exact=True).click()
    page.wait_for_url("**/handhaving/dossiers/")
    assert "Django Material" not in page.title()

    dossiers = page.url
    page.goto(f"{live_server.url}/handhaving/overleg/nieuw/", referer=dossiers)
    assert page.get_by_text("Geen toegang").first.is_visible()
    page.get_by_role("link", name="Naar de vorige pagina").click()
    page.wait_for_url("**/handhaving/dossiers/")


def test_a_search_by_person_answers_200_in_the_browser(page, live_server):
    call_command("load_regio", verbosity=0)
    user("fg", "privacy")
    login(page, live_server, "fg")
    page.goto(f"{live_server.url}/privacy/auditlog/")
    page.fill("#id_persoon_naam", "Piet Pietersen")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Zoeken op persoon").click()
    assert answer.value.status == 200
    page.wait_for_load_state("networkidle")
    assert "geen enkele melding of dossier" in page.content()
