"""Every role does its daily work in the browser, from the public form to the closed
dossier. Only the reference data and the accounts are prepared; after that each step is
what a person does (see journey.py), logged in with the account of the role that does it.
"""

import datetime
import re
from importlib import import_module

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from regio.models import Gebruiker, Gemeente

from .journey import PASSWORD, Journey, mail_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    # username, role, municipality (for a municipality's contact), e-mail
    ("fatima", "meldpunt", None, "fatima@rob.example.org"),
    ("hanna", "handhaver", None, "hanna@rob.example.org"),
    ("sam", "overleg", None, "sam@rob.example.org"),
    ("vera", "overleg", None, "vera@rob.example.org"),
    ("theo", "teamleider", None, "theo@rob.example.org"),
    ("tessa", "teamleider", None, "tessa@rob.example.org"),
    ("jan", "jurist", None, "jan@rob.example.org"),
    ("julia", "jurist", None, "julia@rob.example.org"),
    ("druten", "gemeente", "GM0225", "handhaving@druten.example.org"),
    ("tiel", "gemeente", "GM0281", "handhaving@tiel.example.org"),
]


@pytest.fixture
def world(live_server, settings, tmp_path, browser, request):
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(mailbox)
    settings.SITE_URL = live_server.url
    call_command("load_regio", verbosity=0)
    call_command("demo_data", verbosity=0)
    # A live server's test empties the database after it, also what a migration seeded
    # (the result types a dossier can end with): seeded again, as the migration does.
    import_module("dossieroverleg.migrations.0005_resultaattypen").seed(django_apps, None)
    for username, role, gemeente, mail in PEOPLE:
        user = User.objects.create_user(
            username=username, password=PASSWORD, email=mail, first_name=username.capitalize()
        )
        user.groups.add(Group.objects.get(name=role))
        if gemeente:
            Gebruiker.objects.create(user=user, gemeente=Gemeente.objects.get(code=gemeente))
    journey = Journey(browser, live_server.url, mailbox, request.node.name)
    yield journey
    journey.close()


