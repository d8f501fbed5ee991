"""Who is told, through the event contract alone (a provider stands in for a dossier)."""

import pytest
from django.db import transaction

from notifications.models import Notificatie, OntbrekendContact
from notifications.recipients import arrangement_members, provider_arrangement_members
from regio.events import Event, emit
from regio.models import Samenwerkingsverband
from regio.roles import Rol
from tests.regio.factories import ContactpersoonFactory, ContractFactory, ZorgaanbiederFactory

FOUR = ["GM0214", "GM0216", "GM1740", "GM0252"]  # 4 of the 13 BW/MO members
WIJCHEN = "GM0296"


@pytest.fixture
def contacts(regio):
    """Two active BW/MO contacts in each of the four and in Wijchen, plus people who must
    not be told: an inactive contact and one for another domain."""
    for code in [*FOUR, WIJCHEN]:
        for n in range(2):
            ContactpersoonFactory(
                gemeente=regio[code], domeinen=["bw_mo"], email=f"c{n}.{code}@gem.example.org"
            )
        ContactpersoonFactory(
            gemeente=regio[code], domeinen=["bw_mo"], actief=False, email=f"oud.{code}@x.org"
        )
        ContactpersoonFactory(gemeente=regio[code], domeinen=["jeugd"], email=f"j.{code}@x.org")
    return regio


def emit_status(aanbieder, *, gemeenten=FOUR, event_id="hh:1:status:1") -> None:
    emit(
        Event.DOSSIER_BESLUIT,
        event_id=event_id,
        instance=aanbieder,
        nummer="HH-2026-0007",
        status="besluit",
        domein="bw_mo",
        gemeenten=gemeenten,
        data={"zorgaanbieder": aanbieder.naam, "maatregelen": ["aanwijzing"]},
    )


def test_four_involved_municipalities_get_one_row_per_active_contact_in_the_transaction(
    contacts,
):
    aanbieder = ZorgaanbiederFactory()
    with transaction.atomic():
        emit_status(aanbieder)
        # Written by the receiver inside the caller's transaction: visible before commit.
        assert Notificatie.objects.count() == 4 * 2
    rows = Notificatie.objects.all()
    assert {r.gemeente.code for r in rows} == set(FOUR)
    assert all(r.ontvanger.startswith(("c0.", "c1.")) for r in rows)
    assert not rows.filter(gemeente__code=WIJCHEN).exists()  # not in `gemeenten`: nothing
    assert not OntbrekendContact.objects.exists()


def test_an_event_in_a_rolled_back_transaction_queues_nothing(contacts):
    aanbieder = ZorgaanbiederFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        emit_status(aanbieder)
        raise RuntimeError("the status change failed")
    assert not Notificatie.objects.exists()


def test_reemitting_the_same_event_id_creates_nothing_new(contacts):
    aanbieder = ZorgaanbiederFactory()
    emit_status(aanbieder)
    emit_status(aanbieder)
    assert Notificatie.objects.count() == 8
    emit_status(aanbieder, event_id="hh:1:status:2")  # a new occurrence is a new mail
    assert Notificatie.objects.count() == 16


def test_a_municipality_without_a_contact_is_recorded_and_shown(contacts, client, make_user):
    emit_status(ZorgaanbiederFactory(), gemeenten=[*FOUR, "GM0281"])  # Tiel: no contact
    gap = OntbrekendContact.objects.get()
    assert (gap.gemeente.code, gap.domein, gap.event) == ("GM0281", "bw_mo", Event.DOSSIER_BESLUIT)
    beheer = make_user(Rol.BEHEER)
    beheer.is_staff = True
    beheer.save()
    client.force_login(beheer)
    page = client.get("/beheer/notifications/ontbrekendcontact/").content.decode()
    assert "Tiel" in page


def test_arrangement_members_by_domain_and_by_provider(regio):
    assert len(arrangement_members("bw_mo")) == 13 and WIJCHEN in arrangement_members("bw_mo")
    assert len(arrangement_members(code="rob-rvn")) == 7
    assert len(arrangement_members("jeugd")) == 13  # ROB Rijk van Nijmegen and Rivierenland
    assert provider_arrangement_members(zorgaanbieder=ZorgaanbiederFactory()) == sorted(
        arrangement_members("bw_mo")
    )
    rob = Samenwerkingsverband.objects.get(code="rob-rvn")
    contract = ContractFactory(samenwerkingsverband=rob, partijen=["GM0268", "GM0225"])
    members = provider_arrangement_members(zorgaanbieder=contract.zorgaanbieder)
    assert members == arrangement_members(code="rob-rvn") and WIJCHEN in members


def test_a_data_breach_tells_every_member_whatever_the_contacts_domain(regio):
    for code in arrangement_members("bw_mo"):
        ContactpersoonFactory(gemeente=regio[code], domeinen=["jeugd"])
    emit(
        Event.DATALEK,
        event_id="datalek:1",
        instance=ZorgaanbiederFactory(),
        nummer="DL-2026-001",
        gemeenten=arrangement_members("bw_mo"),
    )
    assert Notificatie.objects.values("gemeente").distinct().count() == 13


def test_deadline_events_go_to_the_internal_users_named(regio, make_user):
    user = make_user(Rol.HANDHAVER)
    user.email = "behandelaar@rob.example.org"
    user.save()
    emit(
        Event.TERMIJN_HERINNERING,
        event_id="termijn:1",
        instance=ZorgaanbiederFactory(),
        nummer="HH-2026-0007",
        gemeenten=["GM0268"],  # not told: a deadline is internal
        data={"user_ids": [user.pk], "stap": "onderzoek", "termijn": "1 december 2026"},
    )
    row = Notificatie.objects.get()
    assert row.gebruiker == user and row.ontvanger == user.email and row.gemeente is None
