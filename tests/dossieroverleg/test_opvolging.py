"""Legal follow-up with statutory terms, segregation of duties, aftercare, escalation and
closing, on real 2027 dates with a frozen clock (hand-computed due dates)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dossieroverleg import services as dossier_services
from dossieroverleg.models import NazorgVerzoek, Status
from juridisch import services as juridisch
from juridisch.models import JuridischTraject, TrajectStap
from notifications.models import Notificatie
from regio.events import Event
from termijnen.models import Termijn, TermijnWijziging
from tests.regio.factories import ContactpersoonFactory, ContractFactory, ZorgaanbiederFactory

from .conftest import decided_dossier

D = datetime.date
TZ = timezone.get_default_timezone()


def at(day: datetime.date, hour: int = 10):
    """Freeze the clock at ``hour`` o'clock on ``day`` (Europe/Amsterdam)."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False
    )


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def open_term(traject, soort) -> Termijn:
    return Termijn.objects.get(stap__traject=traject, soort=soort)


@pytest.fixture
def decided(people, rob_contract, regio):
    ContactpersoonFactory(gemeente=regio["GM0268"], email="handhaving@nijmegen.example.org")
    with at(D(2027, 1, 4)):
        return decided_dossier(
            people,
            rob_contract,
            maatregelen=["aanwijzing", "last_onder_dwangsom"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )


def test_intention_objection_suspension_extension_and_decision_on_hand_computed_dates(
    people, decided
):
    jurist = people["jurist"]
    with at(D(2027, 1, 11)):
        traject = juridisch.open_trajectory(
            dossier=decided, maatregel="aanwijzing", by=jurist, voornemen_op=D(2027, 1, 11)
        )
    assert fresh(decided).status == Status.JURIDISCHE_OPVOLGING
    # Zienswijze: 14 days from the day after 11 January 2027 -> Monday 25 January.
    assert open_term(traject, Termijn.Soort.ZIENSWIJZE).uiterlijk == D(2027, 1, 25)

    with at(D(2027, 2, 15)):
        juridisch.record_primary_decision(
            traject=traject, by=jurist, datum=D(2027, 2, 15), bekendmaking_op=D(2027, 2, 15)
        )
    assert fresh(open_term(traject, Termijn.Soort.ZIENSWIJZE)).status == Termijn.Status.AFGEROND
    bezwaartermijn = open_term(traject, Termijn.Soort.BEZWAARTERMIJN)
    # Six weeks after 15 February is Monday 29 March 2027, Easter Monday: the term ends on
    # Tuesday 30 March (Algemene termijnenwet).
    assert bezwaartermijn.uiterlijk_kalender == D(2027, 3, 29)
    assert bezwaartermijn.uiterlijk == D(2027, 3, 30)
    assert bezwaartermijn.verschoven_wegens == "Tweede Paasdag"

    with at(D(2027, 3, 10)):
        juridisch.receive_objection(traject=traject, by=jurist, ontvangen_op=D(2027, 3, 10))
    beslistermijn = open_term(traject, Termijn.Soort.BESLISTERMIJN_BEZWAAR)
    # Six weeks from the end of the objection term (Awb 7:10): 30 March + 42 days.
    assert beslistermijn.uiterlijk == D(2027, 5, 11)

    with at(D(2027, 4, 1)):
        juridisch.suspend_term(
            termijn=beslistermijn, by=jurist, van=D(2027, 4, 1), reden="Awb 4:15: stukken gevraagd"
        )
    with at(D(2027, 4, 13)):
        # The other measure: its view term would end on King's Day (Tuesday 27 April).
        dwangsom = juridisch.open_trajectory(
            dossier=decided, maatregel="last_onder_dwangsom", by=jurist, voornemen_op=D(2027, 4, 13)
        )
    zienswijze = open_term(dwangsom, Termijn.Soort.ZIENSWIJZE)
    assert (zienswijze.uiterlijk_kalender, zienswijze.uiterlijk) == (D(2027, 4, 27), D(2027, 4, 28))
    assert zienswijze.verschoven_wegens == "Koningsdag"

    with at(D(2027, 4, 15)):
        juridisch.resume_term(termijn=beslistermijn, by=jurist, tot=D(2027, 4, 15), reden="Binnen")
    beslistermijn = fresh(beslistermijn)
    assert beslistermijn.opgeschort_dagen == 14
    assert beslistermijn.uiterlijk == D(2027, 5, 25)  # 11 May + 14 suspended days
    hervat = beslistermijn.historie.get(soort=TermijnWijziging.Soort.HERVAT)
    assert (hervat.uiterlijk_oud, hervat.uiterlijk_nieuw) == (D(2027, 5, 11), D(2027, 5, 25))
    assert "14 dagen" in hervat.toelichting

    with at(D(2027, 5, 3)):
        juridisch.extend_objection_decision(traject=traject, by=jurist, reden="Advies GGD nodig")
        with pytest.raises(ValidationError, match="al eenmaal"):
            juridisch.extend_objection_decision(traject=traject, by=jurist, reden="Nog eens")
    beslistermijn = fresh(beslistermijn)
    # 30 March + 12 weeks + 14 days = Tuesday 6 July 2027.
    assert beslistermijn.uiterlijk == D(2027, 7, 6)
    assert beslistermijn.verlenging_reden == "Advies GGD nodig"

    with at(D(2027, 6, 30)):
        # Segregation: the jurist recorded the primary decision; the team leads approved
        # the advice and recorded the college's decision; the officer wrote the advice.
        for name in ("jurist", "teamleider", "teamleider2"):
            with pytest.raises(PermissionDenied):
                juridisch.decide_objection(
                    traject=traject,
                    by=people[name],
                    datum=D(2027, 6, 30),
                    bekendmaking_op=D(2027, 7, 1),
                    uitkomst="ongegrond",
                )
        juridisch.decide_objection(
            traject=traject,
            by=people["jurist2"],
            datum=D(2027, 6, 30),
            bekendmaking_op=D(2027, 7, 1),
            uitkomst="ongegrond",
        )
    traject = fresh(traject)
    assert traject.fase == JuridischTraject.Fase.BESLIST_OP_BEZWAAR
    assert fresh(beslistermijn).status == Termijn.Status.AFGEROND
    assert open_term(traject, Termijn.Soort.BEROEPSTERMIJN).uiterlijk == D(2027, 8, 12)
    assert list(traject.stappen.values_list("soort", flat=True)) == [
        "voornemen",
        "besluit",
        "bezwaar",
        "beslissing_op_bezwaar",
    ]
    # Each step told the involved municipalities (no personal data: checked by the outbox).
    steps = Notificatie.objects.filter(
        event=Event.DOSSIER_JURIDISCHE_STAP, ontvanger="handhaving@nijmegen.example.org"
    )
    # aanwijzing: four steps and the adjournment; last onder dwangsom: its intention.
    assert steps.count() == 6
    assert any("Tweede Paasdag" in n.tekst or "30 maart 2027" in n.tekst for n in steps)


def test_the_objection_task_is_not_offered_to_those_in_the_primary_decision(people, decided):
    from viewflow.workflow.models import Task

    from workflows.flows import BezwaarFlow

    with at(D(2027, 1, 11)):
        traject = juridisch.open_trajectory(
            dossier=decided, maatregel="aanwijzing", by=people["jurist"]
        )
        juridisch.receive_objection(
            traject=traject, by=people["jurist"], ontvangen_op=D(2027, 1, 11)
        )
    task = Task.objects.get(
        process__flow_class=BezwaarFlow,
        process__artifact_object_id=traject.pk,
        flow_task_type="HUMAN",
    )
    node = BezwaarFlow.beslissen
    # `jurist` recorded the trajectory's first step (the decision as notified).
    assert not node.can_assign(people["jurist"], task)
    assert not node.can_assign(people["teamleider"], task)  # approved the advice
    assert node.can_assign(people["jurist2"], task)
    assert not node.can_assign(people["handhaver"], task)  # no permission to decide


def test_terms_cannot_be_suspended_twice_or_resumed_before_they_started(people, decided):
    with at(D(2027, 1, 11)):
        traject = juridisch.open_trajectory(
            dossier=decided,
            maatregel="aanwijzing",
            by=people["jurist"],
            voornemen_op=D(2027, 1, 11),
        )
        termijn = open_term(traject, Termijn.Soort.ZIENSWIJZE)
        juridisch.suspend_term(termijn=termijn, by=people["jurist"], van=D(2027, 1, 11), reden="x")
        with pytest.raises(ValidationError):
            juridisch.suspend_term(
                termijn=termijn, by=people["jurist"], van=D(2027, 1, 11), reden="x"
            )
        with pytest.raises(ValidationError):
            juridisch.resume_term(
                termijn=termijn, by=people["jurist"], tot=D(2027, 1, 1), reden="x"
            )
        with pytest.raises(ValidationError, match="reden"):
            juridisch.suspend_term(
                termijn=termijn, by=people["jurist"], van=D(2027, 1, 11), reden=" "
            )
        with pytest.raises(PermissionDenied):
            juridisch.resume_term(
                termijn=termijn, by=people["druten"], tot=D(2027, 1, 12), reden="x"
            )


def test_a_measure_not_in_the_decision_or_twice_has_no_trajectory(people, decided):
    with at(D(2027, 1, 11)):
        with pytest.raises(ValidationError, match="maatregel"):
            juridisch.open_trajectory(
                dossier=decided, maatregel="terugvordering", by=people["jurist"]
            )
        juridisch.open_trajectory(dossier=decided, maatregel="aanwijzing", by=people["jurist"])
        with pytest.raises(ValidationError, match="loopt al"):
            juridisch.open_trajectory(dossier=decided, maatregel="aanwijzing", by=people["jurist"])
        with pytest.raises(PermissionDenied):
            juridisch.open_trajectory(
                dossier=decided, maatregel="last_onder_dwangsom", by=people["druten"]
            )


@pytest.fixture
def default_notice(people, regio):
    """A decision to give notice of default on a BW/MO pgb case granted by Druten."""
    aanbieder = ZorgaanbiederFactory(naam="Beschermd Thuis BV")
    contract = ContractFactory(zorgaanbieder=aanbieder, partijen=["GM0268", "GM0225"])
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            contract,
            maatregelen=["ingebrekestelling"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 4),
        )
        traject = juridisch.open_trajectory(
            dossier=dossier, maatregel="ingebrekestelling", by=people["jurist"], termijn_dagen=14
        )
    return dossier, traject