def today(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def fill_date(page, name: str, value: str) -> None:
    """A date field of a task form (the browser's own date input inside viewflow's)."""
    page.locator(f"vf-field-date[name={name}] input").first.fill(value)


def choose(page, name: str, value: str) -> None:
    """Pick an option in viewflow's select, as a person does: open it, click the option."""
    page.click(f"vf-field-select[name={name}] .mdc-select__anchor")
    page.click(f"vf-field-select[name={name}] li[data-value='{value}']")


def chosen(page, name: str) -> str:
    """The option a person sees chosen in viewflow's select."""
    return page.locator(f"vf-field-select[name={name}] .mdc-select__selected-text").inner_text()


def weigh(page, aard: str, ernst: str, aannemelijkheid: str, motivering: str) -> None:
    """The weighing framework of the Meldpunt's task form."""
    choose(page, "aard", aard)
    choose(page, "ernst", ernst)
    choose(page, "aannemelijkheid", aannemelijkheid)
    page.fill("textarea[name=motivering]", motivering)


def take_task(person, queue: str, task: str, about: str) -> None:
    """From the side menu to the work queue, claim the task about ``about`` and open it."""
    person.menu(queue, "werkvoorraad")
    person.menu("Werkvoorraad", "wachtrij")
    row = person.page.locator("tr", has_text=task).filter(has_text=about).first
    row.get_by_role("link").first.click()
    person.page.wait_for_url("**/assign/")
    person.check(f"{task}-toewijzen")
    person.submit("Toewijzen en doorgaan", f"{task}-formulier")


def test_a_report_goes_all_the_way_to_a_closed_dossier(world):
    journey = world

    # A citizen reports, with an attachment.
    burger = journey.person(None, "burger")
    burger.open(f"{journey.url}/melding/", "formulier")
    page = burger.page
    page.fill("#id_nieuwe_zorgaanbieder_naam", "Zorggroep De Waalkant")
    page.select_option("#id_vestiging_gemeente", label="Nijmegen")
    page.select_option("#id_domein", "wmo")
    page.fill("#id_omschrijving", "Cliënten krijgen hun medicatie niet op tijd; twee vallen.")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "foto.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.fill("#id_melder_email", "melder@example.org")
    burger.submit("Melding versturen", "bedankt")
    nummer = page.inner_text("#meldingsnummer")

    # The Meldpunt links the provider the citizen typed to the register, then weighs the
    # report towards enforcement with the provider's contract.
    fatima = journey.person("fatima").login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", nummer)
    fatima.click("Naar de melding", "melding")
    fatima.see(nummer, "foto.pdf")
    fatima.page.get_by_text("Zorgaanbieder uit het register koppelen").click()
    fatima.page.fill("#id_aanbieder", "Waalkant")
    fatima.submit("Zoeken", "zoeken")
    fatima.submit("Koppelen aan Zorggroep De Waalkant", "gekoppeld")
    fatima.see("gekoppeld aan Zorggroep De Waalkant")
    fatima.click("Wegen", "wegen")
    page = fatima.page
    weigh(page, "kwaliteit", "hoog", "aannemelijk", "Meerdere signalen over medicatie en vallen.")
    page.get_by_label("ROB-WMO-2024-001", exact=False).check()
    choose(page, "route", "naar_handhaving")
    fatima.complete("gewogen")

    # The case officer records an investigation activity with a finding, and finishes.
    hanna = journey.person("hanna").login()
    hanna.menu("Handhaving", "handhaving")
    hanna.menu("Dossiers", "dossiers")
    hanna.see("Zorggroep De Waalkant")
    hanna.page.get_by_role("link", name="HH-").first.click()
    hanna.check("dossier")
    dossier_nummer = re.search(r"HH-\d{4}-\d{4}", hanna.text()).group(0)
    hanna.page.get_by_text("Onderzoeksactiviteit vastleggen").click()
    page = hanna.page
    page.select_option("#id_soort", "onaangekondigd_bezoek")
    page.fill("#id_datum", today())
    page.fill("#id_uitgevoerd_door", "Hanna en collega")
    page.fill("#id_bevindingen", "Medicatielijsten niet bijgehouden; aftekenlijsten ontbreken.")
    hanna.submit("Vastleggen", "activiteit")
    hanna.see("aftekenlijsten ontbreken")
    take_task(hanna, "Werkvoorraad handhaving", "Onderzoek", dossier_nummer)
    hanna.page.fill("textarea[name=toelichting]", "Structureel tekort in medicatieveiligheid.")
    hanna.complete("onderzoek-afgerond")

    # The secretary plans the Dossieroverleg and puts the dossier on the agenda there.
    sam = journey.person("sam").login()
    sam.menu("Handhaving", "handhaving")
    sam.menu("Dossieroverleg", "overleggen")
    sam.click("Overleg plannen", "plannen")
    page = sam.page
    page.fill("#id_datum", f"{today()}T00:01")
    page.select_option("#id_voorzitter", label="Vera")
    page.select_option("#id_secretaris", label="Sam")
    sam.submit("Plannen", "gepland")
    sam.see(dossier_nummer)
    page.get_by_label("Dossier gereed voor overleg").select_option(
        label=f"{dossier_nummer} – Zorggroep De Waalkant"
    )
    sam.submit("Agenderen", "geagendeerd")
    sam.see("Zorggroep De Waalkant")
    sam.submit("Agenda vaststellen", "agenda")
    sam.submit("Overleg is gehouden", "gehouden")
    page.select_option("select[name=conclusie]", "advies_voorbereiden")
    page.check("input[name=maatregelen][value=last_onder_dwangsom]")
    page.check("input[name=maatregelen][value=ontbinding]")
    sam.submit("Conclusie vastleggen", "conclusie")
    sam.submit("Verslag vaststellen (dossiers gaan verder)", "verslag")

    # The case officer drafts the advice with measures.
    take_task(hanna, "Werkvoorraad handhaving", "Advies opstellen", dossier_nummer)
    page = hanna.page
    page.check("input[name=maatregelen][value=last_onder_dwangsom]")
    page.check("input[name=maatregelen][value=ontbinding]")
    page.fill("textarea[name=motivering]", "Herhaalde tekortkomingen in medicatieveiligheid.")
    page.fill("textarea[name=juridische_grondslag]", "Wmo 2015 art. 6.1; Awb art. 5:32")
    hanna.complete("advies")

    # A team lead who did not write it reads and approves it.
    theo = journey.person("theo").login()
    take_task(theo, "Werkvoorraad handhaving", "Advies beoordelen", dossier_nummer)
    theo.see("Herhaalde tekortkomingen in medicatieveiligheid.", "last onder dwangsom")
    choose(theo.page, "besluit", "goedkeuren")
    theo.complete("goedgekeurd")

    # Another team lead records the college's decision with its measures.
    tessa = journey.person("tessa").login()
    take_task(tessa, "Werkvoorraad handhaving", "Besluit vastleggen", dossier_nummer)
    page = tessa.page
    fill_date(page, "datum", today())
    page.check("input[name=maatregelen][value=last_onder_dwangsom]")
    page.check("input[name=maatregelen][value=ontbinding]")
    fill_date(page, "bekendmaking_op", today())
    tessa.complete("besluit")

    # The jurist opens a trajectory for the order under penalty: intention, view, decision.
    jan = journey.person("jan").login()
    open_dossier(jan, dossier_nummer)
    form = action(jan, "Juridisch traject starten")
    form.locator("select[name=maatregel]").select_option("last_onder_dwangsom")
    form.locator("input[name=voornemen_op]").fill(today())
    jan.submit("Vastleggen", "traject-gestart", within=form)
    jan.click("last onder dwangsom", "traject")
    form = action(jan, "Besluit na de zienswijze vastleggen")
    form.locator("input[name=datum]").fill(today())
    form.locator("input[name=bekendmaking_op]").fill(today())
    form.locator("textarea[name=toelichting]").fill("Zienswijze ontvangen en verwerkt.")
    jan.submit("Vastleggen", "primair-besluit", within=form)
    form = action(jan, "Bezwaarschrift ontvangen")
    form.locator("input[name=ontvangen_op]").fill(today())
    jan.submit("Vastleggen", "bezwaar", within=form)
    jan.see("Beslissen op bezwaar")

    # The jurist who took part is not offered the objection, and is refused with the
    # reason when he opens its address.
    jan.menu("Werkvoorraad bezwaar", "werkvoorraad-bezwaar")
    jan.menu("Werkvoorraad", "wachtrij-bezwaar")
    assert dossier_nummer not in jan.text()

    # A jurist who was not involved decides it from her own work queue.
    julia = journey.person("julia").login()
    take_task(julia, "Werkvoorraad bezwaar", "Beslissen op bezwaar", dossier_nummer)
    task_url = julia.page.url
    page = julia.page
    fill_date(page, "datum", today())
    fill_date(page, "bekendmaking_op", today())
    choose(page, "uitkomst", "ongegrond")
    page.fill("textarea[name=toelichting]", "Het besluit blijft in stand.")
    jan.expected_status = {403}
    jan.open(task_url, "bezwaar-geweigerd")
    jan.see("betrokken bij het primaire besluit")
    jan.expected_status = set()
    jan.click("Naar de startpagina", "start")
    julia.complete("beslist")

    # The contract is dissolved after a notice of default; the municipalities are asked
    # to arrange alternative care.
    open_dossier(jan, dossier_nummer)
    form = action(jan, "Juridisch traject starten")
    form.locator("select[name=maatregel]").select_option("ontbinding")
    form.locator("input[name=termijn_dagen]").fill("14")
    jan.submit("Vastleggen", "ingebrekestelling", within=form)
    jan.click("ontbinding overeenkomst", "traject-ontbinding")
    form = action(jan, "overeenkomst ontbinden")
    form.locator("input[name=datum]").fill(today())
    jan.submit("Vastleggen", "ontbonden", within=form)

    # Druten's contact reads the mail, follows its link and answers in the portal.
    druten = journey.person("druten")
    link = journey.link_in_mail("handhaving@druten.example.org", "/portaal/")
    druten.open(link, "inloggen-via-mail")
    druten.page.fill("input[name=username]", "druten")
    druten.page.fill("input[name=password]", PASSWORD)
    druten.submit("Inloggen", "portaal")
    druten.see("Alternatieve zorg regelen", dossier_nummer)
    page = druten.page
    form = page.locator("form", has=page.locator("input[name=aantal_clienten]")).first
    form.locator("input[name=aantal_clienten]").fill("3")
    druten.submit("Alternatieve zorg is geregeld", "nazorg-geregeld", within=form)
    # Druten chooses to hear about status changes in its contact's first domain at once.
    form = page.locator("form", has=page.locator("input[name=direct_domeinen]")).first
    form.locator("input[name=direct_domeinen]").first.check()
    druten.submit("Instellen", "berichten-ingesteld", within=form)
    from regio.models import Contactpersoon

    contact = Contactpersoon.objects.get(email="handhaving@druten.example.org")
    assert contact.direct_domeinen == contact.domeinen[:1]

    # Closing while a trajectory still runs is refused: the page says why on top, the
    # form stays open, and the typed reason is still there.
    open_dossier(hanna, dossier_nummer)
    form = action(hanna, "Sluiten met een resultaat")
    form.locator("select[name=resultaat]").select_option(index=1)
    form.locator("textarea[name=reden]").fill("Te vroeg: de trajecten lopen nog.")
    hanna.expected_status = {422}
    hanna.submit("Vastleggen", "sluiten-te-vroeg", within=form)
    hanna.expected_status = set()
    summary = hanna.page.locator(".hh-error-summary")
    assert "Er loopt nog een juridisch traject." in summary.inner_text()
    assert hanna.page.input_value("#id_sluiten_reden") == "Te vroeg: de trajecten lopen nog."
    assert hanna.page.locator("#id_sluiten_reden").is_visible()

    # Both trajectories finished, the dossier is closed with a result type.
    for maatregel in ("last onder dwangsom", "ontbinding overeenkomst"):
        open_dossier(jan, dossier_nummer)
        jan.click(maatregel, "traject")
        form = action(jan, "Traject afronden")
        form.locator("select[name=uitkomst]").select_option(index=1)
        jan.submit("Vastleggen", "afgerond", within=form)
    # The other municipalities let the case officer know by phone; she records it for them.
    open_dossier(hanna, dossier_nummer)
    while hanna.page.locator("summary", has_text=re.compile(r"^Namens .+ vastleggen$")).count():
        form = action(hanna, "Namens ")
        form.locator("input[name=aantal_clienten]").fill("1")
        form.locator("textarea[name=toelichting]").fill("Telefonisch doorgegeven.")
        hanna.submit("Alternatieve zorg is geregeld", "nazorg-namens", within=form)
    form = action(hanna, "Sluiten met een resultaat")
    form.locator("select[name=resultaat]").select_option(index=1)
    form.locator("textarea[name=reden]").fill("Maatregelen uitgevoerd, zorg overgedragen.")
    hanna.submit("Vastleggen", "gesloten", within=form)
    hanna.see("afgesloten")

    # Tiel is not involved: it finds the dossier nowhere, and was told nothing about it.
    tiel = journey.person("tiel").login()
    assert dossier_nummer not in tiel.text()
    tiel.menu("Handhaving", "handhaving")
    tiel.page.get_by_label("Zoeken (nummer of zorgaanbieder)").fill(dossier_nummer)
    tiel.submit("Filteren", "zoeken")
    assert dossier_nummer not in tiel.text() and "Waalkant" not in tiel.text()
    tiel.menu("Portaal gemeente", "portaal")
    assert dossier_nummer not in tiel.text()
    assert not any(
        dossier_nummer in mail_text(m) for m in journey.mails("handhaving@tiel.example.org")
    )
    assert any(
        dossier_nummer in mail_text(m) for m in journey.mails("handhaving@druten.example.org")
    )


# Who plays which part when a test prepares a dossier with the dossier tests' helpers.
CAST = (
    ("intake", "fatima"),
    ("handhaver", "hanna"),
    ("teamleider", "theo"),
    ("teamleider2", "tessa"),
    ("secretaris", "sam"),
    ("voorzitter", "vera"),
)


def the_cast() -> dict:
    return {role: User.objects.get(username=name) for role, name in CAST}


def open_dossier(person, nummer: str) -> None:
    person.menu("Handhaving", "handhaving")
    person.menu("Dossiers", "dossiers")
    person.click(nummer, "dossier")


def action(person, summary: str):
    """Open a folded action on a page (its summary) and return its form."""
    details = person.page.locator("details", has=person.page.locator("summary", has_text=summary))
    details = details.first
    details.locator("summary").first.click()
    return details.locator("form").first


def unfold(person, summary: str) -> None:
    """Open a folded list on a page (its summary) and wait until it is loaded."""
    details = person.page.locator("details", has=person.page.locator("summary", has_text=summary))
    details = details.first
    details.locator("summary").first.click()
    details.locator("turbo-frame[complete]").wait_for()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def report(journey, *, provider: str, text: str, mail: str = "") -> str:
    """A citizen sends the public form; returns the report's number."""
    burger = journey.person(None, "burger")
    burger.open(f"{journey.url}/melding/", "formulier")
    page = burger.page
    page.fill("#id_nieuwe_zorgaanbieder_naam", provider)
    page.select_option("#id_domein", "wmo")
    page.fill("#id_omschrijving", text)
    if mail:
        page.fill("#id_melder_email", mail)
    else:
        page.check("#id_melder_anoniem")
    burger.submit("Melding versturen", "bedankt")
    return page.inner_text("#meldingsnummer")


def test_the_meldpunt_asks_the_reporter_forwards_a_report_and_asks_after_it(world):
    journey = world
    eerste = report(
        journey, provider="Thuiszorg Ooijpolder", text="Hulp komt vaak niet.", mail="a@example.org"
    )
    tweede = report(journey, provider="Jeugdhulp Maas en Waal", text="Signaal over fraude.")

    # The Meldpunt asks the first reporter a question from the report's page.
    fatima = journey.person("fatima").login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", eerste)
    fatima.click("Naar de melding", "melding")
    fatima.page.fill("textarea[name=vraag]", "Op welke dagen kwam de hulp niet?")
    fatima.submit("Vraag versturen", "vraag-gesteld")
    fatima.see("Op welke dagen kwam de hulp niet?: wacht op antwoord")

    # The reporter answers through the link in the mail, without an account.
    melder = journey.person(None, "melder")
    melder.open(journey.link_in_mail("a@example.org", "/melding/reactie/"), "vraag")
    melder.see("Op welke dagen kwam de hulp niet?")
    melder.page.fill("textarea[name=antwoord]", "Maandag en donderdag, al drie weken.")
    melder.submit("Antwoord versturen", "beantwoord")
    melder.see("Wij hebben uw antwoord ontvangen")

    # The Meldpunt sees the answer on the task and decides there is no follow-up.
    fatima.click("Wegen", "wegen")
    fatima.see("Maandag en donderdag, al drie weken.")
    page = fatima.page
    weigh(page, "kwaliteit", "laag", "mogelijk", "Tijdelijk personeelstekort, al opgelost.")
    choose(page, "route", "geen_vervolg")
    page.fill("textarea[name=reden]", "Geen structureel probleem.")
    fatima.complete("geen-vervolg")

    # The second report goes to the Informatieknooppunt Zorgfraude.
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", tweede)
    page = fatima.page
    weigh(page, "fraudevermoeden", "midden", "aannemelijk", "Vermoeden van valse declaraties.")
    choose(page, "route", "doorgeleid")
    choose(page, "doorgeleid_aan", "ikz")
    page.fill("textarea[name=reden]", "Fraude is aan het Informatieknooppunt.")
    page.fill("input[name=verzendwijze]", "beveiligde e-mail")
    fatima.complete("doorgeleid")

    # Four weeks later the follow-up timer fires (the periodic job) and the task to ask
    # after the outcome appears in the work queue.
    later = timezone.now() + datetime.timedelta(days=settings_days() + 1)
    with time_machine.travel(later, tick=True):
        call_command("workflow_timers", verbosity=0)
        # Her session of four weeks ago has expired: she logs in again.
        fatima = journey.person("fatima", "fatima-later").login()
        take_task(fatima, "Werkvoorraad meldingen", "Uitkomst navragen", tweede)
        fatima.see(tweede, "Informatieknooppunt Zorgfraude")


def settings_days() -> int:
    from django.conf import settings

    return settings.MELDPUNT_NAVRAGEN_DAGEN


def test_a_wrong_value_in_a_staff_form_is_shown_at_the_field_and_nothing_typed_is_lost(world):
    journey = world
    nummer = report(journey, provider="Zorgboerderij De Linge", text="Signaal over de zorg.")
    fatima = journey.person("fatima").login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", nummer)
    page = fatima.page
    weigh(page, "kwaliteit", "midden", "vastgesteld", "Eén bron, niet te controleren.")
    choose(page, "route", "geen_vervolg")
    page.fill("textarea[name=reden]", "De aanbieder heeft het al hersteld.")
    fatima.expected_status = {422}  # a form with errors is answered 422 and shown again
    fatima.submit("Uitvoeren", "weging-met-fout")
    fatima.expected_status = set()

    # The form stays, says on top what is wrong and where, and keeps what was typed.
    assert page.url.rstrip("/").endswith("/execute")
    summary = page.locator(".hh-error-summary")
    assert summary.is_visible()
    assert "Ik bevestig deze ongebruikelijke combinatie" in summary.inner_text()
    # viewflow's field element shows the message under the field.
    at_field = page.locator("vf-field-checkbox[name=bevestigd]")
    assert "Klopt dat?" in at_field.inner_text()
    assert page.input_value("textarea[name=motivering]") == "Eén bron, niet te controleren."
    assert chosen(page, "aannemelijkheid") == "vastgesteld"
    assert chosen(page, "route") == "geen vervolg"
    assert page.input_value("textarea[name=reden]") == "De aanbieder heeft het al hersteld."

    # The summary links to the field; confirming lets the weighing through.
    summary.get_by_role("link").first.click()
    page.check("input[name=bevestigd]")
    fatima.complete("weging-bevestigd")


def test_a_team_lead_finds_the_advice_to_review_through_the_signal_badge(world):
    from regio.models import Contract
    from tests.signalen.conftest import dossier_waiting_for_advice

    journey = world
    # Prepared: a dossier investigated by Hanna and discussed in a meeting whose conclusion
    # is to prepare advice (the first journey clicks all of that).
    cast = {
        "intake": User.objects.get(username="fatima"),
        "handhaver": User.objects.get(username="hanna"),
        "secretaris": User.objects.get(username="sam"),
        "voorzitter": User.objects.get(username="vera"),
    }
    contract = Contract.objects.get(referentie="ROB-WMO-2024-001")
    nummer = dossier_waiting_for_advice(cast, contract).nummer

    # The case officer drafts the advice; she wrote it, so nothing waits for her.
    hanna = journey.person("hanna").login()
    take_task(hanna, "Werkvoorraad handhaving", "Advies opstellen", nummer)
    page = hanna.page
    page.check("input[name=maatregelen][value=aanwijzing]")
    page.fill("textarea[name=motivering]", "Medicatieveiligheid structureel onvoldoende.")
    page.fill("textarea[name=juridische_grondslag]", "Wmo 2015 art. 6.1")
    hanna.complete("advies")
    hanna.page.get_by_role("link", name="Signalen: 0 ongelezen", exact=True).wait_for()

    # A team lead sees one waiting signal in the top bar, opens it and lands on the review.
    theo = journey.person("theo").login()
    theo.click("Signalen: 1 ongelezen", "signalen")
    theo.see("Advies beoordelen", nummer, "nieuw")
    theo.click(f"Advies beoordelen {nummer}", "signaal-geopend")
    assert re.search(r"/werk-handhaving/\d+/advies_beoordelen/\d+/assign/$", theo.page.url)
    theo.submit("Toewijzen en doorgaan", "beoordelen")
    theo.see("Medicatieveiligheid structureel onvoldoende.")
    choose(theo.page, "besluit", "goedkeuren")
    theo.complete("goedgekeurd")
    theo.click("Signalen: 0 ongelezen", "signalen-gelezen")
    theo.see("afgehandeld")


def acute_forwarded(journey, login: str, nummer: str) -> None:
    """The Meldpunt weighs a report as acute and forwards it; its follow-up (due the same
    day) waits in the work queue."""
    fatima = journey.person("fatima", login).login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", nummer)
    page = fatima.page
    weigh(page, "kwaliteit", "acuut", "aannemelijk", "Veiligheid van cliënten in gevaar.")
    choose(page, "route", "doorgeleid")
    choose(page, "doorgeleid_aan", "ggd_wmo")
    page.fill("textarea[name=reden]", "Toezicht door de GGD.")
    page.fill("input[name=verzendwijze]", "beveiligde e-mail")
    fatima.complete(f"acuut-{login}")


def sort_on(person, column: str, expected: str, step: str) -> None:
    """Click a column's header (viewflow sorts the list on it, in the address)."""
    person.page.locator(f"th[data-list-sort-column={column}]").click()
    person.page.wait_for_url(re.compile(rf"_orderby={re.escape(expected)}(&|$)"))
    person.check(step)


def queue_rows(person) -> list[str]:
    return person.page.locator("table tbody tr").all_inner_texts()


def test_the_work_queue_shows_what_each_task_is_about_and_sorts_by_due_date(world):
    journey = world
    # Yesterday an acute report came in and was forwarded; its follow-up was due then.
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1), tick=True):
        gisteren = report(journey, provider="Zorgcentrum De Wijert", text="Cliënt valt vaak.")
        acute_forwarded(journey, "fatima-gisteren", gisteren)
    vandaag = report(journey, provider="Thuiszorg Hatert", text="Cliënt kreeg geen eten.")
    acute_forwarded(journey, "fatima-vandaag", vandaag)
    zonder = report(journey, provider="Dagbesteding Lindenholt", text="Weinig begeleiding.")

    fatima = journey.person("fatima", "fatima-wachtrij").login()
    fatima.menu("Werkvoorraad meldingen", "werkvoorraad")
    fatima.menu("Werkvoorraad", "wachtrij")
    rows = queue_rows(fatima)
    # Overdue first, then today, then the weighing without a date.
    first = rows[0]
    assert gisteren in first and "De Wijert" in first and "Acute melding opvolgen" in first
    assert "1 dag te laat" in first and "urgent" in first
    assert vandaag in rows[1] and "(vandaag)" in rows[1]
    assert zonder in rows[2] and "Wegen" in rows[2] and "—" in rows[2]

    # Sorting on the due date: once ascending, once descending; no date stays last.
    sort_on(fatima, "uiterlijk", "uiterlijk", "op-uiterlijk")
    sort_on(fatima, "uiterlijk", "-uiterlijk", "op-uiterlijk-aflopend")
    rows = queue_rows(fatima)
    assert vandaag in rows[0] and gisteren in rows[1] and zonder in rows[2]


