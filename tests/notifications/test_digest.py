"""The weekly digest: one mail per opted-in contact, its rows from registered providers."""

import datetime

import pytest
from django.core.management import call_command

from notifications import digest
from notifications.models import Notificatie
from regio.events import Event
from tests.regio.factories import ContactpersoonFactory


@pytest.fixture
def provider():
    asked = []

    def cases(*, gemeente, domeinen):
        asked.append((gemeente.code, sorted(domeinen)))
        if gemeente.code != "GM0225":
            return []
        return [
            {"nummer": "HH-2026-0009", "status": "in onderzoek", "termijn": "2026-12-04"},
            {"nummer": "HH-2026-0002", "status": "geagendeerd", "termijn": None},
        ]

    digest.register_provider(cases)
    yield asked
    digest.unregister_provider(cases)


def test_opted_in_contacts_get_one_digest_with_the_providers_rows(regio, provider):
    druten = ContactpersoonFactory(
        gemeente=regio["GM0225"], domeinen=["wmo"], wekelijks_overzicht=True
    )
    ContactpersoonFactory(gemeente=regio["GM0268"], wekelijks_overzicht=True)
    ContactpersoonFactory(gemeente=regio["GM0225"], wekelijks_overzicht=False)
    ContactpersoonFactory(gemeente=regio["GM0225"], wekelijks_overzicht=True, actief=False)

    call_command("weekly_digest", verbosity=0)

    rows = Notificatie.objects.filter(event=Event.WEKELIJKS_OVERZICHT)
    assert rows.count() == 2  # the two active contacts who opted in
    mail = rows.get(contactpersoon=druten)
    assert mail.ontvanger == druten.email and mail.gemeente.code == "GM0225"
    lines = mail.tekst.splitlines()
    first = next(i for i, line in enumerate(lines) if "HH-2026-0002" in line)
    assert "geagendeerd" in lines[first] and "termijn" not in lines[first]
    assert "HH-2026-0009" in lines[first + 1]
    assert "volgende termijn 4 december 2026" in lines[first + 1]
    assert ("GM0225", ["wmo"]) in provider  # asked per municipality, for its domains
    nijmegen = rows.exclude(contactpersoon=druten).get()
    assert "geen open dossiers" in nijmegen.tekst


def test_the_digest_goes_once_a_week(regio, provider):
    ContactpersoonFactory(gemeente=regio["GM0225"], wekelijks_overzicht=True)
    monday = datetime.date(2026, 11, 23)
    assert digest.send_digests(today=monday) == 1
    assert digest.send_digests(today=monday + datetime.timedelta(days=3)) == 0
    assert digest.send_digests(today=monday + datetime.timedelta(days=7)) == 1


def test_the_beat_schedule_runs_the_digest_and_the_sweep(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"notifications.tasks.sweep", "notifications.tasks.weekly_digest"} <= tasks