def test_termination_asks_each_contracting_municipality_for_alternative_care(
    people, default_notice, client_for, settings
):
    dossier, traject = default_notice
    assert traject.spoor == JuridischTraject.Spoor.PRIVAATRECHT
    # 14 days after Monday 4 January 2027: Monday 18 January.
    assert open_term(traject, Termijn.Soort.INGEBREKESTELLING).uiterlijk == D(2027, 1, 18)
    with at(D(2027, 1, 19)):
        juridisch.terminate_contract(traject=traject, by=people["jurist"], datum=D(2027, 1, 19))
    verzoeken = NazorgVerzoek.objects.filter(dossier=dossier).order_by("gemeente__code")
    assert [v.gemeente.code for v in verzoeken] == ["GM0225", "GM0268"]
    assert fresh(dossier).status == Status.NAZORG
    druten = verzoeken.get(gemeente__code="GM0225")
    # 19 January + 14 days (NAZORG_TERMIJN_DAGEN) = Tuesday 2 February.
    assert druten.termijn.uiterlijk == D(2027, 1, 19) + datetime.timedelta(
        days=settings.NAZORG_TERMIJN_DAGEN
    )
    mails = Notificatie.objects.filter(event=Event.DOSSIER_NAZORG_GEVRAAGD)
    assert {m.gemeente.code for m in mails} <= {"GM0225", "GM0268"}
    # The mail leads to where the municipality answers: its portal.
    assert all(f"{settings.SITE_URL}/portaal/" in m.tekst for m in mails)

    # Tiel cannot see or answer Druten's request; Druten answers in its portal.
    tiel = client_for(people["tiel"])
    assert tiel.post(f"/portaal/nazorg/{druten.pk}/", {"toelichting": "x"}).status_code == 404
    client = client_for(people["druten"])
    page = client.get("/portaal/")
    assert page.status_code == 200 and dossier.nummer in page.content.decode()
    response = client.post(
        f"/portaal/nazorg/{druten.pk}/",
        {"aantal_clienten": "3", "toelichting": "Via ander aanbieder"},
    )
    assert response.status_code == 302
    druten = fresh(druten)
    assert druten.geregeld_op and druten.aantal_clienten == 3
    assert druten.beantwoord_door == people["druten"]
    assert fresh(druten.termijn).status == Termijn.Status.AFGEROND
    # A municipality cannot answer twice.
    with pytest.raises(ValidationError):
        dossier_services.confirm_aftercare(verzoek=druten, by=people["druten"])


