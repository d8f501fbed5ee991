"""The Dossieroverleg's pages: the meetings, a meeting with its agenda and conclusions,
its actions, and the printable agenda and minutes."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from regio import audit
from regio.ui import Page, show_errors, submit

from .. import selectors, services
from ..forms import (
    ConclusieForm,
    DeelnemerForm,
    OverlegForm,
)
from ..models import Agendapunt
from ..pdf import pdf_response


class MeetingPermission(PermissionRequiredMixin):
    permission_required = "dossieroverleg.view_overleg"


class MeetingListView(Page, MeetingPermission, TemplateView):
    template_name = "dossieroverleg/overleg_list.html"
    page_title = gettext_lazy("Dossieroverleg")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overleggen"] = selectors.visible_meetings(self.request.user)[:100]
        context["form"] = OverlegForm()
        return context


class MeetingCreateView(Page, MeetingPermission, FormView):
    permission_required = "dossieroverleg.agenderen_dossier"
    form_class = OverlegForm
    template_name = "dossieroverleg/overleg_form.html"
    page_title = gettext_lazy("Overleg plannen")

    def form_valid(self, form):
        overleg = services.plan_meeting(by=self.request.user, **form.cleaned_data)
        return redirect("handhaving:overleg", pk=overleg.pk)


class MeetingDetailView(Page, MeetingPermission, TemplateView):
    template_name = "dossieroverleg/overleg_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overleg = get_object_or_404(selectors.visible_meetings(self.request.user), pk=kwargs["pk"])
        punten = selectors.agenda_items(self.request.user, overleg)
        bound = getattr(self, "bound", {})
        for punt in punten:
            name = f"conclusie{punt.pk}"
            punt.conclusie_form = bound.get(name) or ConclusieForm(auto_id=f"id_{name}_%s")
        context.update(
            overleg=overleg,
            page_title=str(overleg),
            punten=punten,
            gereed=selectors.ready_for_agenda(self.request.user).exclude(
                agendapunten__overleg=overleg
            ),
            deelnemer_form=DeelnemerForm(),
        )
        return context


class MeetingActionView(Page, MeetingPermission, View):
    """The secretary's actions on a meeting; each calls one service."""

    permission_required = "dossieroverleg.agenderen_dossier"

    def post(self, request, pk: int, action: str):
        overleg = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
        if action in ("deelnemer", "conclusie"):
            return self._form(request, overleg, action)
        try:
            self._do(request, overleg, action)
        except ValidationError as error:
            show_errors(request, error)
        return redirect("handhaving:overleg", pk=overleg.pk)

    def _form(self, request, overleg, action: str):
        """The actions with typed values: refused, the page again with them."""
        if action == "deelnemer":
            name, form = "deelnemer_form", DeelnemerForm(request.POST)
            done = _("Deelnemer toegevoegd.")

            def perform(data):
                services.add_attendee(overleg=overleg, **data)

        else:
            punt = get_object_or_404(Agendapunt, pk=request.POST.get("punt") or 0, overleg=overleg)
            name = f"conclusie{punt.pk}"
            form = ConclusieForm(request.POST, auto_id=f"id_{name}_%s")
            done = _("Conclusie vastgelegd.")

            def perform(data):
                services.record_conclusion(agendapunt=punt, by=request.user, **data)

        return submit(
            request,
            form,
            perform,
            done=done,
            back=redirect("handhaving:overleg", pk=overleg.pk),
            page=MeetingDetailView,
            kwargs={"pk": overleg.pk},
            name=name,
        )

    def _do(self, request, overleg, action: str) -> None:
        user = request.user
        if action == "agenderen":
            dossier = get_object_or_404(
                selectors.visible_dossiers(user), pk=request.POST.get("dossier") or 0
            )
            services.put_on_agenda(overleg=overleg, dossier=dossier, by=user)
        elif action == "van-agenda":
            punt = get_object_or_404(Agendapunt, pk=request.POST.get("punt") or 0, overleg=overleg)
            services.remove_from_agenda(agendapunt=punt, by=user)
        elif action == "agenda-vaststellen":
            services.set_agenda(overleg=overleg, by=user)
        elif action == "gehouden":
            services.hold_meeting(overleg=overleg, by=user)
        elif action == "verslag-vaststellen":
            services.set_minutes(overleg=overleg, by=user)
        else:
            raise Http404


class MeetingDocumentView(Page, MeetingPermission, View):
    """Printable agenda and minutes, as HTML or PDF."""

    def get(self, request, pk: int, kind: str, fmt: str):
        overleg = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
        if kind not in ("agenda", "verslag") or fmt not in ("html", "pdf"):
            raise Http404
        html = render_to_string(
            "dossieroverleg/overleg_document.html",
            {
                "overleg": overleg,
                "soort": kind,
                "punten": selectors.agenda_items(request.user, overleg),
                "deelnemers": overleg.deelnemers.all(),
            },
            request=request,
        )
        audit.record(
            audit.Actie.EXPORTEREN,
            object_type="dossieroverleg.overleg",
            object_id=str(overleg.pk),
            velden=[kind, fmt],
        )
        if fmt == "html":
            return HttpResponse(html)
        return pdf_response(html, f"{kind}-{overleg.datum:%Y-%m-%d}.pdf")
