"""System checks for settings that only go wrong in production."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHE = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches)
def rate_limit_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """The public form's rate limit counts in the cache; a per-process cache counts per
    worker, so N workers let N times as many submissions through. Fine with DEBUG (one
    process); in production CACHE_URL should name a shared cache. This replaces
    django-ratelimit's own E003, which refuses the per-process cache even with DEBUG."""
    if not settings.PUBLIC_FORM_RATE or settings.DEBUG:
        return []
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    if backend != PER_PROCESS_CACHE:
        return []
    return [
        checks.Warning(
            "The public form's rate limit (PUBLIC_FORM_RATE) is counted in a per-process "
            "cache, so it does not hold across worker processes.",
            hint="Set CACHE_URL to a shared cache, e.g. redis://127.0.0.1:6379/1.",
            id="regio.W001",
        )
    ]
