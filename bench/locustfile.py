"""The load test's users, for ``locust --headless`` (started by bench/load.py and
bench/cluster.py).

The user model (docs/benchmarks-analyse.md explains the choice):

* **Medewerker** (4 of 5 users): logs in once with a password (the login form, the login,
  the start page it lands on), then opens one page every BENCH_LOAD_STAFF_PACE seconds
  (default 10, a busy member of staff: reading a dossier takes longer): the lists, a
  dossier, the work queue and the deadlines API. The pace is fixed (locust's
  ``constant_pacing``): a slow answer does not make the user ask less, as it would with a
  think time after each answer.
* **Publiek** (1 of 5): opens the report form, fills it in (BENCH_LOAD_FORM_SECONDS,
  default 30) and sends it, then reads the thank-you page; one report per
  BENCH_LOAD_PUBLIC_PACE seconds (default 60).

Fifty users so make about 5.5 requests per second.

Users are spread over the servers in BENCH_LOAD_HOSTS (comma-separated base URLs; default
locust's ``--host``): every request goes to the next server, as behind a load balancer
without sticky sessions, so a session made on one server is used on the others.

The clients are locust's FastHttpUser (geventhttpclient): a few times less CPU per request
than the requests-based HttpUser, which matters when locust shares the machine with the
servers it measures. The run is bounded by ``--run-time`` and by BENCH_LOAD_MAX_REQUESTS:
it stops by itself.

Read from the environment (set by the bench module): BENCH_LOAD_PASSWORD (of the users
``bench-<rol>``), BENCH_LOAD_DOSSIERS and BENCH_LOAD_GEMEENTEN (comma-separated ids).
"""

import itertools
import os
import random

import gevent
from locust import FastHttpUser, constant_pacing, events, task

PASSWORD = os.environ.get("BENCH_LOAD_PASSWORD", "")
DOSSIERS = [int(pk) for pk in os.environ.get("BENCH_LOAD_DOSSIERS", "1").split(",")]
GEMEENTEN = os.environ.get("BENCH_LOAD_GEMEENTEN", "").split(",")
MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "200000"))
HOSTS = [h.rstrip("/") for h in os.environ.get("BENCH_LOAD_HOSTS", "").split(",") if h]
STAFF_PACE = float(os.environ.get("BENCH_LOAD_STAFF_PACE", "10"))
PUBLIC_PACE = float(os.environ.get("BENCH_LOAD_PUBLIC_PACE", "60"))
FORM_SECONDS = float(os.environ.get("BENCH_LOAD_FORM_SECONDS", "30"))
ROLES = ("handhaver", "meldpunt", "teamleider")
# The deadlines API is for the roles that follow up dossiers (regio.roles).
TERMIJNEN_ROLES = {"handhaver", "teamleider"}

_next_role = itertools.cycle(ROLES)
_sent = itertools.count(1)


@events.request.add_listener
def stop_after_max_requests(environment=None, **kwargs) -> None:
    if next(_sent) == MAX_REQUESTS and environment is not None and environment.runner:
        gevent.spawn(environment.runner.quit)


class Gebruiker(FastHttpUser):
    abstract = True
    # A page that takes longer than this is an error, not a slow answer.
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        # Each user starts at another server, then takes the next for every request.
        offset = random.randrange(len(HOSTS)) if HOSTS else 0
        self._hosts = itertools.cycle(HOSTS[offset:] + HOSTS[:offset]) if HOSTS else None

    def url(self, path: str) -> str:
        return f"{next(self._hosts)}{path}" if self._hosts else path

    def csrf_token(self) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")


class Medewerker(Gebruiker):
    weight = 4
    wait_time = constant_pacing(STAFF_PACE)

    def on_start(self) -> None:
        super().on_start()
        self.rol = next(_next_role)
        self.client.get(self.url("/accounts/login/"), name="/accounts/login/ (formulier)")
        with self.client.post(
            self.url("/accounts/login/"),
            data={
                "username": f"bench-{self.rol}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf_token(),
            },
            name="/accounts/login/ (inloggen)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login/" in target:
                response.failure(f"inloggen als bench-{self.rol} mislukt")
                return
        self.client.get(self.url(target), name="/ (na inloggen)")

    @task(3)
    def dossiers(self) -> None:
        self.client.get(self.url("/handhaving/dossiers/"), name="/handhaving/dossiers/")

    @task(3)
    def dossier(self) -> None:
        self.client.get(
            self.url(f"/handhaving/dossier/{random.choice(DOSSIERS)}/"),
            name="/handhaving/dossier/[id]/",
        )

    @task(2)
    def meldingen(self) -> None:
        self.client.get(self.url("/meldpunt/meldingen/"), name="/meldpunt/meldingen/")

    @task(2)
    def werkvoorraad(self) -> None:
        self.client.get(self.url("/werk-meldingen/"), name="/werk-meldingen/")

    @task(1)
    def termijnen(self) -> None:
        if self.rol in TERMIJNEN_ROLES:
            self.client.get(self.url("/api/v1/termijnen/"), name="/api/v1/termijnen/")


class Publiek(Gebruiker):
    weight = 1
    wait_time = constant_pacing(PUBLIC_PACE)

    @task
    def melden(self) -> None:
        self.client.get(self.url("/melding/"), name="/melding/ (formulier)")
        gevent.sleep(FORM_SECONDS)
        with self.client.post(
            self.url("/melding/"),
            data={
                "csrfmiddlewaretoken": self.csrf_token(),
                "nieuwe_zorgaanbieder_naam": "Zorgbureau Belasting",
                "vestiging_gemeente": random.choice(GEMEENTEN),
                "domein": random.choice(["wmo", "jeugd"]),
                "omschrijving": "Er komt al weken niemand opdagen voor de afgesproken zorg.",
                "melder_anoniem": "on",
                "website": "",
            },
            name="/melding/ (versturen)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code != 302 or not target.endswith("/melding/bedankt/"):
                response.failure(
                    f"geen doorverwijzing naar de bedankpagina ({response.status_code})"
                )
                return
        self.client.get(self.url("/melding/bedankt/"), name="/melding/bedankt/")
