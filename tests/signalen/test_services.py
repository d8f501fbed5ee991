"""Signals are made for the people who can take the work, never for who may not see a
secret dossier, once per cause, and closed when the work no longer waits for them."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Task

from dossieroverleg import services as dossier_services
from juridisch import services as juridisch
from juridisch.models import JuridischTraject
from meldpunt import services as meldpunt_services
from regio import dates
from regio.events import Event, emit
from signalen import selectors, services
from signalen.models import Signaal, Soort
from termijnen.services import new_term
from tests.dossieroverleg.conftest import decided_dossier

from .conftest import ADVICE, complete, open_task, review_waiting

pytestmark = pytest.mark.django_db


def signalled(soort=None) -> set[str]:
    rows = Signaal.objects.all() if soort is None else Signaal.objects.filter(soort=soort)
    return set(rows.values_list("gebruiker__username", flat=True))


def test_a_waiting_advice_review_signals_the_team_leads_who_did_not_write_it(people, rob_contract):
    dossier = review_waiting(people, rob_contract, author="teamleider")
    task = open_task(dossier, "advies_beoordelen")
    assert signalled() == {"teamleider2"}  # not its author, not who may not approve
    signaal = Signaal.objects.get()
    assert signaal.soort == Soort.ADVIES_BEOORDELEN
    assert signaal.nummer == dossier.nummer
    assert signaal.zorgaanbieder == "Zorg Zonder Zorgen BV"
    assert signaal.pad == f"/werk-handhaving/{task.process_id}/advies_beoordelen/{task.pk}/"
    assert signaal.taak_id == task.pk and signaal.is_open


def test_the_same_task_or_event_twice_gives_one_signal(people, rob_contract):
    dossier = review_waiting(people, rob_contract)
    task = open_task(dossier, "advies_beoordelen")
    services.signal_task(task=task, soort=Soort.ADVIES_BEOORDELEN)
    assert Signaal.objects.filter(gebruiker=people["teamleider"]).count() == 1
    people["handhaver"].email = "hh@rob.example.org"
    people["handhaver"].save()
    for _ in range(2):
        emit(
            Event.TERMIJN_HERINNERING,
            event_id="termijn:7:herinnering:2026-12-01",
            instance=dossier,
            nummer=dossier.nummer,
            data={"stap": "Bezwaartermijn", "termijn": "01-12-2026",
                  "user_ids": [people["handhaver"].pk]},
        )  # fmt: skip
    assert Signaal.objects.filter(soort=Soort.TERMIJN_HERINNERING).count() == 1


@pytest.fixture
def objection(people, rob_contract):
    """As in the objection queue's tests: `jurist2` is the only one who took no part in the
    primary decision; the others who may decide objections are barred."""
    today = timezone.localdate()
    dossier = decided_dossier(
        people, rob_contract, maatregelen=["aanwijzing"], datum=today, bekendmaking_op=today
    )
    traject = juridisch.open_trajectory(
        dossier=dossier, maatregel="aanwijzing", by=people["jurist"]
    )
    return dossier, traject


def receive(people, traject):
    juridisch.receive_objection(
        traject=traject, by=people["jurist"], ontvangen_op=timezone.localdate()
    )
    return Task.objects.get(
        process__artifact_object_id=traject.pk,
        process__artifact_content_type=ContentType.objects.get_for_model(JuridischTraject),
        flow_task_type="HUMAN",
    )


def test_an_objection_signals_only_who_may_decide_it(people, objection):
    dossier, traject = objection
    task = receive(people, traject)
    assert signalled(Soort.BEZWAAR_BESLISSEN) == {"jurist2"}
    signaal = Signaal.objects.get(soort=Soort.BEZWAAR_BESLISSEN)
    assert signaal.nummer == dossier.nummer and signaal.taak_id == task.pk
    assert signaal.pad == f"/werk-bezwaar/{task.process_id}/beslissen/{task.pk}/"


def test_a_secret_dossier_signals_nobody_who_may_not_see_it(people, objection):
    dossier, traject = objection
    dossier_services.set_confidentiality(
        dossier=dossier, by=people["teamleider"], niveau="geheim", reden="Strafrechtelijk"
    )
    receive(people, traject)
    # jurist2 may decide the objection, but is not assigned to the secret dossier.
    assert signalled(Soort.BEZWAAR_BESLISSEN) == set()


def test_a_secret_dossier_signals_its_assigned_staff(people, objection):
    dossier, traject = objection
    dossier_services.set_confidentiality(
        dossier=dossier,
        by=people["teamleider"],
        niveau="geheim",
        reden="Strafrechtelijk",
        medebehandelaars=[people["jurist2"]],
    )
    receive(people, traject)
    assert signalled(Soort.BEZWAAR_BESLISSEN) == {"jurist2"}


def test_a_dossier_made_secret_later_hides_its_signals(people, objection):
    dossier, traject = objection
    receive(people, traject)
    jurist2 = people["jurist2"]
    assert selectors.unread_count(jurist2) == 1
    dossier_services.set_confidentiality(
        dossier=dossier, by=people["teamleider"], niveau="geheim", reden="Strafrechtelijk"
    )
    assert selectors.unread_count(jurist2) == 0
    assert not selectors.signals_of(jurist2).exists()


def test_taking_the_task_closes_it_for_colleagues_and_doing_it_for_all(people, rob_contract):
    dossier = review_waiting(people, rob_contract)
    task = open_task(dossier, "advies_beoordelen")
    activation = task.flow_task.activation_class(task)
    activation.assign(people["teamleider"])
    open_for = {s.gebruiker.username: s.is_open for s in Signaal.objects.all()}
    assert open_for == {"teamleider": True, "teamleider2": False}
    activation.unassign()
    assert all(s.is_open for s in Signaal.objects.all())  # given back: waits for both again
    complete(people["teamleider2"], dossier, "advies_beoordelen", {"besluit": "goedkeuren"})
    assert not any(s.is_open for s in Signaal.objects.filter(soort=Soort.ADVIES_BEOORDELEN))


def test_a_rejected_advice_gives_a_new_signal_for_the_new_review(people, rob_contract):
    dossier = review_waiting(people, rob_contract)
    complete(
        people["teamleider"],
        dossier,
        "advies_beoordelen",
        {"besluit": "afwijzen", "toelichting": "Termijn ontbreekt."},
    )
    complete(people["handhaver"], dossier, "advies_opstellen", ADVICE)
    reviews = Signaal.objects.filter(gebruiker=people["teamleider"])
    assert reviews.count() == 2 and [s.is_open for s in reviews] == [True, False]


def test_a_reporters_answer_signals_whoever_asked(people, aanbieder_melding):
    melding = aanbieder_melding
    verzoek = meldpunt_services.ask_reporter(melding=melding, by=people["intake"], vraag="Wanneer?")
    meldpunt_services.answer_reporter_question(token=verzoek.token, antwoord="Maandag.")
    signaal = Signaal.objects.get(soort=Soort.REACTIE_MELDER)
    assert signaal.gebruiker == people["intake"]
    weighing = open_task(melding, "wegen")
    assert signaal.taak_id == weighing.pk
    assert signaal.pad == f"/werk-meldingen/{weighing.process_id}/wegen/{weighing.pk}/"
    assert "Maandag" not in signaal.toelichting + signaal.nummer + signaal.zorgaanbieder


def test_a_reporters_answer_signals_the_holder_of_the_weighing(people, aanbieder_melding):
    melding = aanbieder_melding
    weighing = open_task(melding, "wegen")
    weighing.flow_task.activation_class(weighing).assign(people["teamleider"])
    verzoek = meldpunt_services.ask_reporter(melding=melding, by=people["intake"], vraag="Wanneer?")
    meldpunt_services.answer_reporter_question(token=verzoek.token, antwoord="Maandag.")
    assert signalled(Soort.REACTIE_MELDER) == {"teamleider"}


@pytest.fixture
def aanbieder_melding(people, rob_contract):
    return meldpunt_services.receive(
        intake=meldpunt_services.Intake(
            kanaal="telefoon",
            omschrijving="Signaal over zorg.",
            domein="wmo",
            zorgaanbieder=rob_contract.zorgaanbieder,
            melder=meldpunt_services.Melder(email="melder@example.org"),
        )
    )


def test_a_term_about_to_end_signals_its_owner(people, objection):
    from termijnen import bewaking

    dossier, traject = objection
    termijn = new_term(
        dossier=dossier,
        soort="herinspectie",
        omschrijving="Herinspectie",
        start=timezone.localdate(),
        weken=2,
        by=people["teamleider"],
        eigenaar=people["jurist2"],
    )
    with time_machine.travel(bewaking.reminder_moment(termijn) + datetime.timedelta(hours=1)):
        assert bewaking.check(termijn.pk) == "herinnering"
    signaal = Signaal.objects.get(soort=Soort.TERMIJN_HERINNERING)
    assert signaal.gebruiker == people["jurist2"]
    assert signaal.toelichting == f"Herinspectie, uiterlijk {dates.datum(termijn.uiterlijk)}"
    assert signaal.pad == f"/handhaving/dossier/{dossier.pk}/"


def test_a_municipalitys_answer_signals_who_asked_and_the_officer(people, objection, regio):
    dossier, _traject = objection
    dossier_services.request_extra_work(
        dossier=dossier,
        by=people["teamleider"],
        omschrijving="Extra inspecties",
        uiterlijk=timezone.localdate() + datetime.timedelta(days=14),
        uren=10,
        bedrag=0,
    )
    standpunt = dossier.meerwerk.get().standpunten.get(gemeente__code="GM0225")
    dossier_services.answer_extra_work(standpunt=standpunt, by=people["druten"], akkoord=True)
    assert signalled(Soort.MEERWERK_BEANTWOORD) == {"teamleider", "handhaver"}
    for signaal in Signaal.objects.filter(soort=Soort.MEERWERK_BEANTWOORD):
        assert signaal.toelichting == "Druten: akkoord"
        assert signaal.pad == f"/handhaving/dossier/{dossier.pk}/"


def test_a_municipality_arranging_alternative_care_signals_the_officer(people, objection):
    dossier, _traject = objection
    dossier_services.request_aftercare(dossier=dossier, by=people["handhaver"], reden="ontbinding")
    verzoek = dossier.nazorg.get(gemeente__code="GM0225")
    dossier_services.confirm_aftercare(verzoek=verzoek, by=people["druten"])
    assert signalled(Soort.NAZORG_GEREGELD) == {"handhaver"}
    assert Signaal.objects.get(soort=Soort.NAZORG_GEREGELD).toelichting == "Druten"


def test_read_one_or_all_and_only_ones_own(people, rob_contract):
    review_waiting(people, rob_contract)
    mine = Signaal.objects.get(gebruiker=people["teamleider"])
    theirs = Signaal.objects.get(gebruiker=people["teamleider2"])
    with pytest.raises(Signaal.DoesNotExist):
        services.mark_read(signaal=theirs, by=people["teamleider"])
    services.mark_read(signaal=mine, by=people["teamleider"])
    assert selectors.unread_count(people["teamleider"]) == 0
    assert selectors.unread_count(people["teamleider2"]) == 1
    assert services.mark_all_read(by=people["teamleider2"]) == 1
    assert selectors.unread_count(people["teamleider2"]) == 0
