"""Settings for the measurements: the product's, plus the bare insert view and the volume
generator."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"

# The volume generator (``manage.py generate_volume``) is a development tool: it lives
# here, not in the product's apps, so ``regio`` imports nothing above it.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
