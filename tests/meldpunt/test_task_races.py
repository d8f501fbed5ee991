"""Two people, one task: exactly one wins, the other gets a 409 with the reason, never a
500; a task addressed under a process it does not belong to is a 404.

The races themselves need PostgreSQL's row locks (a barrier, 20 trials each); the rules
the race ends in are checked on every database.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, transaction
from viewflow.workflow.status import STATUS

from meldpunt.models import Melding
from regio.roles import Rol
from tests.clients import api_for, client_of
from tests.meldpunt.test_flow import ROUTES, WEGING, open_task
from workflows.models import MeldingProcess

TRIALS = 20
DATA = {**WEGING, **ROUTES["geen_vervolg"]}
TAKEN = "al door iemand anders opgepakt of afgerond"


def new_task(api, payload):
    nummer = api.post("/api/v1/meldingen/", payload, format="json").json()["nummer"]
    return open_task(Melding.objects.get(nummer=nummer), "wegen")


def page(task, action: str) -> str:
    return f"/werk-meldingen/{task.process_id}/wegen/{task.pk}/{action}/"


@pytest.fixture
def collega(make_user):
    return make_user(Rol.MELDPUNT, username="collega")


# The rules a race ends in, on every database ---------------------------------------------


def test_claiming_a_task_someone_else_just_took_is_a_409_with_the_reason(
    api, payload, intaker, collega
):
    task = new_task(api, payload)
    assert client_of(intaker).post(page(task, "assign")).status_code == 302
    response = client_of(collega).post(page(task, "assign"))
    assert response.status_code == 409
    assert TAKEN in response.content.decode()
    task.refresh_from_db()
    assert task.owner == intaker


def test_submitting_a_task_that_is_done_already_is_a_409(api, payload, intaker):
    task = new_task(api, payload)
    client = client_of(intaker)
    client.post(page(task, "assign"))
    assert client.post(page(task, "execute"), DATA).status_code == 302
    again = client.post(page(task, "execute"), DATA)
    assert again.status_code == 409
    assert TAKEN in again.content.decode()
    assert Melding.objects.get().status == "geen_vervolg"


def test_a_refusal_that_is_no_race_stays_a_403(api, payload, intaker, make_user):
    """A person without the role is not told a task was taken: the page stays closed."""
    task = new_task(api, payload)
    client_of(intaker).post(page(task, "assign"))
    outsider = make_user(Rol.HANDHAVER, username="buitenstaander")
    assert client_of(outsider).post(page(task, "assign")).status_code in (403, 404)


@pytest.mark.parametrize("action", ["assign", "execute", "detail"])
def test_a_task_under_another_process_is_a_404_and_changes_nothing(api, payload, intaker, action):
    task, other = new_task(api, payload), new_task(api, payload)
    wrong = f"/werk-meldingen/{other.process_id}/wegen/{task.pk}/{action}/"
    client = client_of(intaker)
    assert client.get(wrong).status_code == 404
    assert client.post(wrong, DATA).status_code == 404
    task.refresh_from_db()
    assert (task.status, task.owner_id) == (STATUS.NEW, None)


# The races, on PostgreSQL ----------------------------------------------------------------


def race(*attempts) -> list:
    """Run ``attempts`` at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(attempts))
    results: list = [None] * len(attempts)

    def run(i, attempt):
        try:
            barrier.wait(timeout=30)
            results[i] = attempt()
        except Exception as exc:  # an exception is a result; asserted by the caller
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def codes(results) -> Counter:
    assert not [r for r in results if isinstance(r, Exception)], results
    return Counter(r.status_code for r in results)


def ended_once(results, winner_code: int) -> None:
    counted = codes(results)
    assert counted == Counter({winner_code: 1, 409: 1}), counted
    loser = next(r for r in results if r.status_code == 409)
    assert TAKEN in loser.content.decode()


def trials(check) -> None:
    """``check`` 20 times, each on a new report (the reference data is loaded once)."""
    for _ in range(TRIALS):
        check()


