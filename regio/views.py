"""Staff UI for the reference data and the landing page after login."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.urls import Application, ReadonlyModelViewset

from .models import Contract, Gemeente, Samenwerkingsverband, Zorgaanbieder
from .roles import ROLES, Rol
from .selectors import gemeente_of
from .ui import MenuApplication


class HomeView(LoginRequiredMixin, TemplateView):
    """Says, per role the user has, what that role can do here."""

    template_name = "regio/home.html"
    viewset = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = set(self.request.user.groups.values_list("name", flat=True))
        context["rollen"] = [
            {"naam": role, "omschrijving": description}
            for role, (description, _perms) in ROLES.items()
            if role in names
        ]
        context["gemeente"] = gemeente_of(self.request.user) if Rol.GEMEENTE in names else None
        return context


class StartApplication(Application):
    title = _("Welkom")
    icon = "home"
    app_name = "start"
    menu_template_name = None  # one page: no sub-menu

    @property
    def index_path(self):
        return path("", HomeView.as_view(viewset=self), name="index")


class GemeenteViewset(ReadonlyModelViewset):
    model = Gemeente
    icon = "location_city"
    list_columns = ("code", "naam")
    list_search_fields = ("naam", "code")


class SamenwerkingsverbandViewset(ReadonlyModelViewset):
    model = Samenwerkingsverband
    icon = "hub"
    list_columns = ("code", "naam", "uitvoerder")


class ZorgaanbiederViewset(ReadonlyModelViewset):
    model = Zorgaanbieder
    icon = "business"
    list_columns = ("naam", "kvk_nummer", "agb_code", "bibob")
    list_search_fields = ("naam", "kvk_nummer", "agb_code")
    list_filter_fields = ("bibob",)


class ContractViewset(ReadonlyModelViewset):
    model = Contract
    icon = "description"
    list_columns = ("referentie", "domein", "zorgaanbieder", "ingangsdatum", "einddatum")
    list_search_fields = ("referentie", "zorgaanbieder__naam")
    list_filter_fields = ("domein",)

    def get_queryset(self, request):
        return Contract.objects.select_related("zorgaanbieder")


class RegioApplication(MenuApplication):
    title = _("Regio")
    icon = "map"
    app_name = "regio"
    viewsets = [
        ZorgaanbiederViewset(),
        ContractViewset(),
        SamenwerkingsverbandViewset(),
        GemeenteViewset(),
    ]

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and user.has_perm("regio.view_zorgaanbieder")
