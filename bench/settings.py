"""Settings for the load measurements: the product's, plus the bare insert view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
