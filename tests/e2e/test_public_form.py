import pytest
from axe_playwright_python.sync_playwright import Axe

from meldpunt.models import Melding, Status

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def serious_violations(page, context: str | None = None) -> list[str]:
    """Serious and critical accessibility problems (axe-core), of the page or of the part
    ``context`` selects (our own content, without the staff UI's frame)."""
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def loaded(live_server):
    from django.core.management import call_command

    call_command("load_regio", verbosity=0)
    return live_server


def test_anonymous_report_shows_its_number_and_what_happens_next(page, loaded, shoot):
    page.goto(f"{loaded.url}/melding/")
    assert serious_violations(page) == []
    shoot(page, "publiek-formulier")
    page.fill("#id_nieuwe_zorgaanbieder_naam", "Thuiszorg De Linde")
    page.select_option("#id_vestiging_gemeente", label="Druten")
    page.select_option("#id_domein", "wmo")
    page.fill("#id_omschrijving", "Mijn buurvrouw krijgt al drie weken geen hulp bij wassen.")
    page.check("#id_melder_anoniem")
    page.click("button[type=submit]")
    page.wait_for_selector("#meldingsnummer")
    melding = Melding.objects.get()
    assert page.inner_text("#meldingsnummer") == melding.nummer
    assert melding.nummer.startswith("RMZ-") and melding.nummer.endswith("-00001")
    assert "Wat gebeurt er nu?" in page.content()
    assert melding.status == Status.GEREGISTREERD and melding.melder_anoniem
    assert serious_violations(page) == []
    shoot(page, "publiek-bedankt")


def test_invalid_input_shows_the_errors_and_saves_nothing(page, loaded, shoot):
    page.goto(f"{loaded.url}/melding/")
    page.check("#id_melder_anoniem")
    page.fill("#id_melder_naam", "Jan")
    page.click("button[type=submit]")
    summary = page.locator("[role=alert]")
    summary.wait_for()
    text = summary.inner_text()
    assert "Er is iets niet goed ingevuld" in text
    assert "Naam van de zorgaanbieder" in text and "Wat is er aan de hand?" in text
    assert "anoniem" in text
    assert page.get_attribute("#id_omschrijving", "aria-invalid") == "true"
    assert page.title().startswith("Fout:")
    assert serious_violations(page) == []
    shoot(page, "publiek-formulier-fouten")
    assert not Melding.objects.exists()


def test_the_form_works_without_javascript(browser, loaded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{loaded.url}/melding/")
    page.fill("#id_nieuwe_zorgaanbieder_naam", "Zorg Zonder Script")
    page.select_option("#id_domein", "jeugd")
    page.fill("#id_omschrijving", "Melding zonder JavaScript.")
    page.fill("#id_melder_email", "melder@example.org")
    page.click("button[type=submit]")
    page.wait_for_selector("#meldingsnummer")
    assert Melding.objects.get().melder_email == "melder@example.org"
    context.close()
