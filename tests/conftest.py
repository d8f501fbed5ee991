import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection

from regio.mandates import DEMO_MANDATE_ROLES, grant_role_mandates
from regio.models import Gebruiker, Gemeente


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the public pages' rate limits count per
    process, and one test's submissions must not use up another's (a live server's test
    runs in the same process)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def regio(db):
    """The region's reference data as shipped (15 municipalities, 3 arrangements, the
    arrangements' mandates), and Nijmegen's sub-mandates to the deciding roles."""
    call_command("load_regio", verbosity=0)
    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    grant_role_mandates(gemeenten["GM0268"], DEMO_MANDATE_ROLES, datetime.date(2021, 1, 1))
    return gemeenten


@pytest.fixture
def make_user(db):
    def make(role: str, username: str | None = None, gemeente: Gemeente | None = None) -> User:
        user = User.objects.create_user(
            username=username or f"{role}-user", password="a-long-test-password"
        )
        user.groups.add(Group.objects.get(name=role))
        if gemeente is not None:
            Gebruiker.objects.create(user=user, gemeente=gemeente)
        return user

    return make


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    if connection.vendor != "postgresql":
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
