import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "handhaving.example.org",
    "DATABASE_URL": "postgres://handhaving@127.0.0.1:5432/handhaving",
    # Shared by the workers, so the public form's rate limit holds (regio.W001).
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


# Variables the test settings set for the test process; a subprocess starts without them.
OWN_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "ALLOWED_HOSTS",
    "VAR_DIR",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_reports_no_issues():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_is_warned_about():
    without_cache = {k: v for k, v in PRODUCTION.items() if k != "CACHE_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **without_cache)
    assert result.returncode != 0
    assert "regio.W001" in result.stderr + result.stdout


def test_without_debug_a_secret_key_is_required():
    result = run_manage("check", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_without_secret_key_runs():
    result = run_manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_is_a_clear_error():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_defaults_are_dutch_amsterdam_and_secure(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ


def test_production_settings_switch_on_the_secure_options():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.DATABASES['default']['ENGINE'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    clean.update(PRODUCTION, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "31536000",
        "django.db.backends.postgresql",
    ], result.stderr
