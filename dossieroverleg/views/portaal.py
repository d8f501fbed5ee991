"""The municipality portal: what the region asks of a municipality (alternative care,
positions on extra work), answered there; and the signals the municipality reports to the
Meldpunt, with where they stand."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from viewflow.urls import Application

from meldpunt import selectors as meldpunt_selectors
from meldpunt import services as meldpunt_services
from meldpunt.forms import GemeenteSignaalForm
from regio.roles import has_role
from regio.selectors import gemeente_of
from regio.services import set_mail_preferences
from regio.ui import Page, apply_service_errors, show_errors

from .. import forms as f
from .. import selectors, services
from ..pages import Action, values


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
        contacten = list(self.gemeente.contactpersonen.filter(actief=True))
        for contact in contacten:
            contact.form = f.BerichtenForm(
                contactpersoon=contact, auto_id=f"id_berichten{contact.pk}_%s"
            )
        context.update(
            gemeente=self.gemeente, nazorg=nazorg, standpunten=standpunten, contacten=contacten
        )
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
                lambda o, u, d: services.confirm_aftercare(
                    verzoek=o, by=u, **values(d, "aantal_clienten", "toelichting")
                ),
                "regio.view_gemeente",
                gettext_lazy("Bedankt: vastgelegd dat alternatieve zorg is geregeld."),
            )
        elif kind == "meerwerk":
            obj = get_object_or_404(selectors.extra_work_for(self.gemeente), pk=pk)
            action = Action(
                f.StandpuntForm,
                lambda o, u, d: services.answer_extra_work(
                    standpunt=o,
                    by=u,
                    akkoord=d["standpunt"] == "akkoord",
                    toelichting=d["toelichting"],
                ),
                "regio.view_gemeente",
                gettext_lazy("Bedankt: het standpunt van uw gemeente is vastgelegd."),
            )
        elif kind == "berichten":
            obj = get_object_or_404(self.gemeente.contactpersonen.filter(actief=True), pk=pk)
            action = Action(
                partial(f.BerichtenForm, contactpersoon=obj),
                lambda o, u, d: set_mail_preferences(
                    contactpersoon=o,
                    by=u,
                    direct_domeinen=d["direct_domeinen"],
                    wekelijks_overzicht=d["wekelijks_overzicht"],
                ),
                "regio.view_gemeente",
                gettext_lazy("De berichten van deze contactpersoon zijn ingesteld."),
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
        return self.render_to_response(self.get_context_data(), status=422)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind, pk, form = self.antwoord
        rows = {"nazorg": "nazorg", "meerwerk": "standpunten", "berichten": "contacten"}
        for row in context[rows[kind]]:
            if row.pk == pk:
                row.form = form
        context["antwoord_form"] = form  # for the summary on top
        return context


class SignalenView(PortaalMixin, TemplateView):
    """The signals this municipality reported, with where each stands; never another
    municipality's (``meldpunt.selectors.municipality_signals``)."""

    template_name = "dossieroverleg/portaal_signalen.html"
    page_title = gettext_lazy("Signalen van uw gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signalen = list(meldpunt_selectors.municipality_signals(self.request.user))
        for signaal in signalen:
            signaal.stand = meldpunt_selectors.signal_status(signaal)
        context.update(gemeente=self.gemeente, signalen=signalen)
        return context


class SignaalMeldenView(PortaalMixin, FormView):
    """A signal about a provider, reported to the Meldpunt: it enters the Meldpunt's work
    queue like any report (``meldpunt.services.receive``)."""

    template_name = "dossieroverleg/portaal_signaal_melden.html"
    form_class = GemeenteSignaalForm
    page_title = gettext_lazy("Signaal over een zorgaanbieder melden")

    def form_valid(self, form):
        try:
            melding = meldpunt_services.receive(
                intake=form.intake(gemeente=self.gemeente), by=self.request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Uw signaal is ontvangen onder nummer %(nummer)s.") % {"nummer": melding.nummer},
        )
        return redirect("portaal:signalen")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)


class PortaalApplication(Application):
    """The municipality's own page: what the region asks of it."""

    title = gettext_lazy("Portaal gemeente")
    icon = "account_balance"
    app_name = "portaal"
    menu_template_name = None  # one page: no sub-menu
    antwoord_path = path("<slug:kind>/<int:pk>/", PortaalAntwoordView.as_view(), name="antwoord")
    signalen_path = path("signalen/", SignalenView.as_view(), name="signalen")
    signaal_melden_path = path(
        "signalen/nieuw/", SignaalMeldenView.as_view(), name="signaal-melden"
    )

    @property
    def index_path(self):
        return path("", PortaalView.as_view(), name="index")

    def has_view_permission(self, user, obj=None) -> bool:
        return (
            user.is_authenticated and has_role(user, "gemeente") and gemeente_of(user) is not None
        )
