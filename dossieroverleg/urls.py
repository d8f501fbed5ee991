from django.urls import path

from .api.views import DossierDetailView, TermijnListView

api_urlpatterns = [
    path("dossiers/<str:nummer>/", DossierDetailView.as_view(), name="dossier-detail"),
    path("termijnen/", TermijnListView.as_view(), name="termijnen"),
]
