"""The anonymous reporter in the loop, in the browser: the receipt code, the Meldpunt's
question answered on the report's page with a file added, the forwarding that arrives at
Tiel's team, and the reporter reading that the report was sent on."""

import pytest

from .test_journeys import PDF, choose, take_task, weigh, world  # noqa: F401 - the fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_anonymous_reporter_follows_the_report_with_the_code_and_the_forwarding_arrives(world):  # noqa: F811
    journey = world

    # An employee reports anonymously and writes down the receipt code shown once.
    burger = journey.person(None, "melder")
    burger.open(f"{journey.url}/melding/", "formulier")
    page = burger.page
    burger.see("Privacyverklaring")
    page.fill("#id_nieuwe_zorgaanbieder_naam", "Dagbesteding De Linge")
    page.select_option("#id_vestiging_gemeente", label="Tiel")
    page.select_option("#id_domein", "wmo")
    page.fill("#id_omschrijving", "De dagbesteding is 's middags vaak dicht; cliënten wachten.")
    page.check("#id_melder_anoniem")
    burger.submit("Melding versturen", "bedankt")
    nummer = page.inner_text("#meldingsnummer")
    code = page.inner_text("#ontvangstcode")
    burger.see("U ziet hem maar één keer")

    # The Meldpunt asks the anonymous reporter a question from the report's page.
    fatima = journey.person("fatima").login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", nummer)
    fatima.click("Naar de melding", "melding")
    fatima.page.fill("textarea[name=vraag]", "Sinds wanneer is de dagbesteding 's middags dicht?")
    fatima.submit("Vraag versturen", "vraag-gesteld")
    fatima.see("wacht op antwoord")

    # Days later the reporter opens the page with the code (no account), answers and adds
    # a file.
    melder = journey.person(None, "melder-later")
    melder.open(f"{journey.url}/melding/", "formulier-weer")
    melder.click("Uw melding volgen", "volgen")
    melder.page.fill("#id_code", code)
    melder.submit("Melding openen", "mijn-melding")
    melder.see(nummer, "in behandeling", "Sinds wanneer is de dagbesteding 's middags dicht?")
    melder.page.locator("textarea[name=antwoord]").fill("Sinds de zomer, elke dinsdag.")
    melder.submit("Antwoord versturen", "beantwoord")
    melder.see("Bedankt, wij hebben uw antwoord ontvangen.")
    melder.page.fill("#id_tekst", "Het rooster van de afgelopen maand.")
    melder.page.set_input_files(
        "#id_bijlagen",
        files=[{"name": "rooster.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    melder.submit("Toevoegen", "aangevuld")
    melder.see("Bedankt, wij hebben uw aanvulling ontvangen.", "rooster.pdf")

    # The Meldpunt sees both in the task, and forwards the report to Tiel (a local task).
    fatima.click("Wegen", "wegen")
    fatima.see(
        "Sinds de zomer, elke dinsdag.", "Het rooster van de afgelopen maand.", "rooster.pdf"
    )
    page = fatima.page
    weigh(page, "kwaliteit", "midden", "aannemelijk", "Dagbesteding is lokaal ingekocht.")
    choose(page, "route", "doorgeleid")
    choose(page, "doorgeleid_aan", "gemeente")
    choose(page, "doorgeleid_aan_gemeente", "GM0281")
    page.fill("textarea[name=reden]", "Dagbesteding is een lokale Wmo-taak van Tiel.")
    fatima.complete("doorgeleid")

    # Tiel's team opens the link of its mail and says it takes the report up.
    team = "zorgmeldingen@tiel.example.org"
    ontvanger = journey.person(None, "ontvanger-tiel")
    ontvanger.open(journey.link_in_mail(team, "/melding/doorgeleid/"), "doorgeleid")
    ontvanger.see(nummer, "Dagbesteding De Linge")
    ontvanger.submit("Ontvangst bevestigen", "ontvangen")
    ontvanger.page.get_by_label("In behandeling: wij pakken de melding op").check()
    ontvanger.page.fill("textarea[name=toelichting]", "Wij bezoeken de locatie.")
    ontvanger.submit("Antwoord versturen", "beantwoord")

    # The reporter reads, with the code, that the report was sent on, and to whom.
    melder.submit("Pagina sluiten", "gesloten")
    melder.page.fill("#id_code", code)
    melder.submit("Melding openen", "mijn-melding-weer")
    melder.see("doorgestuurd aan lokale gemeente (Tiel)", "Wij hebben uw melding")
    assert melder.page.inner_text("#stand") == "doorgestuurd aan lokale gemeente"
