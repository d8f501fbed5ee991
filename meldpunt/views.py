"""UI views of the meldpunt: thin; forms validate, services act, selectors read."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_protect
from django.views.generic import FormView, TemplateView
from django_ratelimit.decorators import ratelimit
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from regio import audit
from regio import services as regio_services
from regio.filters import cleaned
from regio.models import Vestiging, Zorgaanbieder
from regio.roles import has_staff_role
from regio.selectors import is_id
from regio.ui import (
    CappedPaginator,
    MenuApplication,
    MenuPage,
    page_in_one_query,
    show_errors,
    submit,
)

from . import melder, selectors, services, views_melder
from .forms import (
    BerichtAanMelderForm,
    BibobEindeForm,
    BibobStartForm,
    IntakeForm,
    MeldingFilterForm,
    PublicReportForm,
    ReactieAntwoordForm,
    ReactieVraagForm,
    apply_service_errors,
)
from .models import Kanaal, Melding, ReactieVerzoek, Status


class StaffPage(LoginRequiredMixin, PermissionRequiredMixin):
    """Pages for the region's staff; systems (API accounts) never use the UI."""

    permission_required = "meldpunt.view_melding"
    page_title = ""
    viewset = None

    def has_permission(self) -> bool:
        return super().has_permission() and has_staff_role(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title
        return context


class MeldingListView(StaffPage, TemplateView):
    template_name = "meldpunt/melding_list.html"
    page_title = gettext_lazy("Meldingen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        filters = cleaned(MeldingFilterForm, params)
        qs = selectors.visible_meldingen(self.request.user)
        if filters["status"]:
            qs = qs.filter(status=filters["status"])
        if filters["kanaal"]:
            qs = qs.filter(kanaal=filters["kanaal"])
        if filters["acuut"]:
            qs = qs.filter(acuut=True)
        if q := filters["q"]:
            qs = qs.filter(Q(nummer__icontains=q) | Q(zorgaanbieder__naam__icontains=q))
        ordered = qs.order_by("-acuut", "-ontvangen_op")
        page = CappedPaginator(ordered, 50).get_page(params.get("page"))
        context.update(page=page, statussen=Status.choices, kanalen=Kanaal.choices, params=params)
        return context


class MeldingCreateView(StaffPage, FormView):
    permission_required = "meldpunt.add_melding"
    template_name = "meldpunt/melding_form.html"
    form_class = IntakeForm
    page_title = gettext_lazy("Nieuwe melding invoeren")

    def form_valid(self, form):
        try:
            melding = services.receive(intake=form.intake(), by=self.request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Melding %(nummer)s is geregistreerd.") % {"nummer": melding.nummer}
        )
        return redirect("meldpunt:detail", pk=melding.pk)


PERSONAL_FIELDS = ["melder_naam", "melder_email", "melder_telefoon", "omschrijving", "clienten"]


class MeldingDetailView(StaffPage, TemplateView):
    template_name = "meldpunt/melding_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            melding = selectors.melding_detail(self.request.user, pk=kwargs["pk"])
        except Melding.DoesNotExist:
            raise Http404 from None
        tasks = (
            Task.objects.filter(
                process__artifact_object_id=melding.pk,
                process__artifact_content_type=ContentType.objects.get_for_model(Melding),
            )
            .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
            .filter(flow_task_type="HUMAN")
            .select_related("process", "owner")
        )
        processes = Process.objects.filter(
            artifact_object_id=melding.pk,
            artifact_content_type=ContentType.objects.get_for_model(Melding),
        )
        personal = selectors.can_see_personal_data(self.request.user)
        audit.record(
            audit.Actie.LEZEN, melding, velden=PERSONAL_FIELDS if personal else ["omschrijving"]
        )
        context.update(
            melding=melding,
            processen=processes,
            page_title=str(melding),
            persoonsgegevens=selectors.can_see_personal_data(self.request.user),
            taken=tasks,
            vraag_form=ReactieVraagForm(),
            bericht_form=BerichtAanMelderForm(),
            zoek=self.request.GET.get("aanbieder", "").strip(),
            kandidaten=selectors.provider_candidates(
                self.request.GET.get("aanbieder", ""), exclude=melding.zorgaanbieder_id
            ),
        )
        return context


class ToReporterView(StaffPage, View):
    """A form of the report's page that reaches the reporter: one service call, the page
    again with the form when it is refused."""

    form_class = None
    name = ""
    done = ""

    def perform(self, melding, user, data):
        raise NotImplementedError

    def post(self, request, pk: int):
        melding = get_object_or_404(selectors.visible_meldingen(request.user), pk=pk)
        return submit(
            request,
            self.form_class(request.POST),
            lambda d: self.perform(melding, request.user, d),
            done=self.done,
            back=redirect("meldpunt:detail", pk=melding.pk),
            page=MeldingDetailView,
            kwargs={"pk": pk},
            name=self.name,
        )


class WriteToReporterView(ToReporterView):
    permission_required = "meldpunt.change_melding"
    form_class, name = BerichtAanMelderForm, "bericht_form"
    done = gettext_lazy("Het bericht staat op de pagina van de melder.")

    def perform(self, melding, user, data):
        return melder.write_to_reporter(melding=melding, by=user, tekst=data["tekst"])


class AskReporterView(ToReporterView):
    permission_required = "meldpunt.wegen_melding"
    form_class, name = ReactieVraagForm, "vraag_form"
    done = gettext_lazy("De vraag staat voor de melder klaar.")

    def perform(self, melding, user, data):
        return services.ask_reporter(melding=melding, by=user, vraag=data["vraag"])


class ProviderLinkView(StaffPage, View):
    """Link the report to a provider from the register (search by name, KvK or AGB)."""

    permission_required = "meldpunt.wegen_melding"

    def post(self, request, pk: int):
        melding = get_object_or_404(selectors.visible_meldingen(request.user), pk=pk)
        zorgaanbieder = Zorgaanbieder.objects.filter(
            pk=request.POST.get("zorgaanbieder") if is_id(request.POST.get("zorgaanbieder")) else 0
        ).first()
        if zorgaanbieder is None:
            messages.error(request, _("Kies een zorgaanbieder uit het register."))
        else:
            try:
                services.link_provider(
                    melding=melding, zorgaanbieder=zorgaanbieder, by=request.user
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(
                    request,
                    _("De melding is gekoppeld aan %(naam)s.") % {"naam": zorgaanbieder},
                )
        return redirect("meldpunt:detail", pk=melding.pk)


class BijlageDownloadView(StaffPage, View):
    """Attachments live outside the web root and are served only through this check."""

    def get(self, request, pk: int, bijlage_pk: int):
        melding = get_object_or_404(selectors.visible_meldingen(request.user), pk=pk)
        bijlage = get_object_or_404(melding.bijlagen, pk=bijlage_pk)
        audit.record(audit.Actie.DOWNLOADEN, melding, velden=[f"bijlage:{bijlage.pk}"])
        response = FileResponse(
            bijlage.bestand.open("rb"),
            as_attachment=True,
            filename=bijlage.naam,
            content_type=bijlage.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ZorgaanbiederView(StaffPage, TemplateView):
    """Every report (and, once the dossier app lists them, dossier) about a provider."""

    template_name = "meldpunt/zorgaanbieder.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        aanbieder = get_object_or_404(
            Zorgaanbieder.objects.prefetch_related(
                Prefetch("vestigingen", queryset=Vestiging.objects.select_related("gemeente"))
            ),
            pk=kwargs["pk"],
        )
        # The dossier app decides which dossiers the user may see (need to know).
        dossiers = selectors.provider_dossiers(self.request.user, aanbieder)
        params = self.request.GET
        meldingen = selectors.provider_meldingen(self.request.user, aanbieder)
        context.update(
            aanbieder=aanbieder,
            page_title=aanbieder.naam,
            # One query per list, whether the provider has rows or not.
            meldingen=page_in_one_query(
                meldingen.select_related("weging"), 50, params.get("meldingen")
            ),
            dossiers=page_in_one_query(dossiers, 50, params.get("dossiers")),
        )
        if self.request.user.has_perm("regio.view_bibobonderzoek"):
            onderzoeken = list(
                aanbieder.bibob_onderzoeken.select_related("gestart_door", "beeindigd_door")
            )
            if onderzoeken:  # who the investigation is about may name natural persons
                audit.record(
                    audit.Actie.LEZEN,
                    user=self.request.user,
                    object_type="regio.bibobonderzoek",
                    object_id=",".join(str(o.pk) for o in onderzoeken),
                    velden=["betrokkenen"],
                )
            bound = getattr(self, "bound", {})
            context.update(
                bibob_onderzoeken=onderzoeken,
                bibob_loopt=next((o for o in onderzoeken if o.loopt), None),
                bibob_start_form=bound.get("bibob_start_form")
                or BibobStartForm(auto_id="id_bibob_%s"),
                bibob_einde_form=bound.get("bibob_einde_form")
                or BibobEindeForm(auto_id="id_bibob_einde_%s"),
            )
        return context


class ProviderBibobView(StaffPage, View):
    """Start or end a Bibob investigation into the provider (one door:
    ``regio.services``); refused, the provider's page again with the form as typed."""

    permission_required = "regio.view_bibobonderzoek"

    def post(self, request, pk: int, action: str):
        aanbieder = get_object_or_404(Zorgaanbieder, pk=pk)
        if action == "start":
            name, form = "bibob_start_form", BibobStartForm(request.POST, auto_id="id_bibob_%s")

            def perform(d):
                regio_services.start_bibob(zorgaanbieder=aanbieder, by=request.user, **d)

            done = _("Bibob-onderzoek vastgelegd; de ROB-gemeenten krijgen bericht.")
        elif action == "einde":
            onderzoek = get_object_or_404(aanbieder.bibob_onderzoeken, beeindigd_op__isnull=True)
            name = "bibob_einde_form"
            form = BibobEindeForm(request.POST, auto_id="id_bibob_einde_%s")

            def perform(d):
                regio_services.end_bibob(onderzoek=onderzoek, by=request.user, **d)

            done = _("Het einde van het Bibob-onderzoek is vastgelegd.")
        else:
            raise Http404
        return submit(
            request,
            form,
            perform,
            done=done,
            back=redirect("meldpunt:zorgaanbieder", pk=aanbieder.pk),
            page=ZorgaanbiederView,
            kwargs={"pk": pk},
            name=name,
        )


class MeldpuntApplication(MenuApplication):
    title = gettext_lazy("Meldpunt")
    icon = "report"
    app_name = "meldpunt"
    viewsets = [
        MenuPage(
            app_name="meldingen",
            title=gettext_lazy("Meldingen"),
            icon="list",
            view=MeldingListView.as_view(),
            permission="meldpunt.view_melding",
        ),
        MenuPage(
            app_name="nieuw",
            title=gettext_lazy("Nieuwe melding"),
            icon="add_circle",
            view=MeldingCreateView.as_view(),
            permission="meldpunt.add_melding",
        ),
    ]
    detail_path = path("melding/<int:pk>/", MeldingDetailView.as_view(), name="detail")
    vraag_path = path("melding/<int:pk>/vraag/", AskReporterView.as_view(), name="vraag")
    bericht_path = path("melding/<int:pk>/bericht/", WriteToReporterView.as_view(), name="bericht")
    aanbieder_koppelen_path = path(
        "melding/<int:pk>/zorgaanbieder/", ProviderLinkView.as_view(), name="aanbieder-koppelen"
    )
    bijlage_path = path(
        "melding/<int:pk>/bijlage/<int:bijlage_pk>/", BijlageDownloadView.as_view(), name="bijlage"
    )
    aanbieder_path = path(
        "zorgaanbieder/<int:pk>/", ZorgaanbiederView.as_view(), name="zorgaanbieder"
    )
    bibob_path = path(
        "zorgaanbieder/<int:pk>/bibob/<slug:action>/",
        ProviderBibobView.as_view(),
        name="bibob",
    )

    def has_view_permission(self, user, obj=None) -> bool:
        return user.has_perm("meldpunt.view_melding") and has_staff_role(user)


# Public pages: no login.


def settings_rate(name: str):
    """The rate from settings, read per request so tests and operators can change it."""
    from django.conf import settings

    return lambda group, request: getattr(settings, name)


@csrf_protect
@ratelimit(key="ip", rate=settings_rate("PUBLIC_FORM_RATE"), method="POST", block=True)
def public_report(request):
    if request.method == "POST":
        form = PublicReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    melding = services.receive(intake=form.intake())
                    code = melder.issue_code(melding)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                # Shown once on the next page and taken out of the session there.
                request.session["publieke_melding"] = melding.nummer
                request.session["publieke_code"] = code
                return redirect(reverse("publiek:bedankt"))
    else:
        form = PublicReportForm()
    return render(request, "meldpunt/publiek_formulier.html", {"form": form})


def public_thanks(request):
    nummer = request.session.pop("publieke_melding", None)
    code = request.session.pop("publieke_code", None)
    if not nummer:
        return redirect(reverse("publiek:melden"))
    response = render(request, "meldpunt/publiek_bedankt.html", {"nummer": nummer, "code": code})
    response["Cache-Control"] = "no-store"  # the code is not kept by the browser either
    return response


@csrf_protect
@ratelimit(key="ip", rate=settings_rate("PUBLIC_FORM_RATE"), method="POST", block=True)
def reporter_answer(request, token: str):
    verzoek = ReactieVerzoek.objects.filter(token=token).select_related("melding").first()
    if verzoek is None:
        raise Http404
    done = False
    form = ReactieAntwoordForm()
    if request.method == "POST" and verzoek.is_open:
        form = ReactieAntwoordForm(request.POST, request.FILES)
        if form.is_valid():
            upload = None
            if form.cleaned_data.get("bijlage"):
                from .forms import uploads_from

                upload = uploads_from([form.cleaned_data["bijlage"]])[0]
            try:
                services.answer_reporter_question(
                    token=token, antwoord=form.cleaned_data["antwoord"], upload=upload
                )
                done = True
            except ValidationError as error:
                apply_service_errors(form, error)
    return render(
        request,
        "meldpunt/publiek_reactie.html",
        {"verzoek": verzoek, "form": form, "done": done},
    )


public_urlpatterns = [
    path("", public_report, name="melden"),
    path("bedankt/", public_thanks, name="bedankt"),
    path("reactie/<str:token>/", reporter_answer, name="reactie"),
    *views_melder.urlpatterns,
]


def rate_limited(request, exception):
    """Too many submissions from one address: a Dutch page with status 429."""
    return render(request, "meldpunt/te_veel.html", status=429)
