"""The HTML part of a mail as a mail client shows it: paragraphs and line breaks where the
text has them, the facts and overviews in tables, links that can be clicked, dates in
Dutch, and no personal data."""

import datetime

import pytest

from notifications.digest import queue_digest
from notifications.models import Sjabloon
from notifications.rendering import context_for, dutch_date, render
from regio.events import Event
from tests.regio.factories import ContactpersoonFactory

from .htmlmail import links, paragraphs, parse, table_rows

pytestmark = pytest.mark.django_db

SITE = "https://handhaving.example.nl"
# Overviews list rows of their own (tested below and in test_daily.py).
OVERVIEWS = {event for event in Event.values if event.startswith("overzicht.")}


def mail_for(event, *, data=None, status="in onderzoek", gemeente=None):
    data = {"pad": "/handhaving/dossier/42/", "zorgaanbieder": "Zorg & Co", **(data or {})}
    context = context_for(
        event=event, nummer="HH-2026-0042", status=status, data=data, gemeente=gemeente
    )
    return render(event=event, context=context)


@pytest.mark.parametrize("event", sorted(set(Event.values) - OVERVIEWS))
def test_every_html_mail_has_its_text_in_paragraphs_the_facts_in_a_table_and_a_link(
    event, regio, settings
):
    settings.SITE_URL = SITE
    mail = mail_for(event, gemeente=regio["GM0268"])
    document = parse(mail.html)
    assert document.all("html")[0].attrs["lang"] == "nl"
    shown = paragraphs(mail.html)
    assert shown[0] == "Geachte heer, mevrouw,"
    # The facts each in a row of their own, never run together in one paragraph.
    facts = {row[0]: row[1] for row in table_rows(mail.html) if len(row) == 2}
    assert facts["Nummer"] == "HH-2026-0042" and facts["Status"] == "in onderzoek"
    assert "Wat wij van u vragen" in facts
    assert not [p for p in shown if "Nummer:" in p or "Status:" in p]
    # The greeting and the closing lines are lines of their own.
    closing = next(p for p in document.all("p") if p.text.startswith("Met vriendelijke groet"))
    assert closing.lines == [
        "Met vriendelijke groet,",
        "Regionaal Meldpunt Zorg / ROB Rijk van Nijmegen",
    ]
    # Every sentence of the text part is in the HTML part (nothing lost, nothing escaped
    # twice): "Zorg & Co" stays "Zorg & Co".
    if "Zorg & Co" in mail.tekst:
        assert any("Zorg & Co" in p for p in shown)
        assert "&amp;amp;" not in mail.html
    href = f"{SITE}/handhaving/dossier/42/"
    if "Bekijk het in het portaal" in mail.tekst:
        assert links(mail.html)[href] in ("Bekijk in het portaal", href)


def test_a_text_with_paragraphs_keeps_them(regio):
    mail = mail_for(Event.MELDING_ONTVANGEN, data={"pad": ""})
    shown = paragraphs(mail.html)
    assert any(p.startswith("Wij hebben uw melding ontvangen") for p in shown)
    assert any(p.startswith("Het Regionaal Meldpunt Zorg weegt uw melding") for p in shown)
    assert any(p.startswith("Over de uitkomst van een onderzoek") for p in shown)
    assert "href" not in mail.html  # a reporter's mail without a public page has no link


def test_the_subject_is_text_not_html(regio):
    mail = mail_for(Event.DOSSIER_GEOPEND)
    assert "Zorg & Co" in mail.onderwerp and "&amp;" not in mail.onderwerp
    assert "Zorg &amp; Co" in mail.html  # escaped once in the HTML, shown as "&"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("14-12-2026", "14 december 2026"),
        ("2026-03-04", "4 maart 2026"),
        (datetime.date(2026, 5, 1), "1 mei 2026"),
        ("geen datum", "geen datum"),
    ],
)
def test_dates_are_written_in_dutch(value, shown):
    assert dutch_date(value) == shown


def test_a_deadline_in_a_mail_is_a_dutch_date_in_both_parts(regio):
    mail = mail_for(Event.DOSSIER_NAZORG_GEVRAAGD, data={"termijn": "14-12-2026"})
    assert "uiterlijk 14 december 2026" in mail.tekst
    facts = {row[0]: row[1] for row in table_rows(mail.html) if len(row) == 2}
    assert facts["Wat wij van u vragen"].endswith("uiterlijk 14 december 2026.")
    assert "14-12-2026" not in mail.tekst + mail.html


def test_an_edited_template_keeps_its_lines_and_makes_addresses_links(regio, settings):
    settings.SITE_URL = SITE
    Sjabloon.objects.create(
        event=Event.DOSSIER_GESLOTEN,
        onderwerp="Dossier {{ nummer }} gesloten",
        tekst="Beste collega,\n\nDossier {{ nummer }} is gesloten.\nStatus: {{ status }}\n\n"
        "Zie {{ link }}",
    )
    mail = mail_for(Event.DOSSIER_GESLOTEN, status="gesloten")
    document = parse(mail.html)
    lines = [p.lines for p in document.all("p")]
    assert ["Dossier HH-2026-0042 is gesloten.", "Status: gesloten"] in lines
    href = f"{SITE}/handhaving/dossier/42/"
    assert links(mail.html)[href]  # the address in the text is a link


def test_the_weekly_overview_is_a_table_with_a_row_per_dossier(regio, settings):
    from notifications import digest

    def cases(*, gemeente, domeinen):
        return [
            {"nummer": "HH-2026-0009", "zorgaanbieder": "A & B Zorg", "status": "in onderzoek",
             "termijn": "2026-12-04"},
            {"nummer": "HH-2026-0002", "zorgaanbieder": "vertrouwelijk dossier", "status": "—",
             "termijn": None},
        ]  # fmt: skip

    digest.register_provider(cases)
    try:
        contact = ContactpersoonFactory(gemeente=regio["GM0225"], wekelijks_overzicht=True)
        [row] = queue_digest(contact=contact, label="2026-W48")
    finally:
        digest.unregister_provider(cases)
    rows = table_rows(row.html)
    assert ["Dossier", "Zorgaanbieder", "Status", "Volgende termijn"] in rows
    assert ["HH-2026-0002", "vertrouwelijk dossier", "—", "—"] in rows
    assert ["HH-2026-0009", "A & B Zorg", "in onderzoek", "4 december 2026"] in rows


def test_an_address_in_the_text_is_a_link(regio, settings):
    settings.SITE_URL = SITE
    taak = f"{SITE}/werk/taak/7/"
    mail = mail_for(
        Event.SIGNALEN_DAGELIJKS,
        data={"signalen": [{"wat": "Nieuwe taak", "nummer": "HH-2026-0042", "link": taak}]},
    )
    assert taak in mail.tekst and links(mail.html).get(taak) == taak


def test_a_change_of_municipalities_names_them(regio):
    mail = mail_for(
        Event.DOSSIER_BETROKKENHEID_GEWIJZIGD,
        data={"toegevoegd": ["GM0209"], "verwijderd": ["GM0281"]},
    )
    assert "Erbij: Beuningen (GM0209). Eraf: Tiel (GM0281)." in mail.tekst
    assert any("Erbij: Beuningen (GM0209)" in p for p in paragraphs(mail.html))