def test_a_municipality_answer_with_a_bsn_is_refused_at_its_field(
    people, default_notice, client_for
):
    dossier, traject = default_notice
    with at(D(2027, 1, 19)):
        juridisch.terminate_contract(traject=traject, by=people["jurist"], datum=D(2027, 1, 19))
    druten = NazorgVerzoek.objects.get(dossier=dossier, gemeente__code="GM0225")
    text = "Cliënt 111222333 gaat naar Zorg Elders"  # 111222333 passes the elfproef
    with pytest.raises(ValidationError, match="BSN") as refused:
        dossier_services.confirm_aftercare(verzoek=druten, by=people["druten"], toelichting=text)
    assert "toelichting" in refused.value.message_dict

    client = client_for(people["druten"])
    response = client.post(f"/portaal/nazorg/{druten.pk}/", {"toelichting": text})
    html = response.content.decode()
    assert response.status_code == 422  # the portal again, the answer not recorded
    field = html.index(f'id="id_nazorg{druten.pk}_toelichting"')
    own_form = html[html.rfind("<form", 0, field) : html.index("</form>", field)]
    assert "Deze tekst bevat een burgerservicenummer (BSN)" in own_form  # at its field
    summary = html.split('class="hh-error-summary"', 1)[1].split("</div>", 1)[0]
    assert f'href="#id_nazorg{druten.pk}_toelichting"' in summary  # and on top
    assert "111222333" in html[field : html.index("</textarea>", field)]  # kept, to correct
    assert fresh(druten).geregeld_op is None
    # Nine digits that are no BSN (an order number) are fine.
    response = client.post(
        f"/portaal/nazorg/{druten.pk}/", {"toelichting": "Bestelling 123456789 bij Zorg Elders"}
    )
    assert response.status_code == 302 and fresh(druten).geregeld_op


