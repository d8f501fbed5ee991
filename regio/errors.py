"""Django's own error answers (a bad request, an address no route matches, a server
error), as JSON under ``/api/``: an API client gets the shape its schema documents
(``{"detail": ...}``), never an HTML page. Elsewhere the Dutch pages in ``templates/``."""

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    # Only our own BadRequest says why (a filter value the list does not know); Django's
    # other SuspiciousOperations (a forged host, ...) are not explained to the sender.
    reden = str(exception) if type(exception) is BadRequest else ""
    if _is_api(request):
        return JsonResponse({"detail": reden or _("Ongeldig verzoek.")}, status=400)
    page = loader.render_to_string("400.html", {"reden": reden}, request=request)
    return HttpResponseBadRequest(page)


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("Niet gevonden.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        message = _("Er ging iets mis op de server. Probeer het later opnieuw.")
        return JsonResponse({"detail": message}, status=500)
    return defaults.server_error(request)