def test_an_officer_records_a_bibob_investigation_told_to_the_rob_partners_only(world):
    """Seed 000 art. 7.4: the ROB partners tell each other that a Bibob investigation was
    started into certain (legal) persons; nobody else, and never who the persons are."""
    journey = world
    nummer = report(journey, provider="Zorgboerderij De Linge", text="Signaal over geldstromen.")
    hanna = journey.person("hanna").login()
    hanna.menu("Meldpunt", "meldpunt")
    row = hanna.page.locator("tr", has=hanna.page.get_by_role("link", name=nummer))
    row.get_by_role("link", name="Zorgboerderij De Linge").click()
    hanna.page.wait_for_url(re.compile(r"/meldpunt/zorgaanbieder/\d+/$"))
    form = action(hanna, "Bibob-onderzoek vastleggen")
    form.locator("input[name=datum]").fill(today())
    form.locator("textarea[name=betrokkenen]").fill("De Linge BV en haar bestuurder P. Smit")
    hanna.submit("Vastleggen en ROB-gemeenten informeren", "bibob-vastgelegd", within=form)
    hanna.see("De Linge BV en haar bestuurder P. Smit", "loopt")

    druten = [m for m in journey.mails("handhaving@druten.example.org") if "Bibob" in m["Subject"]]
    assert len(druten) == 1 and "Zorgboerderij De Linge" in mail_text(druten[0])
    assert "Smit" not in mail_text(druten[0])
    tiel = [m for m in journey.mails("handhaving@tiel.example.org") if "Bibob" in m["Subject"]]
    assert tiel == []  # Rivierenland: not a ROB partner


