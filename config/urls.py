from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from viewflow.contrib.auth import AuthViewset

from .site import site

admin.site.site_header = "Handhaving Wmo en Jeugd – beheer"
admin.site.site_title = "Handhaving – beheer"
admin.site.index_title = "Referentiedata en gebruikers"

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("api/v1/", include((api_patterns, "api"))),
    path("", site.urls),
]
