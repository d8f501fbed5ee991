from django.urls import path

from .api.views import MeldingDetailView, MeldingListCreateView

api_urlpatterns = [
    path("meldingen/", MeldingListCreateView.as_view(), name="melding-list"),
    path("meldingen/<str:nummer>/", MeldingDetailView.as_view(), name="melding-detail"),
]