def test_an_officer_records_the_division_in_a_bw_mo_case_and_involves_another_municipality(
    world,
):
    """DVO BW/MO art. 5.2: the contracting (PGB) municipality and the location's are jointly
    responsible, with a division agreed per case; another interested municipality of the
    region may be involved, with a reason."""
    from regio.models import Contract, Gemeente
    from tests.dossieroverleg.conftest import bw_mo_dossier

    journey = world
    # Prepared: a BW/MO report about care in Tiel granted by Druten, routed to enforcement
    # (the first journey clicks a report all the way).
    cast = {"intake": User.objects.get(username="fatima")}
    regio = {g.code: g for g in Gemeente.objects.all()}
    contract = Contract.objects.get(referentie="BWMO-2024-001")
    nummer = bw_mo_dossier(cast, regio, contract).nummer

    hanna = journey.person("hanna").login()
    open_dossier(hanna, nummer)
    form = action(hanna, "Verdeling van verantwoordelijkheden vastleggen")
    form.locator("textarea[name=tekst]").fill("Druten regelt de zorg, Tiel het toezicht.")
    hanna.submit("Vastleggen", "verdeling", within=form)
    unfold(hanna, "Vastgelegde verdeling van verantwoordelijkheden")
    hanna.see("Druten regelt de zorg, Tiel het toezicht.")

    # Tiel is already involved: refused at the field, the reason kept.
    form = action(hanna, "Een andere belanghebbende regiogemeente erbij betrekken")
    form.locator("select[name=gemeente]").select_option(label="Tiel")
    form.locator("textarea[name=reden]").fill("Cliënten wonen in Beuningen.")
    hanna.expected_status = {422}
    hanna.submit("Vastleggen", "al-betrokken", within=form)
    hanna.expected_status = set()
    assert "Tiel is al betrokken." in hanna.page.locator(".hh-error-summary").inner_text()
    assert hanna.page.input_value("#id_belanghebbende_reden") == "Cliënten wonen in Beuningen."

    form = hanna.page.locator("form", has=hanna.page.locator("#id_belanghebbende_reden"))
    form.locator("select[name=gemeente]").select_option(label="Beuningen")
    hanna.submit("Vastleggen", "belanghebbende", within=form)
    involved = hanna.page.locator("dt", has_text="Betrokken gemeenten").locator(
        "xpath=following-sibling::dd[1]"
    )
    assert "Beuningen" in involved.inner_text()


