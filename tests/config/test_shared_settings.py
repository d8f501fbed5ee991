"""More than one app server: what they must share is chosen by the environment (sessions
and the rate limits in the shared cache, files on a shared volume or in object storage)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BASE = {
    "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "handhaving.example.org",
    "DATABASE_URL": "postgres://handhaving@127.0.0.1:5432/handhaving",
}
# Variables that would leak the test settings' choices into the subprocess.
CLEARED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "VAR_DIR",
    "CACHE_URL",
    "PRIVATE_MEDIA_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
CLEARED |= {name for name in os.environ if name.startswith("S3_")}

SHOW = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({"session": s.SESSION_ENGINE, "cache": s.CACHES["default"]["BACKEND"],
                  "files": s.STORAGES["default"]}))
"""


def settings_with(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update(BASE, **env, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_a_shared_cache_sessions_are_read_from_it_and_kept_in_the_database():
    shared = settings_with(CACHE_URL="redis://127.0.0.1:6379/1")
    assert shared["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["session"] == "django.contrib.sessions.backends.cached_db"


def test_without_a_shared_cache_sessions_are_in_the_database_only():
    # A per-process cache would log a user out whenever another worker answers.
    assert settings_with()["session"] == "django.contrib.sessions.backends.db"


def test_files_are_on_the_volume_private_media_root_names():
    files = settings_with(PRIVATE_MEDIA_ROOT="/srv/gedeeld/bestanden")["files"]
    assert files == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/gedeeld/bestanden"},
    }


def test_a_bucket_puts_files_in_private_object_storage():
    files = settings_with(
        S3_BUCKET="handhaving-bestanden",
        S3_ENDPOINT_URL="https://objects.example.org",
        S3_REGION="nl-ams",
        S3_PREFIX="rmz",
        S3_ADDRESSING_STYLE="path",
    )["files"]
    assert files["BACKEND"] == "storages.backends.s3.S3Storage"
    options = files["OPTIONS"]
    assert options["bucket_name"] == "handhaving-bestanden"
    assert options["endpoint_url"] == "https://objects.example.org"
    assert (options["region_name"], options["location"]) == ("nl-ams", "rmz")
    assert options["addressing_style"] == "path"
    assert options["default_acl"] is None and options["file_overwrite"] is False
    assert options["querystring_auth"] is True
    # Credentials come from the environment boto3 reads when they are not given.
    assert options["access_key"] is None and options["secret_key"] is None


def test_the_bucket_options_are_those_django_storages_takes():
    s3 = pytest.importorskip("storages.backends.s3")
    files = settings_with(S3_BUCKET="handhaving-bestanden", S3_PREFIX="rmz")["files"]
    # Unknown options are refused when the storage is made; nothing is asked of a server.
    storage = s3.S3Storage(**files["OPTIONS"])
    assert (storage.bucket_name, storage.location) == ("handhaving-bestanden", "rmz")
    assert storage.default_acl is None and storage.querystring_expire == 300
