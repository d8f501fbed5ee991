"""Joint responsibility in BW/MO, each rule from DVO BW/MO art. 5.2: the contracting (or
PGB) municipality and the location's municipality are jointly responsible, with "per geval
een evenwichtige en realistische verdeling van verantwoordelijkheden"; "niet uitgesloten
dat ook andere belanghebbende regiogemeenten worden betrokken"; a dissolution of the
contract ends it."""

import pytest
from django.core.exceptions import ValidationError

from dossieroverleg import services
from dossieroverleg.models import BetrokkenheidWijziging
from notifications.models import Notificatie
from regio.events import Event
from tests.regio.factories import ContactpersoonFactory, ContractFactory

from .conftest import bw_mo_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def bwmo(people, regio):
    contract = ContractFactory(referentie="BWMO-2026-002", domein="bw_mo", partijen=["GM0268"])
    return bw_mo_dossier(people, regio, contract)


def codes(dossier) -> list[str]:
    return sorted(dossier.betrokken_gemeenten.values_list("code", flat=True))


def test_the_agreed_division_is_recorded_with_its_history(people, bwmo):
    services.record_division(
        dossier=bwmo, by=people["handhaver"], tekst="Druten regelt de zorg, Tiel het toezicht."
    )
    services.record_division(
        dossier=bwmo, by=people["handhaver"], tekst="Tiel neemt ook de cliëntgesprekken."
    )
    verdelingen = list(bwmo.verdelingen.all())
    assert [v.tekst for v in verdelingen] == [
        "Tiel neemt ook de cliëntgesprekken.",  # the one that holds
        "Druten regelt de zorg, Tiel het toezicht.",  # its history
    ]
    with pytest.raises(ValidationError):
        services.record_division(dossier=bwmo, by=people["handhaver"], tekst=" ")


def test_another_interested_municipality_is_involved_with_a_reason_and_told(people, bwmo, regio):
    ContactpersoonFactory(gemeente=regio["GM0209"], domeinen=["bw_mo"], direct_domeinen=["bw_mo"])
    before = codes(bwmo)
    assert "GM0209" not in before
    services.add_interested_municipality(
        dossier=bwmo,
        by=people["handhaver"],
        gemeente=regio["GM0209"],
        reden="Drie cliënten wonen in Beuningen.",
    )
    assert codes(bwmo) == sorted([*before, "GM0209"])
    wijziging = BetrokkenheidWijziging.objects.filter(dossier=bwmo).latest("op")
    assert wijziging.toegevoegd == ["GM0209"] and "Beuningen" in wijziging.reden
    told = Notificatie.objects.filter(
        gemeente__code="GM0209", event=Event.DOSSIER_BETROKKENHEID_GEWIJZIGD
    )
    assert told.exists()  # from then on it is told
    # A recomputation (a changed location) keeps it involved.
    services.update_scope(
        dossier=bwmo, by=people["handhaver"], reden="Andere vestiging", vestigingen=[]
    )
    assert "GM0209" in codes(bwmo)
    # Only members of the Centrumregeling, and only once.
    with pytest.raises(ValidationError, match="al betrokken"):
        services.add_interested_municipality(
            dossier=bwmo, by=people["handhaver"], gemeente=regio["GM0209"], reden="x"
        )


def test_only_a_bw_mo_case_takes_an_interested_municipality(people, rob_contract, regio):
    from .conftest import report_to_enforcement

    wmo, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    with pytest.raises(ValidationError, match="BW/MO"):
        services.add_interested_municipality(
            dossier=wmo, by=people["handhaver"], gemeente=regio["GM0209"], reden="x"
        )