def test_an_officer_escalates_a_youth_case_to_the_aldermen_without_a_known_home(world):
    """Seed 003, 2.1 sub 2: the Nijmegen alderman is the escalation point for youth cases;
    the home municipality's alderman only "waar dat te determineren is". The office is told
    at once, and the answer is due by a term."""
    from regio.models import Contract, Gemeente
    from tests.dossieroverleg.conftest import decided_dossier

    journey = world
    nijmegen = Gemeente.objects.get(code="GM0268")
    nijmegen.wethouder_jeugd_email = "wethouder.jeugd@nijmegen.example.org"
    nijmegen.save()
    # Prepared: a youth case decided by the college (the first journey clicks that).
    cast = the_cast()
    contract = Contract.objects.get(referentie="ROB-JGD-2024-001")
    nummer = decided_dossier(
        cast,
        contract,
        maatregelen=["aanwijzing"],
        datum=timezone.localdate(),
        bekendmaking_op=timezone.localdate(),
    ).nummer

    hanna = journey.person("hanna").login()
    open_dossier(hanna, nummer)
    form = action(hanna, "Escaleren naar de wethouder van Nijmegen")
    form.locator("textarea[name=vraag]").fill("Mag de plaatsing doorgaan tijdens het traject?")
    form.locator("input[name=datum]").fill(today())
    form.locator("input[name=antwoord_dagen]").fill("10")
    hanna.submit("Vastleggen", "geescaleerd", within=form)
    hanna.see("woongemeente niet te bepalen", "antwoord uiterlijk")

    told = journey.mails("wethouder.jeugd@nijmegen.example.org")
    assert len(told) == 1 and nummer in mail_text(told[0])
    assert "plaatsing" not in mail_text(told[0])  # the question itself stays with the ROB


