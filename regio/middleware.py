"""Requests refused before a view sees them: input the database cannot hold, and pages
opened by someone who is not logged in yet."""

import json
from io import BytesIO
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParser
from django.template import loader
from django.utils.translation import gettext_lazy as _


class LoginFirstMiddleware:
    """A staff or portal page opened without a login (for example from a link in a mail)
    leads to the login page and back, instead of a 403. The API and the public pages
    answer for themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def _anonymous(self, request) -> bool:
        return not request.user.is_authenticated and not request.path.startswith(
            ("/api/", "/webhooks/")
        )

    def process_view(self, request, callback, callback_args, callback_kwargs):
        """viewflow's SiteMiddleware (after this one) refuses a page of an application the
        user may not see; for someone not logged in, that means: log in first."""
        if not self._anonymous(request) or request.resolver_match is None:
            return None
        extra = getattr(request.resolver_match.url_name, "extra", {})
        for part in (extra.get("site"), extra.get("app")):
            if part is not None and not part.has_view_permission(request.user):
                return redirect_to_login(request.get_full_path())
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and self._anonymous(request):
            return redirect_to_login(request.get_full_path())
        return None


def _raw(request, key: str) -> bytes:
    """The bytes the server received: a WSGI server hands them over as ISO-8859-1 text
    (PEP 3333); under ASGI, Django has already decoded them as UTF-8."""
    value = request.META.get(key, "")
    if not hasattr(request, "scope"):
        try:
            return value.encode("iso-8859-1")
        except UnicodeEncodeError:
            pass  # not from a WSGI server after all
    return value.encode("utf-8", "surrogateescape")


def _clean_bytes(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _clean_encoded(data: bytes) -> bool:
    """A query string or form-encoded body: clean before and after percent-decoding."""
    return _clean_bytes(data) and _clean_bytes(unquote_to_bytes(data.replace(b"+", b" ")))


def _clean_text(text: str) -> bool:
    # Django decodes a multipart field that is not UTF-8 with U+FFFD in its place.
    return "\x00" not in text and "\ufffd" not in text


def _encodable(text: str) -> bool:
    """A JSON escape can name half of a surrogate pair (``"\\ud800"``): no character, and
    no database stores it (PostgreSQL's driver cannot encode it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clean_json(document) -> bool:
    # Without recursion: a deeply nested document must not become a RecursionError.
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if "\x00" in value or not _encodable(value):
                return False
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return True


class BadInputMiddleware:
    """Refuses with 400 a request with a NUL byte or text that is not UTF-8 in its path,
    query string, form fields or JSON body, before any view passes it on. PostgreSQL
    refuses NUL in text ("A string literal cannot contain NUL"), which would otherwise
    surface as a 500 from whichever lookup or filter meets it first; invalid UTF-8 would
    be stored silently as U+FFFD. File contents are not looked at: they are bytes."""

    MESSAGE = _("Het verzoek bevat een ongeldig teken (een NUL-teken of tekst die geen UTF-8 is).")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._clean(request):
            return self._refuse(request)
        return self.get_response(request)

    def _clean(self, request) -> bool:
        if not _clean_bytes(_raw(request, "PATH_INFO")) or "\x00" in request.path:
            return False
        if not _clean_encoded(_raw(request, "QUERY_STRING")):
            return False
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        content_type = request.content_type or ""
        if content_type == "multipart/form-data":
            return self._clean_multipart(request)
        if content_type == "application/x-www-form-urlencoded":
            # request.body is read once and kept: the view (and a webhook's signature
            # check) reads it again.
            return _clean_encoded(request.body)
        if content_type == "application/json" or content_type.endswith("+json"):
            body = request.body
            if not _clean_bytes(body):
                return False
            try:
                return _clean_json(json.loads(body)) if body else True
            except (ValueError, RecursionError):
                return True  # not JSON (or too deep): the API's parser answers that itself
        return True

    @staticmethod
    def _clean_multipart(request) -> bool:
        length = request.META.get("CONTENT_LENGTH") or "0"
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length.isdigit() and (limit is None or int(length) <= limit):
            request.body  # noqa: B018 - kept, so a webhook can still check its signature
        if request.method == "POST":
            fields, files = request.POST, request.FILES
        elif hasattr(request, "_body"):
            # Django parses a form only for POST; a PUT or PATCH is parsed here from the
            # kept body, which the API parses again.
            fields, files = MultiPartParser(
                request.META, BytesIO(request._body), request.upload_handlers, request.encoding
            ).parse()
        else:
            return True  # too large to keep, and a stream can be read once: the view checks
        texts = [*fields.keys(), *files.keys()]
        texts += [value for key in fields for value in fields.getlist(key)]
        return all(_clean_text(text) for text in texts)

    def _refuse(self, request):
        message = str(self.MESSAGE)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        page = loader.render_to_string("400.html", {"request": request, "reden": message})
        return HttpResponseBadRequest(page)
