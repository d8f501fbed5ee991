import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from regio.roles import ROLES, Rol

ALL_ROLES = [
    "meldpunt",
    "handhaver",
    "jurist",
    "teamleider",
    "overleg",
    "gemeente",
    "privacy",
    "beheer",
    "koppeling",
]


def test_every_role_of_the_design_exists_as_a_group(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ALL_ROLES)
    assert sorted(ROLES) == sorted(ALL_ROLES)


def test_beheer_may_change_reference_data_and_others_may_not(make_user):
    beheer = make_user(Rol.BEHEER)
    handhaver = make_user(Rol.HANDHAVER)
    for perm in ("regio.change_contract", "regio.add_contactpersoon", "regio.delete_gemeente"):
        assert beheer.has_perm(perm)
        assert not handhaver.has_perm(perm)
    assert handhaver.has_perm("regio.view_contract")


def test_gemeente_role_cannot_see_contacts_of_other_municipalities(make_user):
    user = make_user(Rol.GEMEENTE)
    assert not user.has_perm("regio.view_contactpersoon")


def test_login_page_is_served_in_dutch(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get("/start/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_landing_page_says_what_the_role_can_do(client, make_user, regio, role):
    gemeente = regio["GM0225"] if role == Rol.GEMEENTE else None
    client.force_login(make_user(role, gemeente=gemeente))

    response = client.get("/start/")

    assert response.status_code == 200
    description = str(ROLES[role][0])
    assert description in response.content.decode()
    if gemeente:
        assert "namens de gemeente Druten" in response.content.decode()


def test_staff_see_reference_lists_and_gemeente_users_do_not(client, make_user, regio):
    client.force_login(make_user(Rol.MELDPUNT))
    assert client.get("/regio/zorgaanbieder/").status_code == 200
    assert client.get("/regio/contract/").status_code == 200
    client.force_login(make_user(Rol.GEMEENTE, username="g", gemeente=regio["GM0225"]))
    assert client.get("/regio/contract/").status_code == 403


def test_admin_is_for_beheer_only(client, make_user):
    beheer = make_user(Rol.BEHEER)
    beheer.is_staff = True
    beheer.save()
    client.force_login(beheer)
    assert client.get("/beheer/regio/contract/").status_code == 200
    client.force_login(make_user(Rol.HANDHAVER))
    assert client.get("/beheer/regio/contract/").status_code == 302


def test_demo_users_get_one_user_per_role_and_keep_their_password(db, settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("load_regio", verbosity=0)
    call_command("create_demo_users", stdout=io.StringIO())
    first = (tmp_path / "demo-gebruikers.txt").read_text()
    call_command("create_demo_users", stdout=io.StringIO())

    assert (tmp_path / "demo-gebruikers.txt").read_text() == first
    for role in ALL_ROLES:
        assert Group.objects.get(name=role).user_set.filter(username=f"demo-{role}").exists()


def test_demo_users_are_refused_without_debug(db, settings):
    from django.core.management import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_users")


def test_demo_data_loads_idempotently(regio):
    from regio.models import Contactpersoon, Contract

    call_command("demo_data", verbosity=0)
    call_command("demo_data", verbosity=0)
    assert Contract.objects.count() == 4
    assert Contactpersoon.objects.count() == 13
    assert "GM0296" not in Contract.objects.get(
        referentie="ROB-WMO-2024-002"
    ).gemeenten.values_list("code", flat=True)
