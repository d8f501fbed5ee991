"""Who may see and handle the outbox (regio/roles.py, synced by notifications 0002)."""

import pytest
from django.contrib.auth.models import Group

from regio.roles import STAFF_ROLES, Rol

pytestmark = pytest.mark.django_db


def perms(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.parametrize("role", [r for r in STAFF_ROLES if r != Rol.BEHEER])
def test_staff_roles_may_view_the_outbox_but_not_change_it(role):
    granted = perms(role)
    assert "notifications.view_notificatie" in granted
    assert "notifications.change_notificatie" not in granted
    assert "notifications.opnieuw_verzenden_notificatie" not in granted
    assert "notifications.view_ontbrekendcontact" not in granted


def test_beheer_has_full_rights_on_outbox_templates_and_missing_contacts():
    granted = perms(Rol.BEHEER)
    for model in ("notificatie", "ontbrekendcontact", "sjabloon"):
        for action in ("add", "change", "delete", "view"):
            assert f"notifications.{action}_{model}" in granted
    assert "notifications.opnieuw_verzenden_notificatie" in granted


@pytest.mark.parametrize("role", [Rol.GEMEENTE, Rol.KOPPELING])
def test_municipalities_and_systems_do_not_see_the_outbox(role):
    assert not {p for p in perms(role) if p.startswith("notifications.")}


def test_beheer_opens_the_outbox_and_the_missing_contacts_page(client, make_user):
    user = make_user(Rol.BEHEER)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/beheer/notifications/notificatie/").status_code == 200
    assert client.get("/beheer/notifications/ontbrekendcontact/").status_code == 200
    assert client.get("/beheer/notifications/sjabloon/").status_code == 200
