"""Requests that are refused because nobody is logged in yet."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


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