def test_the_privacy_officer_records_and_decides_an_objection_and_the_municipalities_hear(
    world,
):
    """Seed 000 Bijlage 1 art. 5.1: a data subject's request about a case is told to the
    municipalities concerned, received and answered; AVG art. 21: an objection is decided,
    a refusal with its reason."""
    from django.contrib.auth.models import Group

    from regio.models import Contract
    from tests.dossieroverleg.conftest import report_to_enforcement

    journey = world
    # Prepared: a report about Piet Pietersen (BSN 111222333) taken into enforcement.
    fatima = User.objects.get(username="fatima")
    report_to_enforcement(by=fatima, contract=Contract.objects.get(referentie="ROB-WMO-2024-001"))
    priya = User.objects.create_user(
        username="priya", password=PASSWORD, email="privacy@rob.example.org"
    )
    priya.groups.add(Group.objects.get(name="privacy"))

    officer = journey.person("priya").login()
    officer.menu("Privacy", "privacy")
    officer.menu("Verzoeken betrokkenen", "betrokkenen")
    page = officer.page
    page.fill("#id_zoek_bsn", "111222333")
    officer.submit("Zoeken", "gevonden")
    form = page.locator("form", has=page.locator("#id_nieuw-soort"))
    form.locator("#id_nieuw-soort").select_option("bezwaar")
    form.locator("#id_nieuw-kenmerk").fill("AVG-BZ-1")
    form.locator("#id_nieuw-ontvangen_op").fill(today())
    officer.submit("Verzoek vastleggen en gemeenten informeren", "vastgelegd", within=form)

    # Refusing without the legal ground is refused at the field.
    form = page.locator("form", has=page.get_by_text("AVG-BZ-1")).first
    form.get_by_label("afgewezen").check()
    officer.expected_status = {422}
    officer.submit("Beslissen en gemeenten informeren", "zonder-reden", within=form)
    officer.expected_status = set()
    assert "Geef de reden van de afwijzing" in page.locator(".hh-error-summary").inner_text()
    form = page.locator("form", has=page.get_by_text("AVG-BZ-1")).first
    form.get_by_label("afgewezen").check()
    form.locator("textarea").fill("Gerechtvaardigde grond: toezicht op de zorg (AVG art. 21).")
    officer.submit("Beslissen en gemeenten informeren", "beslist", within=form)
    officer.see("Geen openstaande verzoeken.")

    # The report lies in Berg en Dal: its contact hears of it, received and answered.
    mails = journey.mails("handhaving@bergendal.example.org")
    subjects = [m["Subject"] for m in mails if "Verzoek van een betrokkene" in m["Subject"]]
    assert len(subjects) == 2 and "beantwoord" in subjects[1]
    assert not any("Pietersen" in mail_text(m) or "111222333" in mail_text(m) for m in mails)


def test_the_privacy_officer_registers_a_breach_and_its_24_hour_term_is_met_by_the_mail(
    world,
):
    """Seed 002 Bijlage B 4.2: a breach touching cases is told to the municipalities
    concerned within 24 hours of its discovery; the register shows when it was met."""
    from django.contrib.auth.models import Group

    from regio.models import Contract
    from tests.dossieroverleg.conftest import report_to_enforcement

    journey = world
    fatima = User.objects.get(username="fatima")
    melding = report_to_enforcement(
        by=fatima, contract=Contract.objects.get(referentie="ROB-WMO-2024-001")
    )
    priya = User.objects.create_user(
        username="priya", password=PASSWORD, email="privacy@rob.example.org"
    )
    priya.groups.add(Group.objects.get(name="privacy"))

    officer = journey.person("priya").login()
    officer.menu("Privacy", "privacy")
    officer.menu("Datalekken", "datalekken")
    page = officer.page
    page.fill(
        "textarea[name=omschrijving]", "Een e-mail met een zaaknummer ging naar een verkeerd adres."
    )
    page.fill(
        "input[name=ontdekt_op]",
        timezone.localtime().replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M"),
    )
    page.fill("input[name=zaken]", melding.nummer)
    officer.submit("Vastleggen en gemeenten informeren", "datalek")

    told = [
        m for m in journey.mails("handhaving@bergendal.example.org") if "atalek" in m["Subject"]
    ]
    assert len(told) == 1 and "Melding datalek DL-" in mail_text(told[0])
    officer.menu("Datalekken", "datalekken-later")
    row = page.locator("tr", has=page.get_by_text(melding.nummer)).first
    # Every municipality concerned got the mail: the term was met, and says when.
    assert "Geïnformeerd (" in row.inner_text() and "GM1945" in row.inner_text()


