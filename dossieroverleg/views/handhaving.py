"""The Handhaving area of the staff site: its menu and the pages of dossiers, deadlines
and the Dossieroverleg (``handhaving:…``). The legal follow-up adds its pages here
(``config.site``)."""

from django.urls import path
from django.utils.translation import gettext_lazy

from regio.ui import MenuApplication, MenuPage

from .. import selectors
from .dossier import (
    ActivityCreateView,
    AdvicePdfView,
    CostsCreateView,
    DocumentDownloadView,
    DossierDetailView,
    DossierListView,
    DossierOpvolgingView,
    DossierPartView,
    ScopeUpdateView,
)
from .overleg import (
    MeetingActionView,
    MeetingCreateView,
    MeetingDetailView,
    MeetingDocumentView,
    MeetingListView,
)
from .termijnen import TermijnOverviewView


class HandhavingApplication(MenuApplication):
    title = gettext_lazy("Handhaving")
    icon = "gavel"
    app_name = "handhaving"
    viewsets = [
        MenuPage(
            app_name="dossiers",
            title=gettext_lazy("Dossiers"),
            icon="folder",
            view=DossierListView.as_view(),
        ),
        MenuPage(
            app_name="termijnen",
            title=gettext_lazy("Termijnen"),
            icon="event",
            view=TermijnOverviewView.as_view(),
            permission="termijnen.view_termijn",
        ),
        MenuPage(
            app_name="overleggen",
            title=gettext_lazy("Dossieroverleg"),
            icon="groups",
            view=MeetingListView.as_view(),
            permission="dossieroverleg.view_overleg",
        ),
    ]
    detail_path = path("dossier/<int:pk>/", DossierDetailView.as_view(), name="detail")
    activiteit_path = path(
        "dossier/<int:pk>/activiteit/", ActivityCreateView.as_view(), name="activiteit"
    )
    scope_path = path("dossier/<int:pk>/reikwijdte/", ScopeUpdateView.as_view(), name="scope")
    inzet_path = path("dossier/<int:pk>/inzet/", CostsCreateView.as_view(), name="inzet")
    document_path = path(
        "dossier/<int:pk>/document/<int:document_pk>/",
        DocumentDownloadView.as_view(),
        name="document",
    )
    advies_path = path(
        "dossier/<int:pk>/advies/<int:advies_pk>.pdf", AdvicePdfView.as_view(), name="advies-pdf"
    )
    opvolging_path = path(
        "dossier/<int:pk>/opvolging/<slug:action>/",
        DossierOpvolgingView.as_view(),
        name="opvolging",
    )
    onderdeel_path = path(
        "dossier/<int:pk>/onderdeel/<slug:naam>/", DossierPartView.as_view(), name="onderdeel"
    )
    overleg_nieuw_path = path("overleg/nieuw/", MeetingCreateView.as_view(), name="overleg-nieuw")
    overleg_path = path("overleg/<int:pk>/", MeetingDetailView.as_view(), name="overleg")
    overleg_actie_path = path(
        "overleg/<int:pk>/<slug:action>/", MeetingActionView.as_view(), name="overleg-actie"
    )
    overleg_document_path = path(
        "overleg/<int:pk>/<slug:kind>.<slug:fmt>",
        MeetingDocumentView.as_view(),
        name="overleg-document",
    )

    def has_view_permission(self, user, obj=None) -> bool:
        return selectors.may_list_dossiers(user)