def test_a_dossier_closes_only_when_trajectories_and_terms_are_done(people, default_notice):
    dossier, traject = default_notice
    with at(D(2027, 1, 12)):
        with pytest.raises(ValidationError, match="traject"):
            dossier_services.close_dossier(
                dossier=dossier, by=people["handhaver"], resultaat="maatregel_nagekomen"
            )
        stap = traject.stappen.get()
        juridisch.record_outcome(stap=stap, by=people["jurist"], uitkomst="nagekomen")
        juridisch.close_trajectory(traject=traject, by=people["jurist"], uitkomst="nagekomen")
        with pytest.raises(ValidationError, match="resultaat"):
            dossier_services.close_dossier(
                dossier=dossier, by=people["handhaver"], resultaat="onbekend"
            )
        dossier_services.close_dossier(
            dossier=dossier, by=people["handhaver"], resultaat="maatregel_nagekomen"
        )
    dossier = fresh(dossier)
    assert dossier.status == Status.AFGESLOTEN and dossier.resultaat == "maatregel_nagekomen"
    assert not Termijn.objects.filter(dossier=dossier).exclude(status="afgerond").exists()
    assert fresh(traject).uitkomst == "nagekomen"
    assert TrajectStap.objects.filter(traject=traject, soort="afronding").exists()


def test_improvement_plan_reinspection_is_a_watched_term(people, decided):
    with at(D(2027, 1, 11)):
        plan = dossier_services.record_improvement_plan(
            dossier=decided,
            by=people["handhaver"],
            ontvangen_op=D(2027, 1, 11),
            omschrijving="Scholing medicatieveiligheid",
            herinspectie_op=D(2027, 3, 1),
        )
    assert plan.herinspectie.uiterlijk == D(2027, 3, 1)
    with at(D(2027, 3, 1)):
        dossier_services.record_reinspection(
            plan=plan, by=people["handhaver"], datum=D(2027, 3, 1), voldaan=True
        )
    assert fresh(plan).uitkomst == "voldaan"
    assert fresh(plan.herinspectie).status == Termijn.Status.AFGEROND


