"""Decisions under a recorded mandate (Samenwerkingsovereenkomst ROB art. 3 lid 2-3; DVO
BW/MO art. 4.1 and Bijlage A art. 2-3): every decision says in whose name, under which
mandate and who signed; without a valid mandate it is refused with the reason; a
municipality that leaves ends its mandates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from juridisch import services as juridisch
from privacy.exit import removal
from regio.mandates import GeenMandaat, grant
from regio.models import Besluitsoort, Mandaat, Orgaan
from regio.roles import Rol
from tests.dossieroverleg.conftest import decided_dossier
from tests.dossieroverleg.test_opvolging import at

D = datetime.date
NIJMEGEN, DRUTEN = "GM0268", "GM0225"


@pytest.fixture
def decided(people, rob_contract):
    with at(D(2027, 1, 4)):
        return decided_dossier(
            people,
            rob_contract,
            maatregelen=["aanwijzing"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )


def intention(dossier, jurist):
    with at(D(2027, 2, 1)):
        return juridisch.open_trajectory(
            dossier=dossier, maatregel="aanwijzing", by=jurist, voornemen_op=D(2027, 2, 1)
        )


DECISION_DAY = D(2027, 2, 15)


def decide(traject, jurist, day=DECISION_DAY):
    with at(day):
        return juridisch.record_primary_decision(
            traject=traject, by=jurist, datum=day, bekendmaking_op=day
        )


def test_the_college_decision_says_in_whose_name_under_which_mandate_and_who_signed(
    people, decided
):
    besluit = decided.besluit
    assert besluit.ondertekend_door == people["teamleider2"]
    assert besluit.mandaat.houder_rol == Rol.TEAMLEIDER
    assert besluit.mandaat.gever.code == NIJMEGEN
    # The contract's parties: the ROB without Wijchen; Nijmegen decides for itself and
    # under the others' mandates.
    assert besluit.in_naam_van.startswith(
        "college van burgemeester en wethouders van Nijmegen, namens zichzelf en krachtens "
        "mandaat namens de colleges van Berg en Dal, Beuningen, Druten"
    )
    assert "Wijchen" not in besluit.in_naam_van


def test_a_decision_without_a_valid_mandate_of_its_own_is_refused_and_accepted_with_one(
    people, decided
):
    jurist = people["jurist"]
    traject = intention(decided, jurist)
    Mandaat.objects.filter(houder_rol=Rol.JURIST).update(geldig_tot=D(2027, 1, 31))

    with pytest.raises(GeenMandaat, match="geen geldig mandaat voor: handhavingsbesluit"):
        decide(traject, jurist)
    assert not traject.stappen.filter(soort="besluit").exists()

    personal = Mandaat.objects.create(
        gever=Mandaat.objects.get(houder_rol=Rol.JURIST, gever_orgaan=Orgaan.COLLEGE).gever,
        gever_orgaan=Orgaan.COLLEGE,
        houder_gebruiker=jurist,
        besluiten=[Besluitsoort.HANDHAVINGSBESLUIT],
        domeinen=["wmo"],
        geldig_van=D(2027, 2, 16),
        bron="Ondermandaatbesluit 2027",
    )
    with pytest.raises(GeenMandaat, match="15 februari 2027"):
        decide(traject, jurist)  # not valid yet on the day of the decision
    stap = decide(traject, jurist, D(2027, 2, 16))
    assert (stap.mandaat, stap.ondertekend_door) == (personal, jurist)
    assert "Nijmegen" in stap.in_naam_van


def test_a_decision_in_the_name_of_a_party_without_its_mandate_is_refused_naming_it(
    people, decided, regio
):
    jurist = people["jurist"]
    traject = intention(decided, jurist)
    Mandaat.objects.filter(gever=regio[DRUTEN], gever_orgaan=Orgaan.COLLEGE).update(
        beeindigd_op=D(2027, 2, 10), reden_beeindiging="Ingetrokken"
    )
    with pytest.raises(GeenMandaat, match="Geen geldig mandaat van Druten aan het college"):
        decide(traject, jurist)
    # A mandate that does not allow passing it on does not carry a sub-mandate either.
    Mandaat.objects.filter(gever=regio[DRUTEN], gever_orgaan=Orgaan.COLLEGE).update(
        beeindigd_op=None, ondermandaat=False
    )
    with pytest.raises(GeenMandaat, match="Druten"):
        decide(traject, jurist)


def test_a_municipality_that_leaves_ends_its_mandates(make_user, regio):
    druten = regio[DRUTEN]
    given = Mandaat.objects.filter(gever=druten)
    # The ROB (college and mayor) and the Centrumregeling BW/MO (college and mayor).
    assert given.count() == 4
    others = Mandaat.objects.exclude(gever=druten).filter(beeindigd_op__isnull=True).count()

    removal.remove_municipality(gemeente=druten, by=make_user(Rol.PRIVACY), bevestiging=DRUTEN)

    today = timezone.localdate()
    assert set(given.values_list("beeindigd_op", flat=True)) == {today}
    assert set(given.values_list("reden_beeindiging", flat=True)) == {"Uittreding"}
    assert Mandaat.objects.exclude(gever=druten).filter(beeindigd_op__isnull=True).count() == others
    teamleider = make_user(Rol.TEAMLEIDER, username="tl")
    with pytest.raises(GeenMandaat, match="Druten"):
        grant(teamleider, Besluitsoort.COLLEGEBESLUIT, gemeenten=[druten], domein="wmo", on=today)
    # Loading the reference data again does not bring them back.
    call_command("load_regio", verbosity=0)
    assert set(given.values_list("beeindigd_op", flat=True)) == {today}


def test_the_arrangements_mandates_come_from_their_documents(regio):
    rob = Mandaat.objects.filter(samenwerkingsverband__code="rob-rvn", gever_orgaan="college")
    # Seven ROB partners: Nijmegen receives the mandates of the six others.
    assert sorted(rob.values_list("gever__code", flat=True)) == sorted(
        ["GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"]
    )
    assert {m.houder_gemeente.code for m in rob} == {NIJMEGEN}
    bw_mo = Mandaat.objects.filter(samenwerkingsverband__code="bwmo-nr")
    college = bw_mo.filter(gever_orgaan=Orgaan.COLLEGE).first()
    mayor = bw_mo.filter(gever_orgaan=Orgaan.BURGEMEESTER).first()
    # Bijlage A art. 2 lid 3-4: decisions and decisions on objection to the college, with
    # sub-mandate; lid 5-6: the mayor represents in private law.
    assert Besluitsoort.BESLISSING_OP_BEZWAAR in college.besluiten
    assert Besluitsoort.ONTBINDING not in college.besluiten
    assert mayor.besluiten == [Besluitsoort.ONTBINDING]
    assert college.ondermandaat and college.domeinen == ["bw_mo"]
    assert college.geldig_van == D(2022, 1, 1)
    assert "Bijlage A" in college.bron


def test_beheer_keeps_the_register_in_the_admin_and_a_mandate_has_one_holder(
    make_user, regio, client
):
    beheer = make_user(Rol.BEHEER)
    beheer.is_staff = True
    beheer.save()
    client.force_login(beheer)
    url = "/beheer/regio/mandaat/add/"
    form = {
        "gever": regio[NIJMEGEN].pk,
        "gever_orgaan": "college",
        "houder_rol": "jurist",
        "houder_gemeente": regio[DRUTEN].pk,
        "houder_orgaan": "college",
        "besluiten": ["invorderingsbesluit"],
        "geldig_van": "2027-01-01",
        "bron": "Ondermandaatbesluit 2027 art. 4",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "Kies één gemandateerde" in response.content.decode()
    del form["houder_gemeente"], form["houder_orgaan"]
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    mandaat = Mandaat.objects.get(bron="Ondermandaatbesluit 2027 art. 4")
    assert (mandaat.houder_rol, mandaat.besluiten, mandaat.domeinen) == (
        "jurist",
        ["invorderingsbesluit"],
        [],
    )


def test_the_college_decision_is_refused_without_a_mandate_and_nothing_is_recorded(
    people, rob_contract
):
    from dossieroverleg.models import Besluit, Status

    Mandaat.objects.filter(houder_rol=Rol.TEAMLEIDER).update(beeindigd_op=D(2026, 12, 1))
    with at(D(2027, 1, 4)), pytest.raises(GeenMandaat, match="besluit op het advies"):
        decided_dossier(
            people,
            rob_contract,
            maatregelen=["aanwijzing"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )
    assert not Besluit.objects.exists()
    from dossieroverleg.models import Dossier

    assert Dossier.objects.get().status != Status.BESLUIT


def test_a_dissolution_under_power_of_attorney_ends_the_contract_on_its_effective_date(
    people, rob_contract
):
    jurist = people["jurist"]
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["ontbinding"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )
        traject = juridisch.open_trajectory(
            dossier=dossier, maatregel="ontbinding", by=jurist, termijn_dagen=14
        )
    with at(D(2027, 2, 1)), pytest.raises(ValidationError, match="niet ingaan voor"):
        juridisch.terminate_contract(
            traject=traject, by=jurist, datum=D(2027, 2, 1), ingang=D(2027, 1, 31)
        )
    with at(D(2027, 2, 1)):
        stap = juridisch.terminate_contract(
            traject=traject, by=jurist, datum=D(2027, 2, 1), ingang=D(2027, 3, 1)
        )
    assert stap.ingang == D(2027, 3, 1)
    rob_contract.refresh_from_db()
    assert rob_contract.einddatum == D(2027, 3, 1)
    # Private law: the mayor represents (Gemeentewet art. 171; Bijlage A art. 2 lid 5).
    assert stap.in_naam_van.startswith(
        "burgemeester van Nijmegen, namens zichzelf en krachtens volmacht namens de "
        "burgemeesters van"
    )
    assert stap.mandaat.besluiten == [Besluitsoort.ONTBINDING]