def test_a_jurist_carries_an_order_under_penalty_to_collection_under_mandate(world):
    """Awb title 5.3: the order's compliance period, forfeiture after it up to the maximum,
    the collection decision and a payment; every decision says in whose name it was taken
    and under which mandate; the totals stand on the dossier page."""
    from regio.models import Contract
    from tests.dossieroverleg.conftest import decided_dossier

    journey = world
    # Prepared: a dossier with the college's decision of two months ago (the first journey
    # clicks a dossier up to the decision).
    cast = the_cast()
    two_months_ago = timezone.localdate() - datetime.timedelta(days=60)
    nummer = decided_dossier(
        cast,
        Contract.objects.get(referentie="ROB-WMO-2024-001"),
        maatregelen=["last_onder_dwangsom"],
        datum=two_months_ago,
        bekendmaking_op=two_months_ago,
    ).nummer

    jan = journey.person("jan").login()
    open_dossier(jan, nummer)
    # The college's decision says in whose name, under which mandate and who signed.
    jan.see("Krachtens", "college van burgemeester en wethouders van Nijmegen aan rol teamleider")
    form = action(jan, "Juridisch traject starten")
    form.locator("select[name=maatregel]").select_option("last_onder_dwangsom")
    form.locator("input[name=voornemen_op]").fill(today(-60))
    jan.submit("Vastleggen", "traject-gestart", within=form)
    jan.click("last onder dwangsom", "traject")
    form = action(jan, "Besluit na de zienswijze vastleggen")
    form.locator("input[name=datum]").fill(today(-45))
    form.locator("input[name=bekendmaking_op]").fill(today(-45))
    jan.submit("Vastleggen", "primair-besluit", within=form)
    jan.see(
        "In naam van college van burgemeester en wethouders van Nijmegen, namens zichzelf en "
        "krachtens mandaat namens de colleges van",
        "ondertekend door Jan",
    )

    # The order: what the provider must do, fourteen days, EUR 250 a day up to EUR 2,500.
    form = action(jan, "De last uit het besluit vastleggen")
    form.locator("textarea[name=lastgeving]").fill("Elke dienst een BIG-geregistreerde medewerker.")
    form.locator("input[name=begunstiging_dagen]").fill("14")
    form.locator("input[name=bedrag]").fill("250")
    form.locator("select[name=per]").select_option("dag")
    form.locator("input[name=maximum]").fill("2500")
    jan.submit("Vastleggen", "last", within=form)
    jan.see("Elke dienst een BIG-geregistreerde medewerker.", "€ 250,00 per dag")

    # An inspection dated inside the compliance period is refused with the reason.
    form = action(jan, "Controle na de begunstigingstermijn")
    form.locator("input[name=datum]").fill(today(-40))
    form.get_by_label("nee, niet nagekomen").check()
    jan.expected_status = {422}
    jan.submit("Vastleggen", "controle-te-vroeg", within=form)
    jan.expected_status = set()
    assert (
        "De begunstigingstermijn loopt tot en met"
        in jan.page.locator(".hh-error-summary").inner_text()
    )

    # Today, a month after the period: forfeited up to the maximum.
    form = jan.page.locator("form", has=jan.page.locator("#id_controle_datum"))
    form.locator("input[name=datum]").fill(today())
    jan.submit("Vastleggen", "verbeurd", within=form)
    assert jan.page.locator("[data-totaal=verbeurd]").inner_text() == "€ 2.500,00"
    jan.see("maximum verbeurd", "Verjaring invordering € 2.500,00 verbeurd op")

    form = action(jan, "Invorderingsbesluit nemen")
    form.locator("input[name=datum]").fill(today())
    form.locator("input[name=bekendmaking_op]").fill(today())
    jan.submit("Vastleggen", "invorderingsbesluit", within=form)
    assert jan.page.locator("[data-totaal=ingevorderd]").inner_text() == "€ 2.500,00"
    form = action(jan, "Betaling ontvangen")
    form.locator("input[name=datum]").fill(today())
    form.locator("input[name=bedrag]").fill("1000")
    jan.submit("Vastleggen", "betaling", within=form)
    assert jan.page.locator("[data-totaal=betaald]").inner_text() == "€ 1.000,00"

    jan.click(f"← Dossier {nummer}", "dossier")
    jan.see("€ 2.500,00 / € 2.500,00 / € 1.000,00")