def test_escalation_is_for_youth_cases_with_question_answer_and_dates(
    people, decided, second_contract, regio
):
    with pytest.raises(ValidationError, match="jeugd"):
        dossier_services.escalate(
            dossier=decided,
            by=people["handhaver"],
            woongemeente=regio["GM0225"],
            vraag="?",
            datum=timezone.localdate(),
        )
    from dossieroverleg import services

    from .conftest import report_to_enforcement

    jeugd, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=second_contract)
    )
    today = timezone.localdate()
    escalatie = dossier_services.escalate(
        dossier=jeugd,
        by=people["handhaver"],
        woongemeente=regio["GM0225"],
        vraag="Mag de plaatsing doorgaan?",
        datum=today,
    )
    with pytest.raises(ValidationError, match="antwoord"):
        dossier_services.record_escalation_answer(
            escalatie=escalatie, by=people["handhaver"], antwoord="", datum=today
        )
    dossier_services.record_escalation_answer(
        escalatie=escalatie,
        by=people["handhaver"],
        antwoord="Nee, eerst herbeoordeling.",
        datum=today,
    )
    escalatie = fresh(escalatie)
    assert escalatie.beantwoord_op == today and escalatie.woongemeente.code == "GM0225"
    assert escalatie.antwoord_vastgelegd_door == people["handhaver"]


