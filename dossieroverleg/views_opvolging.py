"""UI of aftercare, extra work, escalation, confidentiality and closing on the dossier page;
the deadline overview and calendar feed; the municipality portal. Thin: a form per action,
one service call."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.urls import Application

from meldpunt.forms import apply_service_errors
from regio import audit
from regio.filters import cleaned
from regio.models import Gemeente
from regio.roles import has_role
from regio.selectors import gemeente_of
from regio.ui import Page, show_errors
from termijnen.models import Termijn

from . import calendar, opvolging, pages, selectors
from . import forms_opvolging as f
from .forms import TermijnFilterForm
from .pages import Action, post_action, unbound_forms, values, visible_dossier

BEHANDELEN = "dossieroverleg.behandelen_dossier"


def _escalation_of(dossier, escalatie):
    if escalatie.dossier_id != dossier.pk:
        raise Http404
    return escalatie


def _plan_of(dossier, pk):
    return get_object_or_404(dossier.verbeterplannen, pk=pk)


DOSSIER_ACTIONS: dict[str, Action] = {
    "nazorg": Action(
        f.NazorgForm,
        lambda o, u, d: opvolging.request_aftercare(dossier=o, by=u, **values(d, "reden", "dagen")),
        BEHANDELEN,
        gettext_lazy("Nazorg gevraagd aan de gemeente(n)."),
    ),
    "nazorg-geregeld": Action(
        f.NazorgNamensGemeenteForm,
        lambda o, u, d: opvolging.confirm_aftercare(
            verzoek=get_object_or_404(o.nazorg, pk=d["verzoek"]),
            by=u,
            **values(d, "aantal_clienten", "toelichting"),
        ),
        BEHANDELEN,
        gettext_lazy("Vastgelegd namens de gemeente: alternatieve zorg is geregeld."),
    ),
    "verbeterplan": Action(
        f.VerbeterplanForm,
        lambda o, u, d: opvolging.record_improvement_plan(
            dossier=o, by=u, **values(d, "ontvangen_op", "omschrijving", "herinspectie_op")
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
            dossier=o, by=u, **values(d, "woongemeente", "vraag", "datum")
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


def opvolging_context(dossier, user) -> dict:
    """What the dossier page shows and offers after the decision."""
    return {
        "nazorg": dossier.nazorg.all(),  # loaded once by selectors.with_follow_up
        "verbeterplannen": dossier.verbeterplannen.select_related("herinspectie"),
        "meerwerk": dossier.meerwerk.all(),
        "escalaties": dossier.escalaties.all(),
        "termijnen_open": dossier.termijnen.exclude(status=Termijn.Status.AFGEROND),
        "secties": pages.sections(dossier, user),
        "forms": unbound_forms(
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
        actions = {**DOSSIER_ACTIONS, **pages.section_actions()}
        if action not in actions:
            raise Http404
        return post_action(
            request, dossier, actions[action], redirect("handhaving:detail", pk=dossier.pk)
        )


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
                    verzoek=o, by=u, **values(d, "aantal_clienten", "toelichting")
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