pytestmark_race = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("contract"),
]


class TestRacesOnPostgres:
    pytestmark = pytestmark_race

    @pytest.fixture(autouse=True)
    def patient_lock(self, settings):
        """The loser of a race waits for the winner to finish, however busy the machine:
        these tests are about who wins, not about the lock timeout (tested below)."""
        settings.WORKFLOW_LOCK_TIMEOUT = 30

    def test_two_people_complete_the_same_task_through_the_api(
        self, api, payload, intaker, collega
    ):
        def check():
            task = new_task(api, payload)
            one, two = api_for(intaker), api_for(collega)
            url = f"/api/v1/taken/{task.pk}/voltooien/"
            results = race(
                lambda: one.post(url, DATA, format="json"),
                lambda: two.post(url, DATA, format="json"),
            )
            ended_once(results, 200)
            task.refresh_from_db()
            assert task.status == STATUS.DONE

        trials(check)

    def test_a_claim_on_the_page_and_a_completion_through_the_api(
        self, api, payload, intaker, collega
    ):
        def check():
            task = new_task(api, payload)
            client, other = client_of(intaker), api_for(collega)
            results = race(
                lambda: client.post(page(task, "assign")),
                lambda: other.post(f"/api/v1/taken/{task.pk}/voltooien/", DATA, format="json"),
            )
            counted = codes(results)
            assert counted[409] == 1 and counted[302] + counted[200] == 1, counted
            task.refresh_from_db()
            if counted[200]:
                assert (task.status, task.owner) == (STATUS.DONE, collega)
            else:
                assert (task.status, task.owner) == (STATUS.ASSIGNED, intaker)

        trials(check)

    def test_two_people_claim_the_same_task(self, api, payload, intaker, collega):
        def check():
            task = new_task(api, payload)
            one, two = client_of(intaker), client_of(collega)
            results = race(
                lambda: one.post(page(task, "assign")), lambda: two.post(page(task, "assign"))
            )
            ended_once(results, 302)
            task.refresh_from_db()
            assert task.owner in (intaker, collega)

        trials(check)

    def test_one_person_submits_the_same_task_twice(self, api, payload, intaker):
        def check():
            task = new_task(api, payload)
            first, second = client_of(intaker), client_of(intaker)
            first.post(page(task, "assign"))
            results = race(
                lambda: first.post(page(task, "execute"), DATA),
                lambda: second.post(page(task, "execute"), DATA),
            )
            ended_once(results, 302)
            task.refresh_from_db()
            assert task.status == STATUS.DONE

        trials(check)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("contract")
def test_a_lock_that_cannot_be_had_in_time_is_a_409_without_waiting_long(
    api, payload, intaker, settings
):
    """Someone holds the process (a long save): the request waits the lock timeout, not
    sleep-and-retry, and then says why."""
    import time

    settings.WORKFLOW_LOCK_TIMEOUT = 0.5
    task = new_task(api, payload)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            MeldingProcess.objects.select_for_update().filter(pk=task.process_id).exists()
            holding.set()
            release.wait(timeout=30)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(timeout=10)
        started = time.monotonic()
        response = api_for(intaker).post(f"/api/v1/taken/{task.pk}/voltooien/", DATA, format="json")
        waited = time.monotonic() - started
        page_response = client_of(intaker).post(page(task, "assign"))
    finally:
        release.set()
        holder.join(timeout=30)
    assert response.status_code == 409
    assert "Iemand anders werkt op dit moment" in response.json()["detail"]
    assert page_response.status_code == 409
    assert "Iemand anders werkt op dit moment" in page_response.content.decode()
    assert 0.4 < waited < 3
    task.refresh_from_db()
    assert (task.status, task.owner_id) == (STATUS.NEW, None)
    # Afterwards the task is free to do.
    assert api.post(f"/api/v1/taken/{task.pk}/voltooien/", DATA, format="json").status_code == 200
