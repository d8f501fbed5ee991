"""Which cases are the ROB's to enforce, each rule tested from the article it comes from
(``regio/competence.py``): the regional contracts of the Rijk van Nijmegen
(samenwerkingsovereenkomst art. 2 lid 2 sub f and g); BW/MO under the Centrumregeling,
PGB included (DVO BW/MO art. 5.2), but not the local Wmo tasks (art. 5.1.a)."""

import pytest

from meldpunt import services
from meldpunt.models import Doorgeleiding, Melding, Status
from regio.models import Samenwerkingsverband
from tests.regio.factories import ContractFactory, VestigingFactory, ZorgaanbiederFactory

from .test_services import intake, weging

pytestmark = pytest.mark.django_db


def report(regio, *, domein="wmo", contract_args=None, locatie="GM0268"):
    aanbieder = ZorgaanbiederFactory()
    VestigingFactory(zorgaanbieder=aanbieder, gemeente=regio[locatie])
    contracten = []
    if contract_args is not None:
        contracten = [ContractFactory(zorgaanbieder=aanbieder, domein=domein, **contract_args)]
    melding = services.receive(
        intake=intake(aanbieder, domein=domein, vestiging_gemeente=regio[locatie])
    )
    return melding, contracten


def to_enforcement(melding, contracten, **extra):
    return services.validate_weighing(
        melding=melding,
        invoer=weging(
            "naar_handhaving", domein=melding.domein, contracten=contracten, reden="", **extra
        ),
    )


def test_a_regional_rob_contract_is_ours(regio):
    """Art. 2 lid 2: the ROB's core tasks concern "de regionaal afgesloten contracten"."""
    melding, contracten = report(regio, contract_args={"partijen": ["GM0268", "GM0225"]})
    assert to_enforcement(melding, contracten) == {}
    assert services.competence(melding).ours is True  # before the weighing: the provider's


def test_only_a_rivierenland_contract_goes_to_the_competent_municipality(regio):
    """Art. 2 lid 2: not a regional contract of the Rijk van Nijmegen, so not the ROB's;
    the report goes to the municipality named, and the forwarding names it."""
    rivierenland = Samenwerkingsverband.objects.get(code="rivierenland")
    melding, contracten = report(
        regio,
        locatie="GM0281",
        contract_args={"samenwerkingsverband": rivierenland, "partijen": ["GM0281", "GM0216"]},
    )
    errors = to_enforcement(melding, contracten)
    assert "geen regionaal contract van het ROB" in errors["route"][0]
    assert "Tiel" in errors["route"][0]  # the location's municipality, a party

    forward = weging(
        "doorgeleid", contracten=contracten, doorgeleid_aan="gemeente", reden="Niet van ons."
    )
    missing = services.validate_weighing(melding=melding, invoer=forward)
    assert "doorgeleid_aan_gemeente" in missing  # "lokale gemeente" says which one
    forward.doorgeleid_aan_gemeente = regio["GM0281"]
    services.weigh(melding=melding, by=None, invoer=forward)
    services.route(melding=melding)
    assert Melding.objects.get(pk=melding.pk).status == Status.DOORGELEID
    doorgeleiding = Doorgeleiding.objects.get(melding=melding)
    assert doorgeleiding.gemeente == regio["GM0281"]
    assert doorgeleiding.ontvanger == "lokale gemeente (Tiel)"


def test_only_a_local_contract_is_its_municipalitys(regio):
    """A contract in no arrangement is the municipality's own: not the ROB's."""
    melding, contracten = report(
        regio, contract_args={"samenwerkingsverband": None, "partijen": ["GM0225"]}
    )
    errors = to_enforcement(melding, contracten)
    assert "lokaal contract" in errors["route"][0] and "Druten" in errors["route"][0]


def test_only_a_pgb_in_wmo_is_the_granting_municipalitys(regio):
    melding, _ = report(regio)
    errors = to_enforcement(melding, [], verstrekkende_gemeente=regio["GM1945"])
    assert "Alleen een pgb" in errors["route"][0] and "Berg en Dal" in errors["route"][0]


def test_bw_mo_keeps_pgb_based_involvement(regio):
    """DVO BW/MO art. 5.2: the municipality that contracted the care "of het PGB heeft
    verstrekt" and the location's municipality are jointly responsible."""
    melding, _ = report(regio, domein="bw_mo", locatie="GM0281")
    assert to_enforcement(melding, [], verstrekkende_gemeente=regio["GM0225"]) == {}


def test_a_local_wmo_task_is_not_centrumregeling_work(regio):
    """DVO BW/MO art. 5.1.a: "Onder deze centrumregeling ... vallen niet de taken die
    gemeenten zelf hebben in het kader van de Wet maatschappelijke ondersteuning 2015"."""
    melding, _ = report(regio, domein="bw_mo", locatie="GM0281")
    errors = to_enforcement(
        melding, [], verstrekkende_gemeente=regio["GM0225"], lokale_wmo_taak=True
    )
    assert "DVO BW/MO art. 5.1.a" in errors["route"][0]
