"""Registration under concurrency: needs PostgreSQL's row locks (skipped on SQLite)."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from meldpunt import services
from meldpunt.models import Melding
from tests.regio.factories import ZorgaanbiederFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_concurrent_registrations_get_fifty_distinct_consecutive_numbers():
    call_command("load_regio", verbosity=0)
    aanbieder = ZorgaanbiederFactory()
    barrier = threading.Barrier(50)
    errors = []

    def register() -> None:
        try:
            barrier.wait(timeout=30)
            services.receive(
                intake=services.Intake(
                    kanaal="api", omschrijving="Gelijktijdig", domein="wmo", zorgaanbieder=aanbieder
                )
            )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    numbers = sorted(Melding.objects.values_list("nummer", flat=True))
    year = Melding.objects.first().ontvangen_op.year
    assert numbers == [f"RMZ-{year}-{n:05d}" for n in range(1, 51)]
