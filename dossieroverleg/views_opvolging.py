"""UI of the legal follow-up, aftercare, extra work and escalation; the deadline overview
and calendar feed; the municipality portal. Thin: a form per action, one service call."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.urls import Application
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from meldpunt.forms import apply_service_errors, uploads_from
from regio import audit
from regio.filters import cleaned
from regio.models import Gemeente
from regio.roles import has_role
from regio.selectors import gemeente_of
from regio.ui import Page, show_errors
from termijnen.models import Termijn

from . import calendar, opvolging, selectors
from . import forms_opvolging as f
from .forms import TermijnFilterForm
from .models import JuridischTraject, TrajectStap
from .pages import visible_dossier


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    perform: Callable  # (obj, user, cleaned_data) -> None
    permission: str
    done: str


def _post(request, obj, action: Action, back):
    if not request.user.has_perm(action.permission):
        raise PermissionDenied
    form = action.form(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return back
    try:
        action.perform(obj, request.user, form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, action.done)
    return back


def _d(data: dict, *keys: str) -> dict:
    return {k: data.get(k) for k in keys}


def _step_of(traject: JuridischTraject, pk: int) -> TrajectStap:
    return get_object_or_404(TrajectStap, pk=pk, traject=traject)


TRAJECT = "dossieroverleg.voeren_traject"
BEHANDELEN = "dossieroverleg.behandelen_dossier"

TRAJECT_ACTIONS: dict[str, Action] = {
    "besluit": Action(
        f.PrimairBesluitForm,
        lambda t, u, d: opvolging.record_primary_decision(
            traject=t, by=u, **_d(d, "datum", "bekendmaking_op", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Besluit vastgelegd; de bezwaartermijn loopt."),
    ),
    "bezwaar": Action(
        f.BezwaarForm,
        lambda t, u, d: opvolging.receive_objection(
            traject=t, by=u, **_d(d, "ontvangen_op", "met_adviescommissie", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Bezwaar vastgelegd; de beslissing staat in de werkvoorraad bezwaar."),
    ),
    "verdagen": Action(
        f.VerdagingForm,
        lambda t, u, d: opvolging.extend_objection_decision(traject=t, by=u, reden=d["reden"]),
        TRAJECT,
        gettext_lazy("Beslissing op bezwaar verdaagd."),
    ),
    "beroep": Action(
        f.BeroepForm,
        lambda t, u, d: opvolging.receive_appeal(
            traject=t, by=u, **_d(d, "ontvangen_op", "termijn_rechter", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Beroep vastgelegd."),
    ),
    "hoger-beroep": Action(
        f.BeroepForm,
        lambda t, u, d: opvolging.receive_appeal(
            traject=t, by=u, hoger=True, **_d(d, "ontvangen_op", "termijn_rechter", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Hoger beroep vastgelegd."),
    ),
    "voorlopige-voorziening": Action(
        f.VoorlopigeVoorzieningForm,
        lambda t, u, d: opvolging.request_interim_injunction(
            traject=t, by=u, **_d(d, "ontvangen_op", "zitting_op", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Verzoek om voorlopige voorziening vastgelegd."),
    ),
    "uitkomst": Action(
        f.UitkomstForm,
        lambda t, u, d: opvolging.record_outcome(
            stap=_step_of(t, d["stap"]), by=u, uitkomst=d["uitkomst"], toelichting=d["toelichting"]
        ),
        TRAJECT,
        gettext_lazy("Uitkomst vastgelegd."),
    ),
    "ontbinden": Action(
        f.DatumForm,
        lambda t, u, d: opvolging.terminate_contract(
            traject=t, by=u, **_d(d, "datum", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Ontbinding vastgelegd; de gemeenten is om nazorg gevraagd."),
    ),
    "invorderen": Action(
        f.DatumForm,
        lambda t, u, d: opvolging.start_collection(
            traject=t, by=u, **_d(d, "datum", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Invordering vastgelegd."),
    ),
    "afronden": Action(
        f.AfrondenForm,
        lambda t, u, d: opvolging.close_trajectory(
            traject=t, by=u, uitkomst=d["uitkomst"], toelichting=d["toelichting"]
        ),
        TRAJECT,
        gettext_lazy("Traject afgerond."),
    ),
    "document": Action(
        f.StapDocumentForm,
        lambda t, u, d: opvolging.add_step_documents(
            stap=_step_of(t, d["stap"]), uploads=uploads_from(d["bijlagen"]), by=u
        ),
        TRAJECT,
        gettext_lazy("Document toegevoegd."),
    ),
}

TERMIJN_ACTIONS: dict[str, Action] = {
    "opschorten": Action(
        f.OpschortenForm,
        lambda t, u, d: opvolging.suspend_term(termijn=t, by=u, van=d["van"], reden=d["reden"]),
        TRAJECT,
        gettext_lazy("Termijn opgeschort."),
    ),
    "hervatten": Action(
        f.HervattenForm,
        lambda t, u, d: opvolging.resume_term(termijn=t, by=u, tot=d["tot"], reden=d["reden"]),
        TRAJECT,
        gettext_lazy("Termijn hervat; de einddatum is verschoven."),
    ),
}


def _escalation_of(dossier, escalatie):
    if escalatie.dossier_id != dossier.pk:
        raise Http404
    return escalatie


def _plan_of(dossier, pk):
    return get_object_or_404(dossier.verbeterplannen, pk=pk)


DOSSIER_ACTIONS: dict[str, Action] = {
    "traject": Action(
        f.TrajectForm,
        lambda o, u, d: opvolging.open_trajectory(
            dossier=o, by=u, **_d(d, "maatregel", "voornemen_op", "termijn_dagen", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Juridisch traject gestart."),
    ),
    "nazorg": Action(
        f.NazorgForm,
        lambda o, u, d: opvolging.request_aftercare(dossier=o, by=u, **_d(d, "reden", "dagen")),
        BEHANDELEN,
        gettext_lazy("Nazorg gevraagd aan de gemeente(n)."),
    ),
    "nazorg-geregeld": Action(
        f.NazorgNamensGemeenteForm,
        lambda o, u, d: opvolging.confirm_aftercare(
            verzoek=get_object_or_404(o.nazorg, pk=d["verzoek"]),
            by=u,
            **_d(d, "aantal_clienten", "toelichting"),
        ),
        BEHANDELEN,
        gettext_lazy("Vastgelegd namens de gemeente: alternatieve zorg is geregeld."),
    ),
    "verbeterplan": Action(
        f.VerbeterplanForm,
        lambda o, u, d: opvolging.record_improvement_plan(
            dossier=o, by=u, **_d(d, "ontvangen_op", "omschrijving", "herinspectie_op")
        ),
        BEHANDELEN,
        gettext_lazy("Verbeterplan vastgelegd; de herinspectie wordt bewaakt."),
    ),
    "herinspectie": Action(
        f.HerinspectieForm,
        lambda o, u, d: opvolging.record_reinspection(
            plan=_plan_of(o, d["plan"]),
            by=u,
            datum=d["datum"],
            voldaan=d["uitkomst"] == "voldaan",
            toelichting=d["toelichting"],
        ),
        BEHANDELEN,
        gettext_lazy("Herinspectie vastgelegd."),
    ),
    "meerwerk": Action(
        f.MeerwerkForm,
        lambda o, u, d: opvolging.request_extra_work(
            dossier=o,
            by=u,
            omschrijving=d["omschrijving"],
            uiterlijk=d["uiterlijk"],
            uren=d.get("uren") or 0,
            bedrag=d.get("bedrag") or 0,
        ),
        BEHANDELEN,
        gettext_lazy("Bestuurlijk standpunt gevraagd aan alle gemeenten."),
    ),
    "escalatie": Action(
        f.EscalatieForm,
        lambda o, u, d: opvolging.escalate(
            dossier=o, by=u, **_d(d, "woongemeente", "vraag", "datum")
        ),
        BEHANDELEN,
        gettext_lazy("Escalatie vastgelegd."),
    ),
    "escalatie-antwoord": Action(
        f.EscalatieAntwoordForm,
        lambda o, u, d: opvolging.record_escalation_answer(
            escalatie=_escalation_of(o, d["escalatie"]),
            by=u,
            antwoord=d["antwoord"],
            datum=d["datum"],
        ),
        BEHANDELEN,
        gettext_lazy("Antwoord vastgelegd."),
    ),
    "nazorgfase": Action(
        forms.Form,
        lambda o, u, d: opvolging.start_aftercare(dossier=o, by=u),
        BEHANDELEN,
        gettext_lazy("Het dossier is in de nazorgfase."),
    ),
    "vertrouwelijkheid": Action(
        f.VertrouwelijkheidForm,
        lambda o, u, d: opvolging.set_confidentiality(
            dossier=o,
            by=u,
            niveau=d["niveau"],
            medebehandelaars=list(d["medebehandelaars"]),
            reden=d["reden"],
        ),
        "dossieroverleg.goedkeuren_advies",
        gettext_lazy("Vertrouwelijkheid vastgelegd."),
    ),
    "sluiten": Action(
        f.SluitenForm,
        lambda o, u, d: opvolging.close_dossier(
            dossier=o, by=u, resultaat=d["resultaat"].code, reden=d["reden"]
        ),
        BEHANDELEN,
        gettext_lazy("Dossier gesloten."),
    ),
}


def _forms(**classes) -> dict:
    """One form of each kind, with ids unique on the page (several share field names)."""
    return {name: cls(auto_id=f"id_{name}_%s") for name, cls in classes.items()}


def opvolging_context(dossier, user) -> dict:
    """What the dossier page shows and offers after the decision."""
    return {
        "trajecten": dossier.trajecten.select_related("eigenaar"),
        "nazorg": dossier.nazorg.all(),  # loaded once by selectors.with_follow_up
        "verbeterplannen": dossier.verbeterplannen.select_related("herinspectie"),
        "meerwerk": dossier.meerwerk.all(),
        "escalaties": dossier.escalaties.all(),
        "termijnen_open": dossier.termijnen.exclude(status=Termijn.Status.AFGEROND),
        "forms": _forms(
            traject=f.TrajectForm,
            nazorg=f.NazorgForm,
            verbeterplan=f.VerbeterplanForm,
            meerwerk=f.MeerwerkForm,
            escalatie=f.EscalatieForm,
            sluiten=f.SluitenForm,
            vertrouwelijkheid=f.VertrouwelijkheidForm,
        ),
    }


class DossierOpvolgingView(Page, View):
    def post(self, request, pk: int, action: str):
        dossier = visible_dossier(request, pk)
        if action not in DOSSIER_ACTIONS:
            raise Http404
        return _post(
            request, dossier, DOSSIER_ACTIONS[action], redirect("handhaving:detail", pk=dossier.pk)
        )


def _visible_trajectory(request, pk: int) -> JuridischTraject:
    # Legal follow-up is for enforcement and legal staff (they hold the deadlines).
    if not request.user.has_perm("termijnen.view_termijn"):
        raise PermissionDenied
    dossier_ids = selectors.visible_dossiers(request.user).values("pk")
    return get_object_or_404(
        JuridischTraject.objects.select_related("dossier__zorgaanbieder", "besluit", "eigenaar"),
        pk=pk,
        dossier__in=dossier_ids,
    )


def _objection_task(traject: JuridischTraject, user) -> dict | None:
    """The open task that decides the objection: where it is, who holds it, and whether
    ``user`` may do it (and if not, why)."""
    task = (
        Task.objects.filter(
            process__artifact_object_id=traject.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(JuridischTraject),
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
        )
        .select_related("owner")
        .first()
    )
    if task is None:
        return None
    return {
        "url": task.flow_task.reverse("index", args=[task.process_id, task.pk]),
        "eigenaar": task.owner,
        "van_mij": task.owner_id == user.pk,
        "weigering": opvolging.objection_refusal(user, traject),
    }


class TrajectDetailView(Page, TemplateView):
    template_name = "dossieroverleg/traject_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        traject = _visible_trajectory(self.request, kwargs["pk"])
        audit.record(audit.Actie.LEZEN, traject.dossier, velden=[f"traject:{traject.pk}"])
        stappen = traject.stappen.select_related("termijn", "vastgelegd_door").prefetch_related(
            "documenten", "termijn__historie__door", "termijn__opschortingen"
        )
        Fase = JuridischTraject.Fase
        context.update(
            traject=traject,
            page_title=str(traject),
            stappen=stappen,
            Fase=Fase,
            besluitvormers=get_user_model().objects.filter(
                pk__in=opvolging.primary_decision_takers(traject)
            ),
            bezwaar=(
                _objection_task(traject, self.request.user)
                if traject.fase == Fase.BEZWAAR
                else None
            ),
            forms=_forms(
                besluit=f.PrimairBesluitForm,
                bezwaar=f.BezwaarForm,
                verdagen=f.VerdagingForm,
                beroep=f.BeroepForm,
                hoger_beroep=f.BeroepForm,
                voorlopige_voorziening=f.VoorlopigeVoorzieningForm,
                ontbinden=f.DatumForm,
                invorderen=f.DatumForm,
                afronden=f.AfrondenForm,
            ),
        )
        return context


class TrajectActionView(Page, View):
    def post(self, request, pk: int, action: str):
        traject = _visible_trajectory(request, pk)
        if action not in TRAJECT_ACTIONS:
            raise Http404
        return _post(
            request, traject, TRAJECT_ACTIONS[action], redirect("handhaving:traject", pk=traject.pk)
        )


class TermijnActionView(Page, View):
    def post(self, request, pk: int, action: str):
        if action not in TERMIJN_ACTIONS:
            raise Http404
        termijn = get_object_or_404(
            Termijn, pk=pk, dossier__in=selectors.visible_dossiers(request.user).values("pk")
        )
        stap = TrajectStap.objects.filter(termijn=termijn).first()
        back = (
            redirect("handhaving:traject", pk=stap.traject_id)
            if stap
            else redirect("handhaving:detail", pk=termijn.dossier_id)
        )
        return _post(request, termijn, TERMIJN_ACTIONS[action], back)


# Deadlines ---------------------------------------------------------------------------


class TermijnOverviewView(Page, PermissionRequiredMixin, TemplateView):
    """Every open deadline, overdue first; filter by kind, owner, municipality, state."""

    permission_required = "termijnen.view_termijn"
    template_name = "dossieroverleg/termijnen.html"
    page_title = gettext_lazy("Termijnen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        filters = cleaned(TermijnFilterForm, params)
        qs = selectors.filter_deadlines(selectors.open_deadlines(self.request.user), filters)
        page = Paginator(qs, 50).get_page(params.get("page"))
        context.update(
            page=page,
            params=params,
            soorten=Termijn.Soort.choices,
            gemeenten=Gemeente.objects.order_by("naam"),
            vandaag=datetime.date.today(),
            agenda_url=self.request.build_absolute_uri(calendar.feed_url(self.request.user)),
        )
        return context


class TermijnIcalView(View):
    """A user's open deadlines as an iCalendar feed; the secret link is the credential
    (calendar programs cannot log in). Changing one's password revokes it."""

    def get(self, request, token: str):
        user = calendar.user_for_token(token)
        if user is None:
            raise Http404
        body = calendar.render(user)
        audit.record(audit.Actie.EXPORTEREN, user=user, object_type="agenda", velden=["termijnen"])
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="termijnen.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response


