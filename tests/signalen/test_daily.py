"""The daily mail: one a day per staff member who asked for it and has new waiting
signals, through the outbox, without personal data."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from dossieroverleg import services as dossier_services
from notifications.models import Notificatie
from regio.events import Event
from signalen import services
from signalen.daily import send_daily_mails
from signalen.models import Signaal

from .conftest import review_waiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(people, rob_contract):
    for name in ("teamleider", "teamleider2", "handhaver"):
        people[name].email = f"{name}@rob.example.org"
        people[name].save()
    return review_waiting(people, rob_contract)


def mails():
    return Notificatie.objects.filter(event=Event.SIGNALEN_DAGELIJKS)


def test_one_mail_per_opted_in_user_with_new_signals(people, review):
    services.set_daily_mail(user=people["teamleider"], aan=True)
    services.set_daily_mail(user=people["handhaver"], aan=True)  # opted in, nothing waits
    assert send_daily_mails() == 1
    mail = mails().get()
    assert mail.ontvanger == "teamleider@rob.example.org"
    assert mail.gebruiker == people["teamleider"]
    signaal = Signaal.objects.get(gebruiker=people["teamleider"])
    assert "Advies beoordelen: " + review.nummer in mail.tekst
    assert "Zorg Zonder Zorgen BV" in mail.tekst
    link = f"{settings.SITE_URL}/signalen/{signaal.pk}/"  # opens the signal, then the task
    assert link in mail.tekst and f'href="{link}"' in mail.html
    assert mail.message_header_id.startswith(f"<notificatie-{mail.pk}.signalen-")


def test_a_second_run_on_the_same_day_sends_nothing_again(people, review):
    services.set_daily_mail(user=people["teamleider"], aan=True)
    assert send_daily_mails() == 1
    assert send_daily_mails() == 0
    call_command("daily_signals", verbosity=0)
    assert mails().count() == 1
    assert Signaal.objects.get(gebruiker=people["teamleider"]).gemaild_op is not None


def test_a_signal_is_in_one_daily_mail_at_most(people, review):
    services.set_daily_mail(user=people["teamleider"], aan=True)
    assert send_daily_mails() == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=20)):
        services.set_daily_mail(user=people["teamleider2"], aan=True)
        assert send_daily_mails() == 1  # teamleider2's; teamleider's signal was mailed
    assert set(mails().values_list("ontvanger", flat=True)) == {
        "teamleider@rob.example.org",
        "teamleider2@rob.example.org",
    }


def test_no_mail_without_the_setting_read_signals_or_old_ones(people, review):
    assert send_daily_mails() == 0  # nobody asked for it
    services.set_daily_mail(user=people["teamleider"], aan=True)
    services.mark_all_read(by=people["teamleider"])
    assert send_daily_mails() == 0  # read: nothing new waits
    services.set_daily_mail(user=people["teamleider2"], aan=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert send_daily_mails() == 0  # older than a day: in an earlier mail already
    assert not mails().exists()


def test_the_mail_holds_no_personal_data(people, review):
    """The report behind the dossier names a client with a BSN (report_to_enforcement)."""
    services.set_daily_mail(user=people["teamleider"], aan=True)
    send_daily_mails()
    mail = mails().get()
    text = mail.onderwerp + mail.tekst + mail.html
    for value in ("Piet Pietersen", "111222333", "Signaal over zorg.", "Medicatie niet op tijd"):
        assert value not in text


def test_a_secret_dossier_shows_only_its_number_and_what_waits(people, review):
    dossier_services.set_confidentiality(
        dossier=review, by=people["teamleider"], niveau="geheim", reden="Strafrechtelijk"
    )
    services.set_daily_mail(user=people["teamleider"], aan=True)
    send_daily_mails()
    mail = mails().get()
    assert f"Advies beoordelen: {review.nummer} – vertrouwelijk dossier" in mail.tekst
    assert "Zorg Zonder Zorgen" not in mail.onderwerp + mail.tekst + mail.html
