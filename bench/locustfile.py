"""The load test's users, for ``locust --headless`` (started by bench/load.py).

Staff (handhaver, meldpunt, teamleider) log in with a session and browse the lists, a
dossier, the work queue and the deadlines API; the public posts the report form. The run
is bounded by ``--run-time`` and by BENCH_LOAD_MAX_REQUESTS: it stops by itself.

Read from the environment (set by bench/load.py): BENCH_LOAD_PASSWORD (of the users
``bench-<rol>``), BENCH_LOAD_DOSSIERS and BENCH_LOAD_GEMEENTEN (comma-separated ids).
"""

import itertools
import os
import random

import gevent
from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("BENCH_LOAD_PASSWORD", "")
DOSSIERS = [int(pk) for pk in os.environ.get("BENCH_LOAD_DOSSIERS", "1").split(",")]
GEMEENTEN = os.environ.get("BENCH_LOAD_GEMEENTEN", "").split(",")
MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "200000"))
ROLES = ("handhaver", "meldpunt", "teamleider")
# The deadlines API is for the roles that follow up dossiers (regio.roles).
TERMIJNEN_ROLES = {"handhaver", "teamleider"}

_next_role = itertools.cycle(ROLES)
_sent = itertools.count(1)


@events.request.add_listener
def stop_after_max_requests(environment=None, **kwargs) -> None:
    if next(_sent) == MAX_REQUESTS and environment is not None and environment.runner:
        gevent.spawn(environment.runner.quit)


class Medewerker(HttpUser):
    weight = 4
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.rol = next(_next_role)
        self.client.get("/accounts/login/", name="/accounts/login/ (formulier)")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": f"bench-{self.rol}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="/accounts/login/ (inloggen)",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"inloggen als bench-{self.rol} mislukt")

    @task(3)
    def dossiers(self) -> None:
        self.client.get("/handhaving/dossiers/")

    @task(3)
    def dossier(self) -> None:
        self.client.get(
            f"/handhaving/dossier/{random.choice(DOSSIERS)}/", name="/handhaving/dossier/[id]/"
        )

    @task(2)
    def meldingen(self) -> None:
        self.client.get("/meldpunt/meldingen/")

    @task(2)
    def werkvoorraad(self) -> None:
        self.client.get("/werk-meldingen/")

    @task(1)
    def termijnen(self) -> None:
        if self.rol in TERMIJNEN_ROLES:
            self.client.get("/api/v1/termijnen/")


class Publiek(HttpUser):
    weight = 1
    wait_time = between(2, 6)

    @task
    def melden(self) -> None:
        self.client.get("/melding/", name="/melding/ (formulier)")
        with self.client.post(
            "/melding/",
            data={
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "nieuwe_zorgaanbieder_naam": "Zorgbureau Belasting",
                "vestiging_gemeente": random.choice(GEMEENTEN),
                "domein": random.choice(["wmo", "jeugd"]),
                "omschrijving": "Er komt al weken niemand opdagen voor de afgesproken zorg.",
                "melder_anoniem": "on",
                "website": "",
            },
            name="/melding/ (versturen)",
            catch_response=True,
        ) as response:
            if not response.url.endswith("/melding/bedankt/"):
                response.failure(f"geen bedankpagina maar {response.url}")
