"""The term watch: reminder before, escalation after, exactly once, also under concurrent
sweeps; moved by a suspension; the parallel extra-work request (Split/Join) with its
deadline."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from dossieroverleg import services as dossier_services
from dossieroverleg.models import MeerwerkStandpunt, MeerwerkVerzoek
from juridisch import services as juridisch
from notifications.models import Notificatie
from regio.events import Event
from regio.roles import Rol
from termijnen import services as term_services
from termijnen.bewaking import sweep
from termijnen.models import Termijn, TermijnWijziging
from tests.dossieroverleg.conftest import WITHOUT_WIJCHEN, decided_dossier
from tests.dossieroverleg.test_opvolging import TZ, at, fresh
from workflows.flows import MeerwerkFlow

D = datetime.date


def moment(day, hour=0, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def next_look(termijn):
    """When the sweep next looks at the term (None: nothing left to send)."""
    return fresh(termijn).volgende_controle


def mails(event) -> list[str]:
    return sorted(Notificatie.objects.filter(event=event).values_list("ontvanger", flat=True))


@pytest.fixture
def with_emails(people):
    for name in ("jurist", "teamleider", "teamleider2"):
        people[name].email = f"{name}@rob.example.org"
        people[name].save()
    return people


@pytest.fixture
def zienswijze(with_emails, rob_contract):
    """A view term of 14 days from Monday 11 January 2027: ends Monday 25 January."""
    people = with_emails
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["aanwijzing"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 4),
        )
    with at(D(2027, 1, 11)):
        traject = juridisch.open_trajectory(
            dossier=dossier,
            maatregel="aanwijzing",
            by=people["jurist"],
            voornemen_op=D(2027, 1, 11),
        )
    return Termijn.objects.get(stap__traject=traject)


def test_reminder_then_escalation_each_exactly_once(zienswijze, settings):
    settings.TERMIJN_HERINNERING_WERKDAGEN = 3
    assert zienswijze.uiterlijk == D(2027, 1, 25)
    # Three working days before Monday 25 January: Wednesday 20 January, 08:00.
    assert next_look(zienswijze) == moment(D(2027, 1, 20), 8)

    with at(D(2027, 1, 20), 7):
        assert sweep() == 0
    with time_at(moment(D(2027, 1, 20), 8, 5)):
        assert sweep() == 1
        assert sweep() == 0
        call_command("termijnen_bewaken", verbosity=0)
    assert mails(Event.TERMIJN_HERINNERING) == ["jurist@rob.example.org"]
    # Escalation is due once the last day (25 January) has passed.
    assert next_look(zienswijze) == moment(D(2027, 1, 26))
    with time_at(moment(D(2027, 1, 26), 0, 5)):
        assert sweep() == 1
        assert sweep() == 0
    assert mails(Event.TERMIJN_VERLOPEN) == [
        "jurist@rob.example.org",
        "teamleider2@rob.example.org",
        "teamleider@rob.example.org",
    ]
    assert mails(Event.TERMIJN_HERINNERING) == ["jurist@rob.example.org"]
    kinds = list(zienswijze.historie.values_list("soort", flat=True))
    assert kinds.count(TermijnWijziging.Soort.HERINNERD) == 1
    assert kinds.count(TermijnWijziging.Soort.GEESCALEERD) == 1
    assert next_look(zienswijze) is None


def time_at(when):
    import time_machine

    return time_machine.travel(when, tick=False)


def test_a_suspension_moves_the_watch_and_a_closed_term_ends_it(zienswijze, with_emails):
    jurist = with_emails["jurist"]
    with at(D(2027, 1, 12)):
        juridisch.suspend_term(termijn=zienswijze, by=jurist, van=D(2027, 1, 12), reden="4:15")
        # Suspended: the end is unknown until the term resumes.
        assert next_look(zienswijze) is None
    with at(D(2027, 1, 19)):
        juridisch.resume_term(termijn=zienswijze, by=jurist, tot=D(2027, 1, 19), reden="binnen")
    termijn = fresh(zienswijze)
    assert termijn.uiterlijk == D(2027, 2, 1)  # 25 January + 7 days, a Monday
    # Three working days before Monday 1 February: Wednesday 27 January.
    assert next_look(termijn) == moment(D(2027, 1, 27), 8)
    with time_at(moment(D(2027, 1, 20), 8, 5)):
        assert sweep() == 0  # the old reminder moment: nothing is due any more
    assert mails(Event.TERMIJN_HERINNERING) == []

    with at(D(2027, 1, 21)):
        juridisch.record_primary_decision(
            traject=termijn.stap.traject,
            by=jurist,
            datum=D(2027, 1, 21),
            bekendmaking_op=D(2027, 1, 21),
        )
        assert fresh(termijn).status == Termijn.Status.AFGEROND
        assert next_look(termijn) is None
    with time_at(moment(D(2027, 1, 27), 8, 5)):
        assert sweep() == 0
    assert mails(Event.TERMIJN_HERINNERING) == []


def two_sweeps_at_once(**kwargs) -> list[int]:
    """Two sweeps started at the same moment, each in its own connection; what each sent.
    Afterwards a third finds nothing left behind."""
    barrier = threading.Barrier(2)
    sent, errors = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            sent.append(sweep(**kwargs))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sweep() == 0
    return sent


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_send_each_message_once(zienswijze):
    for when in (moment(D(2027, 1, 20), 8, 5), moment(D(2027, 1, 26), 0, 5)):
        with time_at(when):
            assert sum(two_sweeps_at_once()) == 1
    assert mails(Event.TERMIJN_HERINNERING) == ["jurist@rob.example.org"]
    assert len(mails(Event.TERMIJN_VERLOPEN)) == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_bulk_sweeps_in_small_batches_take_each_due_term_exactly_once(zienswijze):
    """Forty re-inspection dates of one dossier due together: two sweeps at the same
    moment, seven terms per batch, skip each other's locked rows; together they remind
    each term once, and one mail and one history line per term exist."""
    dossier, jurist = zienswijze.dossier, zienswijze.eigenaar
    with at(D(2027, 1, 11)):
        terms = [
            term_services.new_term(
                dossier=dossier,
                soort=Termijn.Soort.HERINSPECTIE,
                omschrijving=f"Herinspectie {n}",
                start=D(2027, 2, 1),
                by=jurist,
                eigenaar=jurist,
            )
            for n in range(40)
        ]
    with time_at(moment(D(2027, 1, 27), 9)):  # three working days before 1 February
        sent = two_sweeps_at_once(batch=7)
    ids = [t.pk for t in terms]
    assert sum(sent) == 41  # and the escalation of the view term, ended 25 January
    reminded = TermijnWijziging.objects.filter(
        termijn__in=ids, soort=TermijnWijziging.Soort.HERINNERD
    )
    assert sorted(reminded.values_list("termijn_id", flat=True)) == sorted(ids)
    reminders = Notificatie.objects.filter(event=Event.TERMIJN_HERINNERING)
    assert sorted(reminders.values_list("object_id", flat=True)) == [dossier.pk] * 40
    assert reminders.values("event_id").distinct().count() == 40


def extra_work_on(people, contract) -> MeerwerkVerzoek:
    """A decided dossier under ``contract`` (4 January 2027) and a request for a position
    on extra work, due 18 January."""
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            contract,
            maatregelen=["aanwijzing"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 4),
        )
        return dossier_services.request_extra_work(
            dossier=dossier,
            by=people["handhaver"],
            omschrijving="Extra juridische ondersteuning, 40 uur",
            uiterlijk=D(2027, 1, 18),
            uren=40,
        )


@pytest.fixture
def meerwerk(people, rob_contract, regio):
    return extra_work_on(people, rob_contract)


def test_wijchen_shares_in_extra_work_only_on_a_contract_it_is_a_party_to(people, regio):
    """Seed 000 art. 2 lid 2 sub g: the ROB works for Wijchen "voor zover het de regionale
    contracten betreft waarvan de gemeente Wijchen ook een van de partijen is"; art. 5:
    the position on extra work is asked of the municipalities sharing in that work."""
    from tests.regio.factories import (
        ContactpersoonFactory,
        ContractFactory,
        ZorgaanbiederFactory,
    )

    ContactpersoonFactory(gemeente=regio["GM0296"], email="handhaving@wijchen.example.org")

    def told() -> int:
        return mails(Event.MEERWERK_GEVRAAGD).count("handhaving@wijchen.example.org")

    def asked(partijen: list[str]) -> list[str]:
        contract = ContractFactory(zorgaanbieder=ZorgaanbiederFactory(), partijen=partijen)
        verzoek = extra_work_on(people, contract)
        return sorted(verzoek.standpunten.values_list("gemeente__code", flat=True))

    assert "GM0296" not in asked(WITHOUT_WIJCHEN)
    assert told() == 0  # and not mailed
    assert asked([*WITHOUT_WIJCHEN, "GM0296"]) == sorted([*WITHOUT_WIJCHEN, "GM0296"])
    assert told() == 1


def standpunt_tasks(verzoek):
    return Task.objects.filter(
        process__flow_class=MeerwerkFlow,
        process__artifact_object_id=verzoek.pk,
        flow_task_type="FUNCTION",
    ).exclude(data={})


def test_extra_work_is_asked_of_every_member_in_parallel_and_ends_at_the_deadline(
    people, meerwerk, client_for, make_user, regio
):
    codes = sorted(meerwerk.standpunten.values_list("gemeente__code", flat=True))
    # ROB Rijk van Nijmegen; Wijchen is no party to the dossier's contract, so it does not
    # share in this dossier's work (seed 000 art. 5 with art. 2 lid 2 sub g).
    assert codes == sorted(WITHOUT_WIJCHEN)
    heumen = make_user(Rol.GEMEENTE, username="heumen", gemeente=regio["GM0252"])
    assert sorted(t.data["gemeente"] for t in standpunt_tasks(meerwerk)) == codes

    with at(D(2027, 1, 11)):
        druten = client_for(people["druten"])
        standpunt = meerwerk.standpunten.get(gemeente__code="GM0225")
        # No client's BSN in a position (111222333 passes the elfproef): refused at the field.
        url = f"/portaal/meerwerk/{standpunt.pk}/"
        refused = druten.post(url, {"standpunt": "akkoord", "toelichting": "Zie 111222333."})
        assert refused.status_code == 422 and "bevat een burgerservicenummer" in (
            refused.content.decode()
        )
        assert fresh(standpunt).standpunt == ""
        response = druten.post(url, {"standpunt": "akkoord"})
        assert response.status_code == 302
        # Druten cannot answer for Heumen.
        heumen_standpunt = meerwerk.standpunten.get(gemeente__code="GM0252")
        assert (
            druten.post(
                f"/portaal/meerwerk/{heumen_standpunt.pk}/", {"standpunt": "akkoord"}
            ).status_code
            == 404
        )
        dossier_services.answer_extra_work(standpunt=heumen_standpunt, by=heumen, akkoord=True)
    done = standpunt_tasks(meerwerk).filter(status=STATUS.DONE)
    assert sorted(t.data["gemeente"] for t in done) == ["GM0225", "GM0252"]
    assert fresh(meerwerk).uitkomst == ""

    with time_at(moment(D(2027, 1, 18), 23, 59)):
        fire_due_timers()  # the last day is still open
    assert fresh(meerwerk).uitkomst == ""
    with time_at(moment(D(2027, 1, 19), 0, 5)):
        fire_due_timers()
    verzoek = fresh(meerwerk)
    assert verzoek.uitkomst == MeerwerkVerzoek.Uitkomst.AKKOORD
    geen = sorted(
        verzoek.standpunten.filter(standpunt=MeerwerkStandpunt.Standpunt.GEEN_ANTWOORD).values_list(
            "gemeente__code", flat=True
        )
    )
    assert geen == sorted(set(codes) - {"GM0225", "GM0252"})
    process = Process.objects.get(flow_class=MeerwerkFlow, artifact_object_id=verzoek.pk)
    assert process.status == STATUS.DONE
    assert fresh(verzoek.termijn).status == Termijn.Status.AFGEROND
    with at(D(2027, 1, 19)), pytest.raises(Exception, match="standpunt|verstreken|afgerond"):
        dossier_services.answer_extra_work(
            standpunt=verzoek.standpunten.get(gemeente__code="GM0268"),
            by=people["handhaver"],
            akkoord=True,
        )


def test_extra_work_completes_when_every_municipality_answered(people, meerwerk):
    with at(D(2027, 1, 11)):
        for i, standpunt in enumerate(meerwerk.standpunten.all()):
            dossier_services.answer_extra_work(
                standpunt=standpunt, by=people["handhaver"], akkoord=i != 3
            )
    verzoek = fresh(meerwerk)
    assert verzoek.uitkomst == MeerwerkVerzoek.Uitkomst.AFGEWEZEN
    assert (
        Process.objects.get(flow_class=MeerwerkFlow, artifact_object_id=verzoek.pk).status
        == STATUS.DONE
    )
    assert not Task.objects.filter(
        process__flow_class=MeerwerkFlow, status=STATUS.SCHEDULED
    ).exists()


def test_deadline_overview_api_and_calendar_feed(zienswijze, with_emails, client_for, meerwerk):
    people = with_emails
    jurist = people["jurist"]
    with at(D(2027, 1, 26)):  # the view term (25 January) has passed; extra work runs
        dossier_services.record_improvement_plan(
            dossier=zienswijze.dossier,
            by=people["handhaver"],
            ontvangen_op=D(2027, 1, 26),
            omschrijving="Plan",
            herinspectie_op=D(2027, 3, 1),
        )
        client = client_for(jurist)
        page = client.get("/handhaving/termijnen/").content.decode()
        assert "VERLOPEN" in page and zienswijze.dossier.nummer in page
        rows = client.get("/api/v1/termijnen/").json()["results"]
        flags = [r["verlopen"] for r in rows]
        assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]  # overdue first
        assert zienswijze.pk in [r["id"] for r in rows if r["verlopen"]]
        for group in (True, False):
            uiterlijk = [r["uiterlijk"] for r in rows if r["verlopen"] is group]
            assert uiterlijk == sorted(uiterlijk)
        only = client.get("/api/v1/termijnen/", {"soort": "meerwerk"}).json()["results"]
        assert {r["soort"] for r in only} == {"meerwerk"}
        mine = client.get("/api/v1/termijnen/", {"eigenaar": jurist.pk, "staat": "verlopen"})
        assert [r["id"] for r in mine.json()["results"]] == [zienswijze.pk]
        assert client_for(people["intake"]).get("/api/v1/termijnen/").status_code == 403

        from dossieroverleg import calendar

        url = calendar.feed_url(jurist)
        feed = client_for(people["tiel"]).get(url)  # the link itself is the credential
        body = feed.content.decode()
        assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
        assert "BEGIN:VEVENT" in body and "DTSTART;VALUE=DATE:20270125" in body
        assert "Piet Pietersen" not in body and "111222333" not in body
        assert (
            body.count("BEGIN:VEVENT")
            == Termijn.objects.filter(eigenaar=jurist, status="lopend").count()
        )
        from privacy.models import AuditRegel

        token = url.split("/")[2]
        assert AuditRegel.objects.filter(object_type="agenda").exists()
        assert not AuditRegel.objects.filter(pad__contains=token).exists()  # no secret kept
        assert client_for(jurist).get(url.replace("-", "-0", 1)).status_code == 404
        jurist.set_password("een-nieuw-lang-wachtwoord")
        jurist.save()
        assert client_for(jurist).get(url).status_code == 404  # revoked
