"""anymail's webhooks, only for the providers in use, and closed unless credentials are set.

anymail accepts unauthenticated posts (with a warning) when no ``WEBHOOK_SECRET`` is
configured, and answers a malformed body with a server error; here both are refused.
"""

import json

import anymail.urls
from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.urls import URLPattern
from django.views.decorators.csrf import csrf_exempt


def guarded(view):
    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            return HttpResponseForbidden("Webhook niet ingericht.")
        try:
            return view(request, *args, **kwargs)
        except (ValueError, KeyError, TypeError, json.JSONDecodeError):
            return HttpResponseBadRequest("Onleesbaar bericht.")

    return wrapper


def urlpatterns_for(esps) -> list[URLPattern]:
    return [
        URLPattern(pattern.pattern, guarded(pattern.callback), pattern.default_args, pattern.name)
        for pattern in anymail.urls.urlpatterns
        if str(pattern.pattern).lstrip("^").split("/")[0] in esps
    ]