def test_trajectory_page_and_actions_through_the_ui(people, decided, client_for):
    with at(D(2027, 1, 11)):
        client = client_for(people["jurist"])  # logged in at the frozen time
        response = client.post(
            f"/handhaving/dossier/{decided.pk}/opvolging/traject/",
            {"maatregel": "aanwijzing", "voornemen_op": "2027-01-11"},
        )
        assert response.status_code == 302
        traject = JuridischTraject.objects.get(dossier=decided)
        page = client.get(f"/handhaving/traject/{traject.pk}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "25 jan 2027" in html.lower() or "25 januari 2027" in html.lower()
        termijn = open_term(traject, Termijn.Soort.ZIENSWIJZE)
        response = client.post(
            f"/handhaving/termijn/{termijn.pk}/opschorten/", {"van": "2027-01-11", "reden": "4:15"}
        )
        assert response.status_code == 302
        assert fresh(termijn).status == Termijn.Status.OPGESCHORT
        # A bad input says what is wrong and changes nothing.
        response = client.post(
            f"/handhaving/traject/{traject.pk}/besluit/", {"datum": "2027-01-11"}, follow=True
        )
        assert "Bekendgemaakt op" in response.content.decode()
        assert fresh(traject).fase == JuridischTraject.Fase.VOORNEMEN
    # The dossier page lists the trajectory and its open term.
    client = client_for(people["jurist"])
    page = client.get(f"/handhaving/dossier/{decided.pk}/").content.decode()
    assert f"/handhaving/traject/{traject.pk}/" in page
    assert "termijn tot en met 25 januari 2027" in page  # the timeline
    # The officer of another role cannot act on the trajectory; the intake cannot see it.
    assert client_for(people["intake"]).get(f"/handhaving/traject/{traject.pk}/").status_code == 403
    response = client_for(people["secretaris"]).post(
        f"/handhaving/traject/{traject.pk}/afronden/", {"uitkomst": "ingetrokken"}
    )
    assert response.status_code == 403


def test_an_objection_is_decided_only_through_its_task(people, decided):
    with at(D(2027, 1, 11)):
        traject = juridisch.open_trajectory(
            dossier=decided, maatregel="aanwijzing", by=people["jurist"]
        )
        juridisch.receive_objection(
            traject=traject, by=people["jurist"], ontvangen_op=D(2027, 1, 11)
        )
        bezwaar = traject.stappen.get(soort="bezwaar")
        with pytest.raises(ValidationError, match="Beslissen op bezwaar"):
            juridisch.record_outcome(stap=bezwaar, by=people["jurist"], uitkomst="ongegrond")
        with pytest.raises(ValidationError, match="Beslissen op bezwaar"):
            juridisch.close_trajectory(traject=traject, by=people["jurist"], uitkomst="ongegrond")
    assert fresh(traject).fase == JuridischTraject.Fase.BEZWAAR
    assert open_term(traject, Termijn.Soort.BESLISTERMIJN_BEZWAAR).status == Termijn.Status.LOPEND


def test_bad_values_in_addresses_are_not_errors(people, client_for):
    client = client_for(people["jurist"])
    # The test client hands "²" over as the single byte 0xB2, which is no UTF-8: refused.
    assert client.get("/agenda/²-x/termijnen.ics").status_code == 400
    # A digit that is no number is a filter the list does not know: a 400 with the reason.
    assert client.get("/handhaving/termijnen/", {"eigenaar": "²"}).status_code == 400
    assert client.get("/handhaving/dossiers/", {"behandelaar": "²"}).status_code == 400


def test_escalation_tells_the_aldermen_and_carries_a_term_the_home_municipality_optional(
    people, second_contract, regio
):
    """Seed 003, 2.1 sub 2: the Nijmegen alderman is the escalation point for youth cases
    of the region; "waar dat te determineren is, ook de wethouder van de woonplaats van de
    jeugdige". The aldermen's offices are told at once; the answer is a watched term."""
    from dossieroverleg import services

    from .conftest import report_to_enforcement

    regio["GM0268"].wethouder_jeugd_email = "wethouder.jeugd@nijmegen.example.org"
    regio["GM0268"].save()
    regio["GM0225"].wethouder_jeugd_email = "wethouder.jeugd@druten.example.org"
    regio["GM0225"].save()
    jeugd, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=second_contract)
    )
    today = timezone.localdate()

    def told(escalatie) -> list[str]:
        return sorted(
            Notificatie.objects.filter(event_id=f"escalatie:{escalatie.pk}").values_list(
                "ontvanger", flat=True
            )
        )

    # Home municipality not known: Nijmegen's alderman alone.
    alleen = dossier_services.escalate(
        dossier=jeugd, by=people["handhaver"], vraag="Mag de zorg doorgaan?", datum=today
    )
    assert alleen.woongemeente is None
    assert told(alleen) == ["wethouder.jeugd@nijmegen.example.org"]
    assert alleen.termijn.soort == Termijn.Soort.ESCALATIE and alleen.termijn.is_open
    assert alleen.termijn.uiterlijk > today
    # Known: both aldermen.
    beide = dossier_services.escalate(
        dossier=jeugd,
        by=people["handhaver"],
        woongemeente=regio["GM0225"],
        vraag="Mag de plaatsing doorgaan?",
        datum=today,
        antwoord_dagen=7,
    )
    assert told(beide) == [
        "wethouder.jeugd@druten.example.org",
        "wethouder.jeugd@nijmegen.example.org",
    ]
    mail = Notificatie.objects.filter(event_id=f"escalatie:{beide.pk}").first()
    assert "Druten" in mail.tekst and "uiterlijk" in mail.tekst
    assert "plaatsing" not in mail.tekst  # the question stays in the dossier
    assert "/handhaving/" not in mail.tekst  # no link to a page they cannot open
    # The answer closes the term.
    dossier_services.record_escalation_answer(
        escalatie=beide, by=people["handhaver"], antwoord="Ja.", datum=today
    )
    assert fresh(beide.termijn).status == Termijn.Status.AFGEROND


def test_a_dissolution_end_dates_the_contract_in_the_register(people, default_notice):
    """DVO BW/MO art. 5.2: a trajectory that leads to "ontbinding van de overeenkomst":
    the register then says the contract ended on that day."""
    dossier, traject = default_notice
    contract = dossier.contracten.get()
    assert contract.einddatum is None
    with at(D(2027, 1, 19)):
        juridisch.terminate_contract(traject=traject, by=people["jurist"], datum=D(2027, 1, 19))
    assert fresh(contract).einddatum == D(2027, 1, 19)
