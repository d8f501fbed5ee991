from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import cache_control
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from viewflow.contrib.auth import AuthViewset

from dossieroverleg.urls import api_urlpatterns as dossier_api
from dossieroverleg.views.termijnen import TermijnIcalView
from meldpunt.urls import api_urlpatterns as meldpunt_api
from meldpunt.views import public_urlpatterns
from meldpunt.views_doorgeleiding import urlpatterns as forwarding_urlpatterns
from notifications.views import urlpatterns as notification_patterns
from notifications.webhook_urls import urlpatterns_for as webhook_urlpatterns_for
from rapportage.views import SharedHalfYearReportView
from regio.twofactor import urlpatterns as twofactor_patterns
from workflows.urls import api_urlpatterns as workflows_api

from .site import site

FAVICON = Path(__file__).resolve().parents[1] / "regio" / "static" / "regio" / "favicon.ico"


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every page; without it each page logs a 404."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


admin.site.site_header = "Handhaving Wmo en Jeugd – beheer"
admin.site.site_title = "Handhaving – beheer"
admin.site.index_title = "Referentiedata en gebruikers"

anymail_patterns = webhook_urlpatterns_for(settings.ANYMAIL_WEBHOOK_ESPS)

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from drf-spectacular-sidecar's static files; its start-up script is a
    # file of its own (the split view), so the page needs no exception to the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *meldpunt_api,
    *dossier_api,
    *workflows_api,
]

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("beheer/", admin.site.urls),
    path("accounts/2fa/", include(twofactor_patterns)),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("api/v1/", include((api_patterns, "api"))),
    path("melding/", include(([*public_urlpatterns, *forwarding_urlpatterns], "publiek"))),
    path("webhooks/anymail/", include((anymail_patterns, "anymail"))),
    path("notificaties/", include((notification_patterns, "notificaties"))),
    path("agenda/<str:token>/termijnen.ics", TermijnIcalView.as_view(), name="termijnen-ical"),
    path(
        "halfjaarrapportage/<str:token>/",
        SharedHalfYearReportView.as_view(),
        name="halfjaarrapportage-link",
    ),
    path("", site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "regio.errors.bad_request"
handler404 = "regio.errors.page_not_found"
handler500 = "regio.errors.server_error"
