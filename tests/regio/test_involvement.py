import pytest

from regio.involvement import InvolvementError, involved_codes, involved_municipalities
from regio.models import Domein

from .factories import ContractFactory, VestigingFactory, ZorgaanbiederFactory

NIJMEGEN, BERG_EN_DAL, BEUNINGEN, DRUTEN = "GM0268", "GM1945", "GM0209", "GM0225"
HEUMEN, MOOK, WIJCHEN, TIEL, MAASDRIEL = "GM0252", "GM0944", "GM0296", "GM0281", "GM0263"
ROB = [NIJMEGEN, BERG_EN_DAL, BEUNINGEN, DRUTEN, HEUMEN, MOOK, WIJCHEN]


def test_rob_wmo_contract_with_all_seven_parties_involves_all_seven(regio):
    contract = ContractFactory(partijen=ROB)
    location = VestigingFactory(zorgaanbieder=contract.zorgaanbieder, gemeente=regio[NIJMEGEN])

    codes = involved_codes(domein=Domein.WMO, contracts=[contract], locations=[location])

    assert codes == sorted(ROB)


def test_wijchen_is_not_involved_in_a_contract_it_did_not_sign_even_with_a_location_there(regio):
    without_wijchen = [code for code in ROB if code != WIJCHEN]
    contract = ContractFactory(partijen=without_wijchen)
    location = VestigingFactory(zorgaanbieder=contract.zorgaanbieder, gemeente=regio[WIJCHEN])

    codes = involved_codes(domein=Domein.WMO, contracts=[contract], locations=[location])

    assert WIJCHEN not in codes
    assert codes == sorted(without_wijchen)


def test_bw_mo_case_in_tiel_contracted_by_druten_involves_nijmegen_tiel_and_druten(regio):
    location = VestigingFactory(gemeente=regio[TIEL])

    result = involved_municipalities(
        domein=Domein.BW_MO, locations=[location], contracting_gemeente=DRUTEN
    )

    assert [item.code for item in result] == sorted([NIJMEGEN, TIEL, DRUTEN])
    grounds = {item.code: item.gronden for item in result}
    assert "centrumgemeente" in grounds[NIJMEGEN]
    assert "gemeente van de vestiging" in grounds[TIEL]


def test_bw_mo_provider_with_locations_in_two_municipalities_involves_both(regio):
    provider = ZorgaanbiederFactory()
    locations = [
        VestigingFactory(zorgaanbieder=provider, gemeente=regio[TIEL]),
        VestigingFactory(zorgaanbieder=provider, gemeente=regio[BEUNINGEN]),
    ]

    codes = involved_codes(
        domein=Domein.BW_MO, locations=locations, contracting_gemeente=regio[DRUTEN]
    )

    assert codes == sorted([NIJMEGEN, TIEL, BEUNINGEN, DRUTEN])


def test_wmo_provider_with_two_locations_involves_only_the_contract_parties(regio):
    contract = ContractFactory(partijen=[NIJMEGEN, HEUMEN])
    locations = [
        VestigingFactory(zorgaanbieder=contract.zorgaanbieder, gemeente=regio[NIJMEGEN]),
        VestigingFactory(zorgaanbieder=contract.zorgaanbieder, gemeente=regio[WIJCHEN]),
    ]

    codes = involved_codes(domein=Domein.WMO, contracts=[contract], locations=locations)

    assert codes == sorted([NIJMEGEN, HEUMEN])


def test_two_contracts_involve_the_union_of_their_parties_once(regio):
    first = ContractFactory(partijen=[NIJMEGEN, HEUMEN], domein=Domein.JEUGD)
    second = ContractFactory(partijen=[HEUMEN, MOOK], domein=Domein.JEUGD)

    result = involved_municipalities(domein=Domein.JEUGD, contracts=[first, second])

    assert [item.code for item in result] == sorted([NIJMEGEN, HEUMEN, MOOK])
    assert len({item.code for item in result}) == 3


def test_pgb_without_contract_involves_the_granting_municipality(regio):
    assert involved_codes(domein=Domein.JEUGD, contracting_gemeente=WIJCHEN) == [WIJCHEN]


def test_unknown_municipality_code_is_a_clear_error(regio):
    with pytest.raises(InvolvementError, match="Onbekende gemeentecode: GM9999"):
        involved_codes(domein=Domein.BW_MO, locations=["GM9999"], contracting_gemeente=DRUTEN)
    with pytest.raises(InvolvementError, match="Onbekende gemeentecode: GM9999"):
        involved_codes(domein=Domein.WMO, contracting_gemeente="GM9999")


def test_wmo_without_contract_or_pgb_municipality_cannot_be_decided(regio):
    with pytest.raises(InvolvementError, match="Leg eerst het contract vast"):
        involved_codes(domein=Domein.WMO)


def test_bw_mo_needs_the_contracting_municipality_and_a_location(regio):
    with pytest.raises(InvolvementError, match="contracteerde"):
        involved_codes(domein=Domein.BW_MO, locations=[TIEL])
    with pytest.raises(InvolvementError, match="vestiging"):
        involved_codes(domein=Domein.BW_MO, contracting_gemeente=DRUTEN)


def test_bw_mo_location_outside_the_arrangement_adds_nobody(regio):
    codes = involved_codes(domein=Domein.BW_MO, locations=[MAASDRIEL], contracting_gemeente=DRUTEN)
    assert codes == sorted([NIJMEGEN, DRUTEN])


def test_bw_mo_contracting_municipality_must_be_a_member(regio):
    with pytest.raises(InvolvementError, match="geen lid"):
        involved_codes(domein=Domein.BW_MO, locations=[TIEL], contracting_gemeente=MAASDRIEL)


def test_a_contract_of_another_domain_is_refused(regio):
    contract = ContractFactory(partijen=ROB, domein=Domein.JEUGD)
    with pytest.raises(InvolvementError, match="hoort bij domein"):
        involved_codes(domein=Domein.WMO, contracts=[contract])


def test_unknown_domain_is_refused(regio):
    with pytest.raises(InvolvementError, match="Onbekend domein"):
        involved_codes(domein="zorg", contracting_gemeente=NIJMEGEN)
