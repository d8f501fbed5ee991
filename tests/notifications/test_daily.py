"""Mail that respects attention: a request to act goes at once; informational changes go
in one daily overview per municipality contact, unless the contact chose "at once" for
the domain."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from dossieroverleg import services as dossier_services
from dossieroverleg.models import Dossier
from juridisch import services as juridisch
from notifications import daily
from notifications.models import Notificatie, Status
from notifications.recipients import Recipient
from notifications.timeline import entries
from notifications.timing import ACTION_EVENTS, INFORMATIONAL_EVENTS, waits_for_overview
from regio.events import Event, emit
from regio.models import Contactpersoon
from regio.roles import Rol
from tests.dossieroverleg.conftest import WITHOUT_WIJCHEN, decided_dossier
from tests.regio.factories import ContactpersoonFactory, ZorgaanbiederFactory

from .htmlmail import parse, table_rows

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY = datetime.date(2026, 12, 14)
PROVIDER = "Zorg Zonder Zorgen BV"  # rob_contract's provider


def at(day: datetime.date, hour: int, minute: int = 0):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)
    )


def overview_contacts(regio) -> dict[str, Contactpersoon]:
    """One Wmo contact per party to rob_contract, each taking the daily overview."""
    return {
        code: ContactpersoonFactory(
            gemeente=regio[code], domeinen=["wmo"], email=f"wmo@{code.lower()}.example.org"
        )
        for code in WITHOUT_WIJCHEN
    }


def ten_changes_and_an_aftercare_request(people, contract) -> Dossier:
    """One dossier's Monday: opened, on the agenda, discussed, advised, decided (five
    changes); a direction (intention, decision), a penalty (intention) and a notice of
    default (four legal steps); the contract terminated (the tenth change), which asks the
    contracting municipalities to arrange alternative care."""
    dossier = decided_dossier(
        people,
        contract,
        maatregelen=["aanwijzing", "last_onder_dwangsom", "ingebrekestelling"],
        datum=MONDAY,
        bekendmaking_op=MONDAY,
    )
    jurist = people["jurist"]
    aanwijzing = juridisch.open_trajectory(
        dossier=dossier, maatregel="aanwijzing", by=jurist, voornemen_op=MONDAY
    )
    juridisch.record_primary_decision(
        traject=aanwijzing, by=jurist, datum=MONDAY, bekendmaking_op=MONDAY
    )
    juridisch.open_trajectory(
        dossier=dossier, maatregel="last_onder_dwangsom", by=jurist, voornemen_op=MONDAY
    )
    privaat = juridisch.open_trajectory(
        dossier=dossier, maatregel="ingebrekestelling", by=jurist, termijn_dagen=14
    )
    juridisch.terminate_contract(traject=privaat, by=jurist, datum=MONDAY)
    return dossier


def test_ten_changes_in_a_day_make_one_overview_per_contact_and_aftercare_goes_at_once(
    regio, people, rob_contract, django_capture_on_commit_callbacks
):
    contacts = overview_contacts(regio)
    at_once = ContactpersoonFactory(
        gemeente=regio["GM0268"], domeinen=["wmo"], direct_domeinen=["wmo"],
        email="direct@nijmegen.example.org",
    )  # fmt: skip
    with at(MONDAY, 9), django_capture_on_commit_callbacks(execute=True):
        dossier = ten_changes_and_an_aftercare_request(people, rob_contract)

    informational = Notificatie.objects.filter(contactpersoon=at_once).exclude(
        event=Event.DOSSIER_NAZORG_GEVRAAGD
    )
    assert informational.count() == 10
    assert {row.event for row in informational} <= INFORMATIONAL_EVENTS
    for code, contact in contacts.items():
        # On Monday each contact got one mail: the request to arrange alternative care.
        [request] = [m for m in mail.outbox if m.to == [contact.email]]
        assert request.subject.startswith("Actie gevraagd: alternatieve zorg regelen")
        waiting = Notificatie.objects.filter(contactpersoon=contact, status=Status.VOOR_OVERZICHT)
        assert waiting.count() == 10, code
    # The contact who chose "at once" for Wmo had all eleven mails on Monday.
    assert len([m for m in mail.outbox if m.to == [at_once.email]]) == 11
    sent_on_monday = len(mail.outbox)

    with (
        at(MONDAY + datetime.timedelta(days=1), 7),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("daily_overview", verbosity=0)
        call_command("daily_overview", verbosity=0)  # the beat ran twice: nothing twice

    overviews = mail.outbox[sent_on_monday:]
    assert sorted(m.to[0] for m in overviews) == sorted(c.email for c in contacts.values())
    for message in overviews:
        contact = next(c for c in contacts.values() if [c.email] == message.to)
        assert message.subject == (
            f"Dagoverzicht handhavingsdossiers {contact.gemeente.naam} – 15 december 2026"
        )
        html = message.alternatives[0][0]
        document = parse(html)
        [heading] = document.all("h2")
        assert heading.text == f"{dossier.nummer} – {PROVIDER}"
        assert heading.all("a")[0].attrs["href"].endswith(f"/handhaving/dossier/{dossier.pk}/")
        rows = table_rows(html)
        changes = [row for row in rows if row[0].startswith("14 december 2026, ")]
        assert len(changes) == 10 and ["Wanneer", "Wijziging"] in rows
        assert any(text.startswith("Besluit genomen in dossier") for _, text in changes)
        assert "Actie gevraagd" not in html  # the request went on its own, at once
        assert message.body.count("\n- 14 december 2026, ") == 10
        for personal in ("Piet Pietersen", "111222333", "Signaal over zorg"):
            assert personal not in message.body + html
    assert not Notificatie.objects.filter(status=Status.VOOR_OVERZICHT).exists()

    # The timeline: one row per event, with its recipients and how far each got.
    rows = list(entries(dossier, staff=False))
    besluit = [e for e in rows if e.tekst.startswith("Besluit genomen in dossier")]
    assert len(besluit) == 1
    lines = besluit[0].tekst.splitlines()
    assert "verzonden: Nijmegen" in lines
    assert any(
        line.startswith("in dagoverzicht van 15 december 2026, verzonden: ") and "Druten" in line
        for line in lines
    )
    assert len(rows) == 10 + len(WITHOUT_WIJCHEN)  # ten changes, one request each


def test_an_overview_runs_once_a_day_and_later_changes_wait_for_the_next(
    regio, django_capture_on_commit_callbacks
):
    contact = ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo"])
    aanbieder = ZorgaanbiederFactory()

    def change(label: str) -> None:
        emit(
            Event.DOSSIER_GESLOTEN,
            event_id=f"dag:{label}",
            instance=aanbieder,
            nummer=f"HH-2026-{label}",
            domein="wmo",
            gemeenten=["GM0268"],
        )

    with at(MONDAY, 10):
        change("0001")
    with at(MONDAY + datetime.timedelta(days=1), 7):
        assert daily.send_daily_overviews() == 1
        change("0002")  # after the day's overview
        assert daily.send_daily_overviews() == 0
    assert Notificatie.objects.get(event_id="dag:0002").status == Status.VOOR_OVERZICHT
    with at(MONDAY + datetime.timedelta(days=2), 7):
        assert daily.send_daily_overviews() == 1
    overviews = Notificatie.objects.filter(event=Event.DAGELIJKS_OVERZICHT, contactpersoon=contact)
    assert [o.nummer for o in overviews.order_by("pk")] == [
        "dagoverzicht 15 december 2026",
        "dagoverzicht 16 december 2026",
    ]
    assert "HH-2026-0002" in overviews.order_by("pk").last().tekst


def test_a_contact_chooses_at_once_per_domain(regio):
    contact = ContactpersoonFactory(
        gemeente=regio["GM0268"], domeinen=["wmo", "jeugd"], direct_domeinen=["jeugd"]
    )
    aanbieder = ZorgaanbiederFactory()
    for domein in ("wmo", "jeugd"):
        emit(
            Event.DOSSIER_BESLUIT,
            event_id=f"domein:{domein}",
            instance=aanbieder,
            nummer="HH-2026-0003",
            domein=domein,
            gemeenten=["GM0268"],
        )
    statuses = dict(Notificatie.objects.values_list("event_id", "status"))
    assert statuses == {"domein:wmo": Status.VOOR_OVERZICHT, "domein:jeugd": Status.WACHTEND}
    assert contact.wil_direct("jeugd") and not contact.wil_direct("wmo")


@pytest.mark.parametrize("event", sorted(ACTION_EVENTS))
def test_a_request_to_act_never_waits(event, regio):
    contact = ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo"])
    recipient = Recipient(email=contact.email, gemeente=contact.gemeente, contactpersoon=contact)
    assert not waits_for_overview(event=event, recipient=recipient, domein="wmo", data={})


@pytest.mark.parametrize("event", sorted(INFORMATIONAL_EVENTS))
def test_an_informational_change_waits_unless_it_asks_something(event, regio):
    contact = ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo"])
    recipient = Recipient(email=contact.email, gemeente=contact.gemeente, contactpersoon=contact)
    assert waits_for_overview(event=event, recipient=recipient, domein="wmo", data={})
    asks = {"gevraagd": "Geef uw standpunt"}
    assert not waits_for_overview(event=event, recipient=recipient, domein="wmo", data=asks)
    # Colleagues (term reminders, signals) are told at once.
    colleague = Recipient(email="hh@rob.example.org", gebruiker_id=1)
    assert not waits_for_overview(event=event, recipient=colleague, domein="wmo", data={})


def test_a_secret_dossier_shows_in_the_overview_only_as_confidential(regio, people, rob_contract):
    contact = ContactpersoonFactory(gemeente=regio["GM0225"], domeinen=["wmo"])
    with at(MONDAY, 9):
        dossier = decided_dossier(
            people, rob_contract, maatregelen=["aanwijzing"], datum=MONDAY, bekendmaking_op=MONDAY
        )
        # Made secret after its changes were queued, before the overview went.
        dossier_services.set_confidentiality(
            dossier=dossier, by=people["teamleider"], niveau="geheim", reden="Strafrechtelijk"
        )
        juridisch.open_trajectory(
            dossier=dossier, maatregel="aanwijzing", by=people["jurist"], voornemen_op=MONDAY
        )
    with at(MONDAY + datetime.timedelta(days=1), 7):
        overview = daily.queue_overview(contact=contact, now=daily.timezone.now())
    shown = overview.onderwerp + overview.tekst + overview.html
    assert dossier.nummer in shown and PROVIDER not in shown
    assert "vertrouwelijk dossier" in overview.tekst
    rows = [row for row in table_rows(overview.html) if row[0].startswith("14 december")]
    assert len(rows) == 6 and {text for _, text in rows} == {"Er is iets gewijzigd."}
    for word in ("Besluit", "besproken", "Advies", "aanwijzing"):
        assert word not in shown


def test_an_overview_the_broker_lost_is_sent_by_the_sweep_command(regio):
    contact = ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo"])
    with at(MONDAY, 10):
        emit(
            Event.DOSSIER_GEOPEND,
            event_id="verloren:1",
            instance=ZorgaanbiederFactory(),
            nummer="HH-2026-0009",
            domein="wmo",
            gemeenten=["GM0268"],
        )
    with at(MONDAY + datetime.timedelta(days=1), 7):
        # Queued and committed, but its delivery task never ran (no on-commit here).
        overview = daily.queue_overview(contact=contact, now=daily.timezone.now())
    assert overview.status == Status.WACHTEND and mail.outbox == []
    with at(MONDAY + datetime.timedelta(days=1), 8):
        call_command("send_notifications", verbosity=0)
    assert [m.to for m in mail.outbox] == [[contact.email]]
    [message] = mail.outbox
    assert (
        message.extra_headers["Message-ID"]
        == Notificatie.objects.get(pk=overview.pk).message_header_id
    )
    assert "HH-2026-0009" in message.body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_overview(regio):
    ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo"])
    for n in range(3):
        emit(
            Event.DOSSIER_GESLOTEN,
            event_id=f"tegelijk:{n}",
            instance=ZorgaanbiederFactory(),
            nummer=f"HH-2026-010{n}",
            domein="wmo",
            gemeenten=["GM0268"],
        )
    barrier = threading.Barrier(3)
    counts, errors = [], []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            counts.append(daily.send_daily_overviews())
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and sorted(counts) == [0, 0, 1]
    [overview] = Notificatie.objects.filter(event=Event.DAGELIJKS_OVERZICHT)
    assert overview.opgenomen.count() == 3


def test_the_beat_runs_the_daily_overview(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "notifications.tasks.daily_overview" in tasks


def test_at_once_only_for_a_domain_of_the_contact(regio):
    contact = ContactpersoonFactory.build(
        gemeente=regio["GM0268"], domeinen=["wmo"], direct_domeinen=["jeugd"]
    )
    with pytest.raises(ValidationError) as refused:
        contact.full_clean()
    assert "Jeugd hoort er niet bij" in str(refused.value.message_dict["direct_domeinen"])


def test_beheer_sets_the_choice_on_the_contact_page(client, regio, make_user):
    beheer = make_user(Rol.BEHEER)
    beheer.is_staff = True
    beheer.save()
    client.force_login(beheer)
    contact = ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo", "jeugd"])
    url = f"/beheer/regio/contactpersoon/{contact.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="direct_domeinen"' in page and "dagelijks overzicht" in page
    response = client.post(
        url,
        {
            "gemeente": contact.gemeente.pk,
            "naam": contact.naam,
            "email": contact.email,
            "actief": "on",
            "domeinen": ["wmo", "jeugd"],
            "direct_domeinen": ["jeugd"],
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.direct_domeinen == ["jeugd"]
    listing = client.get("/beheer/regio/contactpersoon/").content.decode()
    assert "direct: Jeugd; anders dagelijks overzicht" in listing


def test_the_mails_page_shows_a_change_in_its_overview(regio, make_user, client):
    ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["wmo"])
    aanbieder = ZorgaanbiederFactory()
    with at(MONDAY, 10):
        emit(
            Event.DOSSIER_GESLOTEN,
            event_id="pagina:1",
            instance=aanbieder,
            nummer="HH-2026-0011",
            domein="wmo",
            gemeenten=["GM0268"],
        )
    client.force_login(make_user(Rol.HANDHAVER))
    url = f"/notificaties/regio/zorgaanbieder/{aanbieder.pk}/"
    assert "wacht op dagoverzicht" in client.get(url).content.decode()
    with at(MONDAY + datetime.timedelta(days=1), 7):
        daily.send_daily_overviews()
    assert "in dagoverzicht van 15 december 2026, wachtend" in client.get(url).content.decode()


def test_a_secret_dossiers_mail_at_once_carries_only_its_number_and_a_link(
    regio, people, rob_contract
):
    """A "geheim" dossier (DESIGN.md section 4, need to know): a mail sent at once, to a
    contact who chose so, and a request to act say the number, that something changed and
    what is asked, with a link; never the provider or the measures (here: the trajectory's
    measure "aanwijzing")."""
    ContactpersoonFactory(
        gemeente=regio["GM0225"],
        domeinen=["wmo"],
        direct_domeinen=["wmo"],
        email="direct@druten.example.org",
    )
    with at(MONDAY, 9):
        dossier = decided_dossier(
            people, rob_contract, maatregelen=["aanwijzing"], datum=MONDAY, bekendmaking_op=MONDAY
        )
        dossier_services.set_confidentiality(
            dossier=dossier, by=people["teamleider"], niveau="geheim", reden="Strafrechtelijk"
        )
        before = Notificatie.objects.order_by("-pk").values_list("pk", flat=True).first()
        juridisch.open_trajectory(
            dossier=dossier, maatregel="aanwijzing", by=people["jurist"], voornemen_op=MONDAY
        )
        dossier_services.request_aftercare(
            dossier=Dossier.objects.get(pk=dossier.pk), by=people["handhaver"], reden="zorg_gestopt"
        )
    sent_secret = list(
        Notificatie.objects.filter(ontvanger="direct@druten.example.org", pk__gt=before)
    )
    assert len(sent_secret) >= 2  # the trajectory's change and the aftercare request
    assert all(row.status == Status.WACHTEND for row in sent_secret)  # at once
    for row in sent_secret:
        shown = row.onderwerp + row.tekst + row.html
        assert dossier.nummer in shown and "Bekijk het in het portaal: http" in row.tekst
        assert PROVIDER not in shown and "aanwijzing" not in shown.lower()
        assert "Er is iets gewijzigd" in row.tekst
