from django.urls import path

from .api.views import DossierDetailView

api_urlpatterns = [
    path("dossiers/<str:nummer>/", DossierDetailView.as_view(), name="dossier-detail"),
]
