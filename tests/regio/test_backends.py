"""Permissions and roles read in one query per user object (regio.backends)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.roles import group_names, has_role, sync_roles

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it: no caches on the object."""
    return get_user_model().objects.get(pk=user.pk)


def test_own_and_group_permissions_and_roles_come_in_one_query():
    sync_roles()
    user = get_user_model().objects.create_user("piet")
    user.groups.add(Group.objects.get(name="teamleider"))
    user.groups.add(Group.objects.create(name="zonder-rechten"))  # a role, no permission
    user.user_permissions.add(Permission.objects.get(codename="delete_gemeente"))
    user = fresh(user)
    with CaptureQueriesContext(connection) as ctx:
        assert user.has_perm("dossieroverleg.goedkeuren_advies")  # via the group
        assert user.has_perm("regio.delete_gemeente")  # the user's own
        assert not user.has_perm("regio.delete_vestiging")
        assert has_role(user, "teamleider") and has_role(user, "zonder-rechten")
    assert len(ctx.captured_queries) == 1
    assert user.get_user_permissions() == {"regio.delete_gemeente"}
    assert "dossieroverleg.goedkeuren_advies" in user.get_group_permissions()
    assert "regio.delete_gemeente" not in user.get_group_permissions()


def test_roles_first_then_permissions_is_one_query_too():
    sync_roles()
    user = get_user_model().objects.create_user("jan")
    user.groups.add(Group.objects.get(name="meldpunt"))
    user = fresh(user)
    with CaptureQueriesContext(connection) as ctx:
        assert group_names(user) == frozenset({"meldpunt"})
        assert user.has_perm("meldpunt.wegen_melding")
    assert len(ctx.captured_queries) == 1


def test_a_superuser_has_every_permission_and_an_inactive_user_none():
    sync_roles()
    admin = fresh(get_user_model().objects.create_superuser("beheerder", password="x"))
    assert admin.has_perm("dossieroverleg.goedkeuren_advies")
    assert group_names(admin) == frozenset()
    gone = get_user_model().objects.create_user("weg", is_active=False)
    gone.groups.add(Group.objects.get(name="teamleider"))
    assert not fresh(gone).has_perm("dossieroverleg.goedkeuren_advies")
