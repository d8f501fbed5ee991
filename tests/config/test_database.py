"""The database connection as the pages need it."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_compiles_no_query_just_in_time():
    """JIT compilation cost the work queue 13 of its 14 seconds at a million reports."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
