import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def site_url_of_make_run(*args: str, **env: str) -> str:
    """The SITE_URL ``make run`` starts the server with (the recipe printed, not run, and
    its assignment expanded by the shell as make's recipe shell would)."""
    clean = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    clean.update(env)
    printed = subprocess.run(
        ["make", "-n", "run", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    ).stdout
    assignment = re.search(r"SITE_URL=(\S+)", printed).group(1)
    return subprocess.run(
        ["sh", "-c", f"echo {assignment}"], env=clean, capture_output=True, text=True
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_links_mails_to_the_port_it_serves_unless_site_url_is_set():
    assert site_url_of_make_run() == "http://127.0.0.1:8000"
    assert site_url_of_make_run("PORT=8123") == "http://127.0.0.1:8123"
    assert site_url_of_make_run("PORT=8123", SITE_URL="https://hh.example.org") == (
        "https://hh.example.org"
    )
