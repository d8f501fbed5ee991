"""UI of the letters: make one from a step of a trajectory or from an approved advice,
download its draft, upload an edited draft, make it final, download its PDF. Thin: a
form per action, one service call; a refusal shows the page again with the reason on
top. The pages hang in the Handhaving area (``config.site``): ``handhaving:brief-maken``
and so on."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views import View

from dossieroverleg.pages import Action, post_action
from dossieroverleg.views.dossier import DossierDetailView
from juridisch.views import TrajectDetailView
from regio import audit
from regio.ui import Page

from . import forms as f
from . import selectors, services
from .models import DOCX, PDF, Brief

# Letters are legal follow-up: for enforcement and legal staff, as the trajectory's page.
READ = "termijnen.view_termijn"
MAKE = services.PERMISSION

STAP_ACTIONS: dict[str, Action] = {
    "brief": Action(
        f.BriefMakenForm,
        lambda s, u, d: services.make_letter(stap=s, by=u, soort=d["soort"] or None),
        MAKE,
        gettext_lazy("Conceptbrief gemaakt; download het concept om het na te lezen."),
    ),
}

ADVIES_ACTIONS: dict[str, Action] = {
    "brief": Action(
        f.BriefMakenForm,
        lambda a, u, d: services.make_advice_letter(advies=a, by=u),
        MAKE,
        gettext_lazy("Conceptbrief aan het college gemaakt."),
    ),
}

BRIEF_ACTIONS: dict[str, Action] = {
    "concept": Action(
        f.ConceptForm,
        lambda b, u, d: services.reupload_draft(brief=b, upload=f.upload_of(d["bestand"]), by=u),
        MAKE,
        gettext_lazy("Bewerkt concept opgeslagen."),
    ),
    "definitief": Action(
        f.DefinitiefForm,
        lambda b, u, d: services.finalise(brief=b, by=u),
        MAKE,
        gettext_lazy("Brief definitief gemaakt; de PDF staat klaar."),
    ),
}


def _may_read(request) -> None:
    if not request.user.has_perm(READ):
        raise PermissionDenied


def _page_of(brief: Brief):
    """The page a letter is shown on: its trajectory's, or its advice's dossier's."""
    if brief.stap_id:
        pk = brief.stap.traject_id
        return TrajectDetailView, redirect("handhaving:traject", pk=pk), {"pk": pk}
    pk = brief.advies.dossier_id
    return DossierDetailView, redirect("handhaving:detail", pk=pk), {"pk": pk}


class StapBriefView(Page, View):
    def post(self, request, pk: int):
        _may_read(request)
        stap = get_object_or_404(selectors.visible_steps(request.user), pk=pk)
        return post_action(
            request,
            stap,
            "brief",
            STAP_ACTIONS,
            redirect("handhaving:traject", pk=stap.traject_id),
            TrajectDetailView,
            {"pk": stap.traject_id},
        )


class AdviesBriefView(Page, View):
    def post(self, request, pk: int):
        _may_read(request)
        advies = get_object_or_404(selectors.visible_advice(request.user), pk=pk)
        return post_action(
            request,
            advies,
            "brief",
            ADVIES_ACTIONS,
            redirect("handhaving:detail", pk=advies.dossier_id),
            DossierDetailView,
            {"pk": advies.dossier_id},
        )


class BriefActionView(Page, View):
    def post(self, request, pk: int, action: str):
        _may_read(request)
        brief = get_object_or_404(selectors.visible_letters(request.user), pk=pk)
        page, back, kwargs = _page_of(brief)
        return post_action(request, brief, action, BRIEF_ACTIONS, back, page, kwargs)


class BriefDownloadView(Page, View):
    """The current draft (.docx) or, of a final letter, its PDF. Named after the dossier's
    number, the kind and the template version: no personal data in a file name."""

    kind = "concept"

    def get(self, request, pk: int):
        _may_read(request)
        brief = get_object_or_404(selectors.visible_letters(request.user), pk=pk)
        document, extension, content_type = (
            (brief.concept, "docx", DOCX) if self.kind == "concept" else (brief.pdf, "pdf", PDF)
        )
        if document is None:
            raise Http404
        audit.record(
            audit.Actie.DOWNLOADEN, brief.dossier, velden=[f"brief:{brief.pk}:{self.kind}"]
        )
        return FileResponse(
            document.bestand.open("rb"),
            as_attachment=True,
            filename=brief.filename(extension),
            content_type=content_type,
        )


# The pages, in the Handhaving area (``handhaving:brief-maken`` and so on).
urlpatterns = [
    path("stap/<int:pk>/brief/", StapBriefView.as_view(), name="brief-maken"),
    path("advies/<int:pk>/brief/", AdviesBriefView.as_view(), name="brief-advies"),
    path(
        "brief/<int:pk>/concept.docx",
        BriefDownloadView.as_view(kind="concept"),
        name="brief-concept",
    ),
    path("brief/<int:pk>/brief.pdf", BriefDownloadView.as_view(kind="pdf"), name="brief-pdf"),
    path("brief/<int:pk>/<slug:action>/", BriefActionView.as_view(), name="brief-actie"),
]