# The municipality portal -------------------------------------------------------------


class PortaalMixin(Page):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.gemeente = gemeente_of(request.user)
            if self.gemeente is None or not has_role(request.user, "gemeente"):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PortaalView(PortaalMixin, TemplateView):
    """What the region asks of this municipality: alternative care, positions on extra
    work; answered here."""

    template_name = "dossieroverleg/portaal.html"
    page_title = gettext_lazy("Verzoeken aan uw gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # A secret dossier: only that it is confidential, and what is asked (need to know).
        nazorg = selectors.mark_confidential(user, selectors.aftercare_for(self.gemeente))
        for verzoek in nazorg:
            verzoek.form = f.NazorgAntwoordForm(auto_id=f"id_nazorg{verzoek.pk}_%s")
        standpunten = selectors.mark_confidential(
            user, selectors.extra_work_for(self.gemeente), lambda s: s.verzoek.dossier_id
        )
        for standpunt in standpunten:
            standpunt.form = f.StandpuntForm(auto_id=f"id_meerwerk{standpunt.pk}_%s")
        context.update(gemeente=self.gemeente, nazorg=nazorg, standpunten=standpunten)
        return context


class PortaalAntwoordView(PortaalView):
    """An answer given in the portal. A refused answer shows the portal again, with the
    answer as it was typed and the reason at its field."""

    http_method_names = ["post"]

    def post(self, request, kind: str, pk: int):
        if kind == "nazorg":
            obj = get_object_or_404(selectors.aftercare_for(self.gemeente), pk=pk)
            action = Action(
                f.NazorgAntwoordForm,
                lambda o, u, d: opvolging.confirm_aftercare(
                    verzoek=o, by=u, **_d(d, "aantal_clienten", "toelichting")
                ),
                "regio.view_gemeente",
                gettext_lazy("Bedankt: vastgelegd dat alternatieve zorg is geregeld."),
            )
        elif kind == "meerwerk":
            obj = get_object_or_404(selectors.extra_work_for(self.gemeente), pk=pk)
            action = Action(
                f.StandpuntForm,
                lambda o, u, d: opvolging.answer_extra_work(
                    standpunt=o,
                    by=u,
                    akkoord=d["standpunt"] == "akkoord",
                    toelichting=d["toelichting"],
                ),
                "regio.view_gemeente",
                gettext_lazy("Bedankt: het standpunt van uw gemeente is vastgelegd."),
            )
        else:
            raise Http404
        if not request.user.has_perm(action.permission):
            raise PermissionDenied
        # The same ids as the portal's own forms, so the label still points at its field.
        form = action.form(request.POST, auto_id=f"id_{kind}{pk}_%s")
        if form.is_valid():
            try:
                action.perform(obj, request.user, form.cleaned_data)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):  # about the request, not a field
                    show_errors(request, error)
                    return redirect("portaal:index")
                apply_service_errors(form, error)
            else:
                messages.success(request, action.done)
                return redirect("portaal:index")
        self.antwoord = (kind, pk, form)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind, pk, form = self.antwoord
        for row in context["nazorg" if kind == "nazorg" else "standpunten"]:
            if row.pk == pk:
                row.form = form
        return context


class PortaalApplication(Application):
    """The municipality's own page: what the region asks of it."""

    title = gettext_lazy("Portaal gemeente")
    icon = "account_balance"
    app_name = "portaal"
    menu_template_name = None  # one page: no sub-menu
    antwoord_path = path("<slug:kind>/<int:pk>/", PortaalAntwoordView.as_view(), name="antwoord")

    @property
    def index_path(self):
        return path("", PortaalView.as_view(), name="index")

    def has_view_permission(self, user, obj=None) -> bool:
        return (
            user.is_authenticated and has_role(user, "gemeente") and gemeente_of(user) is not None
        )