def test_a_jurist_makes_the_letter_of_a_decision_and_makes_it_final_as_pdf(world):
    """A letter from the step's template: the draft holds what was recorded (provider,
    the college's decision, the computed end of the objection term, the order), the jurist
    reads it in Word and makes it final; the PDF says the same."""
    import shutil
    from decimal import Decimal

    from docx import Document
    from pypdf import PdfReader

    from juridisch import sancties
    from juridisch import services as juridisch
    from regio.dates import datum
    from regio.models import Contract
    from tests.dossieroverleg.conftest import decided_dossier

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    journey = world
    # Prepared: a decided dossier, its trajectory up to the decision and the order (the
    # journey of the order under penalty clicks those).
    cast = the_cast()
    jan_user = User.objects.get(username="jan")
    day = timezone.localdate()
    dossier = decided_dossier(
        cast,
        Contract.objects.get(referentie="ROB-WMO-2024-001"),
        maatregelen=["last_onder_dwangsom"],
        datum=day - datetime.timedelta(days=30),
        bekendmaking_op=day - datetime.timedelta(days=30),
    )
    traject = juridisch.open_trajectory(
        dossier=dossier,
        maatregel="last_onder_dwangsom",
        by=jan_user,
        voornemen_op=day - datetime.timedelta(days=28),
    )
    besluit = juridisch.record_primary_decision(
        traject=traject,
        by=jan_user,
        datum=day - datetime.timedelta(days=7),
        bekendmaking_op=day - datetime.timedelta(days=7),
    )
    sancties.impose_order(
        traject=traject,
        by=jan_user,
        lastgeving="Elke dienst een BIG-geregistreerde medewerker.",
        begunstiging_dagen=14,
        bedrag=Decimal("1500"),
        per="overtreding",
        maximum=Decimal("15000"),
    )
    decision_date = datum(dossier.besluit.datum)
    term_end = datum(besluit.termijn.uiterlijk)

    jan = journey.person("jan").login()
    open_dossier(jan, dossier.nummer)
    jan.click("last onder dwangsom", "traject")
    row = jan.page.locator("tr", has_text="besluit bekendgemaakt").first
    jan.submit("Brief maken", "brief-gemaakt", within=row)
    jan.see("Conceptbrief gemaakt", "sjabloon versie 1", "concept")

    with jan.page.expect_download() as concept:
        jan.page.get_by_role("link", name="Concept downloaden (.docx)").click()
    assert concept.value.suggested_filename == (
        f"brief-{dossier.nummer}-last_onder_dwangsom-v1.docx"
    )
    draft = Document(concept.value.path())
    text = "\n".join(p.text for p in draft.paragraphs)
    assert "Zorggroep De Waalkant" in text and decision_date in text and term_end in text
    assert "€ 1.500,00 per overtreding" in text

    jan.submit("Definitief maken", "definitief")
    jan.see("Brief definitief gemaakt", "definitief")
    with jan.page.expect_download() as final:
        jan.page.get_by_role("link", name="PDF downloaden").click()
    assert final.value.suggested_filename.endswith("-last_onder_dwangsom-v1.pdf")
    pages = PdfReader(final.value.path()).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Zorggroep De Waalkant" in text
    assert f"Bij besluit van {decision_date}" in text
    assert f"De bezwaartermijn eindigt op {term_end}" in text
    # Final: no more uploads, no second "Definitief maken".
    assert jan.page.get_by_role("button", name="Definitief maken").count() == 0


def test_the_meldpunt_forwards_a_report_to_tiel_whose_team_answers_through_the_link(world):
    """The named recipient (demo data: Tiel's team) gets a mail with the number, the kind
    and a link, never the report; it reads the report, confirms receipt and says what it
    does; the Meldpunt reads that on the report's page."""
    journey = world
    tekst = "De dagbesteding in Tiel is 's middags vaak dicht."
    nummer = report(journey, provider="Dagbesteding De Linge", text=tekst)

    fatima = journey.person("fatima").login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", nummer)
    page = fatima.page
    weigh(page, "kwaliteit", "midden", "aannemelijk", "Dagbesteding is lokaal ingekocht.")
    choose(page, "route", "doorgeleid")
    choose(page, "doorgeleid_aan", "gemeente")
    choose(page, "doorgeleid_aan_gemeente", "GM0281")
    page.fill("textarea[name=reden]", "Dagbesteding is een lokale Wmo-taak van Tiel.")
    fatima.complete("doorgeleid")

    team = "zorgmeldingen@tiel.example.org"
    (sent,) = journey.mails(team)
    assert nummer in mail_text(sent) and "kwaliteit, Wmo" in mail_text(sent)
    assert "dagbesteding in Tiel" not in mail_text(sent)

    ontvanger = journey.person(None, "ontvanger-tiel")
    ontvanger.open(journey.link_in_mail(team, "/melding/doorgeleid/"), "melding")
    ontvanger.see(nummer, "Dagbesteding De Linge", "Dagbesteding is een lokale Wmo-taak van Tiel.")
    assert "'s middags vaak dicht" in ontvanger.text()
    ontvanger.submit("Ontvangst bevestigen", "ontvangen")
    ontvanger.see("De ontvangst is bevestigd.")
    ontvanger.page.get_by_label("In behandeling: wij pakken de melding op").check()
    ontvanger.page.fill("textarea[name=toelichting]", "Wij bezoeken de locatie volgende week.")
    ontvanger.submit("Antwoord versturen", "beantwoord")
    ontvanger.see("Uw antwoord is vastgelegd.", "Wij bezoeken de locatie volgende week.")

    fatima.menu("Meldpunt", "meldpunt")
    fatima.menu("Meldingen", "meldingen")
    fatima.click(nummer, "melding")
    fatima.see(
        "in behandeling bij ontvanger",
        "Wij bezoeken de locatie volgende week.",
        "Ontvanger: Gemeente Tiel – team Wmo en Jeugd",
        "Ontvangst bevestigd op",
    )


def test_druten_reports_a_signal_in_its_portal_and_the_meldpunt_finds_it_in_its_queue(world):
    journey = world
    druten = journey.person("druten").login()
    druten.menu("Portaal gemeente", "portaal")
    druten.click("Signaal melden", "signaal-formulier")
    page = druten.page
    page.select_option("#id_zorgaanbieder", label="Jeugdhulp Maas en Waal")
    page.select_option("#id_domein", "jeugd")
    page.fill("#id_omschrijving", "Ouders melden dat groepen vaak zonder begeleiding zijn.")
    page.select_option("#id_vestiging_gemeente", label="Druten")
    druten.submit("Signaal versturen", "signaal-gemeld")
    druten.see("Jeugdhulp Maas en Waal", "het meldpunt weegt het signaal")
    nummer = re.search(r"RMZ-\d{4}-\d{5}", druten.text()).group(0)

    fatima = journey.person("fatima").login()
    take_task(fatima, "Werkvoorraad meldingen", "Wegen", nummer)
    fatima.click("Naar de melding", "melding")
    fatima.see(nummer, "signaal van een gemeente (portaal): Druten", "zonder begeleiding")

    # Tiel's portal does not show Druten's signal.
    tiel = journey.person("tiel").login()
    tiel.menu("Portaal gemeente", "portaal")
    tiel.click("Signalen van uw gemeente", "signalen")
    tiel.see("Uw gemeente meldde nog geen signalen.")
    assert nummer not in tiel.text()
