"""UI views for dossiers and the Dossieroverleg: thin; forms, services and selectors."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from meldpunt.forms import apply_service_errors, uploads_from
from regio import audit
from regio.filters import cleaned
from regio.models import Gemeente
from regio.ui import MenuApplication, MenuPage, Page, show_errors

from . import selectors, services, views_opvolging
from .forms import (
    ActiviteitForm,
    ConclusieForm,
    DeelnemerForm,
    DossierFilterForm,
    InzetForm,
    OverlegForm,
    ScopeForm,
)
from .models import Agendapunt, Dossier, Prioriteit, Status
from .pages import visible_dossier
from .pdf import render_pdf
from .timeline import timeline

# What the dossier page shows staff that may identify people: findings, reports, documents.
DOSSIER_FIELDS = ["meldingen", "activiteiten.bevindingen", "documenten", "tijdlijn"]


class DossierListView(Page, TemplateView):
    """Lists are scoped by the selector: a municipality user sees only its dossiers."""

    template_name = "dossieroverleg/dossier_list.html"
    page_title = gettext_lazy("Dossiers")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        filters = cleaned(DossierFilterForm, params)
        qs = selectors.filter_dossiers(selectors.visible_dossiers(self.request.user), filters)
        page = Paginator(qs.order_by("-prioriteit", "-geopend_op"), 50).get_page(params.get("page"))
        context.update(
            page=page,
            params=params,
            statussen=Status.choices,
            prioriteiten=Prioriteit.choices,
            gemeenten=Gemeente.objects.all(),
            behandelaars=get_user_model().objects.filter(groups__name="handhaver").distinct(),
        )
        return context


class DossierDetailView(Page, TemplateView):
    template_name = "dossieroverleg/dossier_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = selectors.with_follow_up(visible_dossier(self.request, kwargs["pk"]))
        staff = self.request.user.has_perm("dossieroverleg.view_dossier")
        if not staff and dossier.is_afgeschermd:
            # A municipality sees only that a confidential dossier exists.
            self.template_name = "dossieroverleg/dossier_afgeschermd.html"
            context.update(dossier=dossier, page_title=str(dossier))
            return context
        audit.record(audit.Actie.LEZEN, dossier, velden=DOSSIER_FIELDS if staff else ["status"])
        tasks = Task.objects.filter(
            process__artifact_object_id=dossier.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(Dossier),
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
        ).select_related("owner")
        context.update(
            dossier=dossier,
            page_title=str(dossier),
            staff=staff,
            timeline=timeline(dossier, staff=staff),
            taken=tasks if staff else [],
            activiteit_form=ActiviteitForm(),
            inzet_form=InzetForm(),
            scope_form=ScopeForm(dossier=dossier),
        )
        if staff:
            context["opvolging"] = views_opvolging.opvolging_context(dossier, self.request.user)
        return context


class ActivityCreateView(Page, View):
    def post(self, request, pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.add_onderzoeksactiviteit"):
            raise PermissionDenied
        form = ActiviteitForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_activity(
                    dossier=dossier,
                    by=request.user,
                    soort=form.cleaned_data["soort"],
                    datum=form.cleaned_data["datum"],
                    uitgevoerd_door=form.cleaned_data["uitgevoerd_door"],
                    bevindingen=form.cleaned_data["bevindingen"],
                    uploads=uploads_from(form.cleaned_data.get("bijlagen")),
                )
                messages.success(request, _("Onderzoeksactiviteit vastgelegd."))
            except ValidationError as error:
                apply_service_errors(form, error)
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request,
                    f"{form.fields[field].label if field in form.fields else ''} {error}".strip(),
                )
        return redirect("handhaving:detail", pk=dossier.pk)


class ScopeUpdateView(Page, View):
    def post(self, request, pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.behandelen_dossier"):
            raise PermissionDenied
        form = ScopeForm(request.POST, dossier=dossier)
        if form.is_valid():
            try:
                services.update_scope(
                    dossier=dossier,
                    by=request.user,
                    reden=form.cleaned_data["reden"],
                    contracten=list(form.cleaned_data["contracten"]),
                    vestigingen=list(form.cleaned_data["vestigingen"]),
                    verstrekkende_gemeente=form.cleaned_data["verstrekkende_gemeente"],
                )
                messages.success(request, _("Contracten en vestigingen bijgewerkt."))
            except ValidationError as error:
                show_errors(request, error)
        else:
            messages.error(request, _("Geef de reden van de wijziging."))
        return redirect("handhaving:detail", pk=dossier.pk)


class CostsCreateView(Page, View):
    """Officers record hours and amounts per dossier; the basis of the cost sharing."""

    def post(self, request, pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.add_inzet"):
            raise PermissionDenied
        form = InzetForm(request.POST)
        if form.is_valid():
            try:
                services.record_costs(dossier=dossier, by=request.user, **form.cleaned_data)
                messages.success(request, _("Inzet vastgelegd."))
            except ValidationError as error:
                show_errors(request, error)
        else:
            messages.error(request, _("Vul datum, omschrijving en uren of bedrag in."))
        return redirect("handhaving:detail", pk=dossier.pk)


class DocumentDownloadView(Page, View):
    def get(self, request, pk: int, document_pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.view_document"):
            raise PermissionDenied
        document = get_object_or_404(dossier.documenten, pk=document_pk)
        audit.record(audit.Actie.DOWNLOADEN, dossier, velden=[f"document:{document.pk}"])
        return FileResponse(
            document.bestand.open("rb"),
            as_attachment=True,
            filename=document.naam,
            content_type=document.content_type,
        )


class AdvicePdfView(Page, View):
    def get(self, request, pk: int, advies_pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.view_dossier"):
            raise PermissionDenied
        if not request.user.has_perm("dossieroverleg.view_advies"):
            raise PermissionDenied
        advies = get_object_or_404(dossier.adviezen, pk=advies_pk)
        audit.record(audit.Actie.EXPORTEREN, dossier, velden=[f"advies:{advies.pk}"])
        html = render_to_string(
            "dossieroverleg/advies_document.html",
            {"dossier": dossier, "advies": advies},
            request=request,
        )
        return _pdf_response(html, f"advies-{dossier.nummer}.pdf")


def _pdf_response(html: str, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Meetings ----------------------------------------------------------------------------


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
        context.update(
            overleg=overleg,
            page_title=str(overleg),
            punten=selectors.agenda_items(self.request.user, overleg),
            gereed=selectors.ready_for_agenda(self.request.user).exclude(
                agendapunten__overleg=overleg
            ),
            deelnemer_form=DeelnemerForm(),
            conclusie_form=ConclusieForm(),
        )
        return context


class MeetingActionView(Page, MeetingPermission, View):
    """The secretary's actions on a meeting; each calls one service."""

    permission_required = "dossieroverleg.agenderen_dossier"

    def post(self, request, pk: int, action: str):
        overleg = get_object_or_404(selectors.visible_meetings(request.user), pk=pk)
        try:
            self._do(request, overleg, action)
        except ValidationError as error:
            show_errors(request, error)
        return redirect("handhaving:overleg", pk=overleg.pk)

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
        elif action == "deelnemer":
            form = DeelnemerForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Vul naam en discipline van de deelnemer in."))
            services.add_attendee(overleg=overleg, **form.cleaned_data)
        elif action == "agenda-vaststellen":
            services.set_agenda(overleg=overleg, by=user)
        elif action == "gehouden":
            services.hold_meeting(overleg=overleg, by=user)
        elif action == "conclusie":
            punt = get_object_or_404(Agendapunt, pk=request.POST.get("punt") or 0, overleg=overleg)
            form = ConclusieForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Kies een conclusie."))
            services.record_conclusion(agendapunt=punt, by=user, **form.cleaned_data)
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
        return _pdf_response(html, f"{kind}-{overleg.datum:%Y-%m-%d}.pdf")


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
            view=views_opvolging.TermijnOverviewView.as_view(),
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
        views_opvolging.DossierOpvolgingView.as_view(),
        name="opvolging",
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
