"""Test settings: the product's settings with the environment a test run needs."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "test"))

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# WhiteNoise reads the collected static files at start; in tests there are none.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False}

# The second factor is tested where it matters (tests/regio/test_login_security.py); the
# other tests log in with force_login.
TWO_FACTOR_REQUIRED = False

# The benchmarks' volume generator is tested too (tests/rapportage/test_figures.py).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
