"""The embedded default (SQLite) with a few people clicking at once: they wait for each
other, never a 500 ("database is locked").

A real server (``runserver``, one thread per request) on a real SQLite file, as
``make run`` starts it, and three people who claim and complete the same reports at the
same moment, on the task pages and through the API.
"""

import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from viewflow.workflow.status import STATUS

from meldpunt.models import Melding
from regio.roles import Rol
from tests.loopback import free_port
from tests.meldpunt.test_flow import ROUTES, WEGING, open_task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the embedded SQLite default is what is tested"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-password"
REPORTS = 6
DATA = {**WEGING, **ROUTES["geen_vervolg"]}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A person with a session: logs in like anyone, then posts forms."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        form = self.request("GET", "/accounts/login/")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        code, _ = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        assert code == 302, f"login of {username} gave {code}"

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        """A form post (or a GET); the status and the page."""
        body = None if data is None else urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(method, path, body, "application/x-www-form-urlencoded")

    def post_json(self, path: str, data: dict) -> int:
        return self._open("POST", path, json.dumps(data).encode(), "application/json")[0]

    def _open(self, method: str, path: str, body: bytes | None, kind: str) -> tuple[int, str]:
        headers = {"Referer": self.base + path, "Content-Type": kind}
        if method == "POST" and any(c.name == "csrftoken" for c in self.jar):
            headers["X-CSRFToken"] = self.csrf()
        # Only http://127.0.0.1 (the test's own server).
        request = urllib.request.Request(self.base + path, body, headers, method=method)  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def world(api, payload, make_user):
    """Three people of the Meldpunt and six reports waiting to be weighed."""
    people = ["intaker"] + [
        make_user(Rol.MELDPUNT, username=f"collega{i}").username for i in (1, 2)
    ]
    tasks = []
    for _ in range(REPORTS):
        nummer = api.post("/api/v1/meldingen/", payload, format="json").json()["nummer"]
        task = open_task(Melding.objects.get(nummer=nummer), "wegen")
        tasks.append((task.process_id, task.pk))
    return people, tasks


@pytest.fixture
def server(world, tmp_path):
    """``runserver`` on a copy of the test database in a file: the world the test built,
    served by another process, as the embedded default runs it."""
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{path}",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "DEBUG": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"server did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}", path
    finally:
        process.terminate()
        process.wait(timeout=20)


def page(process_pk: int, task_pk: int, action: str) -> str:
    return f"/werk-meldingen/{process_pk}/wegen/{task_pk}/{action}/"


def test_three_people_working_at_once_never_see_a_server_error(world, server):
    people, tasks = world
    base, path = server
    browsers = [Browser(base, username) for username in people]
    barrier = threading.Barrier(len(browsers))
    answers: list[tuple[str, int, int]] = []  # (what, task, status)
    claimed: dict[int, int] = {}  # task -> index of the person whose claim succeeded

    def work(index: int, browser: Browser) -> None:
        # Everyone goes for every report at the same moment: two claim it on the task
        # page, the third completes it through the API.
        for process_pk, task_pk in tasks:
            barrier.wait(timeout=60)
            if index < 2:
                code, _ = browser.request("POST", page(process_pk, task_pk, "assign"))
                answers.append(("claim", task_pk, code))
                if code == 302:
                    claimed[task_pk] = index
            else:
                code = browser.post_json(f"/api/v1/taken/{task_pk}/voltooien/", DATA)
                answers.append(("api", task_pk, code))
        barrier.wait(timeout=60)
        # Then each finishes the reports they claimed, all at once.
        for process_pk, task_pk in tasks:
            if claimed.get(task_pk) == index:
                code, _ = browser.request("POST", page(process_pk, task_pk, "execute"), DATA)
                answers.append(("execute", task_pk, code))

    threads = [threading.Thread(target=work, args=(i, b)) for i, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert len(answers) == 3 * REPORTS + len(claimed)
    assert [a for a in answers if a[2] >= 500] == []
    for _, task_pk in tasks:
        first = Counter(code for what, pk, code in answers if pk == task_pk and what != "execute")
        # One of the three wins each report; the other two are told it was taken.
        assert first[302] + first[200] == 1 and first[409] == 2, (task_pk, first)
    assert Counter(code for what, _, code in answers if what == "execute") == Counter(
        {302: len(claimed)}
    )
    with sqlite3.connect(path) as db:
        done = db.execute(
            "SELECT COUNT(*) FROM viewflow_task WHERE flow_task LIKE '%wegen' AND status = ?",
            [STATUS.DONE],
        ).fetchone()[0]
        (mode,) = db.execute("PRAGMA journal_mode").fetchone()
    assert done == REPORTS
    assert mode == "wal"
