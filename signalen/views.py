"""The page "Signalen": a staff member's signals, newest first, the unread marked; open
one (read, and on to the work), mark one or all read; the daily mail setting. Thin: the
selectors read, the services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.urls import Application

from regio.roles import has_staff_role
from regio.ui import Page

from . import selectors, services
from .forms import VoorkeurForm
from .models import SignaalVoorkeur

PER_PAGE = 50


class StaffOnly(Page):
    """Signals are for the region's staff; a municipality or a system has none."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_staff_role(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SignalListView(StaffOnly, TemplateView):
    template_name = "signalen/lijst.html"
    page_title = gettext_lazy("Signalen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signals = selectors.signals_of(self.request.user)
        page = Paginator(signals, PER_PAGE).get_page(self.request.GET.get("page"))
        voorkeur = SignaalVoorkeur.objects.filter(gebruiker=self.request.user).first()
        context.update(
            page=page,
            dagelijkse_mail=bool(voorkeur and voorkeur.dagelijkse_mail),
        )
        return context


def _own(request, pk: int):
    """One of the user's own signals that they may still see; 404 for any other."""
    return get_object_or_404(selectors.signals_of(request.user), pk=pk)


class OpenSignalView(StaffOnly, View):
    """Opening a signal marks it read and leads to the work."""

    def get(self, request, pk: int):
        signaal = services.mark_read(signaal=_own(request, pk), by=request.user)
        if not url_has_allowed_host_and_scheme(signaal.pad, allowed_hosts=None):
            raise Http404  # pragma: no cover - paths are written by this app
        return redirect(signaal.pad)


class MarkReadView(StaffOnly, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        services.mark_read(signaal=_own(request, pk), by=request.user)
        messages.success(request, _("Het signaal is als gelezen gemarkeerd."))
        return redirect("signalen:index")


class MarkAllReadView(StaffOnly, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.mark_all_read(by=request.user)
        messages.success(
            request,
            _("Alle signalen zijn als gelezen gemarkeerd (%(n)s).") % {"n": count},
        )
        return redirect("signalen:index")


class SettingsView(StaffOnly, TemplateView):
    template_name = "signalen/instellingen.html"
    page_title = gettext_lazy("E-mail met signalen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voorkeur = SignaalVoorkeur.objects.filter(gebruiker=self.request.user).first()
        context.setdefault("form", VoorkeurForm(instance=voorkeur))
        return context

    def post(self, request):
        form = VoorkeurForm(request.POST)
        if not form.is_valid():  # pragma: no cover - a checkbox is always valid
            return self.render_to_response(self.get_context_data(form=form))
        aan = form.cleaned_data["dagelijkse_mail"]
        services.set_daily_mail(user=request.user, aan=aan)
        if aan:
            messages.success(request, _("U krijgt voortaan elke ochtend een e-mail met signalen."))
        else:
            messages.success(request, _("U krijgt geen dagelijkse e-mail met signalen meer."))
        return redirect("signalen:index")


class SignalenApplication(Application):
    title = gettext_lazy("Signalen")
    icon = "notifications"
    app_name = "signalen"
    menu_template_name = None  # one page; the mail setting is linked from it

    openen_path = path("<int:pk>/", OpenSignalView.as_view(), name="openen")
    gelezen_path = path("<int:pk>/gelezen/", MarkReadView.as_view(), name="gelezen")
    alles_gelezen_path = path("gelezen/", MarkAllReadView.as_view(), name="alles-gelezen")
    instellingen_path = path("instellingen/", SettingsView.as_view(), name="instellingen")

    @property
    def index_path(self):
        return path("", SignalListView.as_view(), name="index")

    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated and has_staff_role(user)
