import pytest
from rest_framework.test import APIClient

from regio.roles import Rol
from tests.regio.factories import ContractFactory, ZorgaanbiederFactory

ROB = ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"]

# A valid BSN (elfproef) that is not a real person's: 9*1+8*1+...; see test_validators.
GELDIG_BSN = "111222333"


@pytest.fixture
def aanbieder(regio):
    return ZorgaanbiederFactory(naam="Zorg & Co", kvk_nummer="87654321")


@pytest.fixture
def contract(aanbieder):
    return ContractFactory(referentie="ROB-WMO-2026-001", zorgaanbieder=aanbieder, partijen=ROB)


@pytest.fixture
def intaker(make_user):
    return make_user(Rol.MELDPUNT, username="intaker")


@pytest.fixture
def api(intaker):
    client = APIClient()
    client.force_authenticate(intaker)
    return client


@pytest.fixture
def payload(aanbieder, contract):
    return {
        "kanaal": "api",
        "omschrijving": "Cliënten krijgen hun medicatie niet op tijd.",
        "domein": "wmo",
        "aard": "kwaliteit",
        "zorgaanbieder": {"id": aanbieder.pk},
        "vestiging_gemeente": "GM0268",
        "contracten": [contract.referentie],
        "melder": {"naam": "Jan Jansen", "email": "jan@example.org", "anoniem": False},
        "clienten": [
            {
                "bsn": GELDIG_BSN,
                "naam": "Piet Pietersen",
                "geboortedatum": "1950-03-01",
                "woonplaats_gemeente": "GM0225",
            }
        ],
    }
