"""Dashboard, half-year report and exports. A `gemeente` user sees only figures about the
dossiers that involve its municipality (and the reports behind them)."""

import csv
import io
from decimal import Decimal

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from regio import audit
from regio.filters import cleaned
from regio.models import Gemeente
from regio.roles import has_role
from regio.selectors import gemeente_of
from regio.ui import MenuApplication, MenuPage

from . import links, report
from .figures import Period, compute
from .forms import CostsFilterForm, FigureFilterForm
from .kosten import share_per_municipality


def filters(request) -> dict:
    """The figures' filters from the address; a value they do not know is a 400."""
    return cleaned(FigureFilterForm, request.GET)


def scope(request, gemeente_code: str = "") -> tuple[Gemeente | None, bool]:
    """The municipality the figures are about, and whether the user may pick another."""
    user = request.user
    if user.has_perm("dossieroverleg.view_dossier"):
        return Gemeente.objects.filter(code=gemeente_code).first() if gemeente_code else None, True
    gemeente = gemeente_of(user)
    if gemeente is not None and has_role(user, "gemeente"):
        return gemeente, False
    raise PermissionDenied


def period_from(f: dict) -> Period:
    today = timezone.localdate()
    default = Period.half_year(today.year, 1 if today.month <= 6 else 2)
    van, tot = f["van"] or default.van, f["tot"] or default.tot
    if van >= tot:
        raise BadRequest(_("De periode moet na haar begin eindigen."))
    return Period(van, tot)


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "rapportage/dashboard.html"
    viewset = None

    def get_context_data(self, **kwargs):
        f = filters(self.request)
        gemeente, may_choose = scope(self.request, f["gemeente"])
        data = report.context(periode=period_from(f), gemeente=gemeente, domein=f["domein"])
        data.update(
            super().get_context_data(**kwargs),
            page_title="Dashboard",
            gemeenten=Gemeente.objects.all() if may_choose else None,
        )
        return data


class HalfYearPdfView(LoginRequiredMixin, View):
    def get(self, request):
        f = filters(request)
        gemeente, _may_choose = scope(request, f["gemeente"])
        periode = period_from(f)
        pdf = report.half_year_pdf(periode=periode, gemeente=gemeente, domein=f["domein"])
        audit.record(audit.Actie.EXPORTEREN, object_type="rapportage", velden=["halfjaar"])
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"rapportage-{periode.van:%Y-%m}-{gemeente.code if gemeente else 'regio'}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class CsvView(LoginRequiredMixin, View):
    def get(self, request):
        f = filters(request)
        gemeente, _may_choose = scope(request, f["gemeente"])
        figures = compute(periode=period_from(f), gemeente=gemeente, domein=f["domein"])
        audit.record(audit.Actie.EXPORTEREN, object_type="rapportage", velden=["tabellen"])
        response = HttpResponse(report.csv_zip(figures), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="rapportage-tabellen.zip"'
        return response


class CostsView(LoginRequiredMixin, View):
    def get(self, request):
        if not request.user.has_perm("dossieroverleg.view_inzet"):
            raise PermissionDenied
        f = cleaned(CostsFilterForm, request.GET)
        jaar = f["jaar"] or timezone.localdate().year
        tarief = f["uurtarief"] if f["uurtarief"] is not None else Decimal("0")
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(["gemeente", "uren", "bedrag", "totaal"])
        for row in share_per_municipality(jaar=jaar, uurtarief=tarief):
            writer.writerow([row["gemeente"], row["uren"], row["bedrag"], row["totaal"]])
        audit.record(audit.Actie.EXPORTEREN, object_type="kostenverdeling", velden=[str(jaar)])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kostenverdeling-{jaar}.csv"'
        return response


class SharedHalfYearReportView(View):
    """One municipality's half-year report, opened with the private link in its contact's
    mail (DVO BW/MO art. 3.8 sub a; ``rapportage.links``): no login, and that report
    only; the link names the municipality and the period, the address takes nothing
    else. An expired link says so (410); any other is not found."""

    def get(self, request, token: str):
        opening = request.method == "GET"  # HEAD (a link checker) is served by get too
        try:
            verzending = links.open_link(token, opening=opening)
        except links.LinkExpired:
            return render(request, "rapportage/link_verlopen.html", status=410)
        except links.LinkRefused:
            raise Http404 from None
        periode = Period(verzending.van, verzending.tot)
        name = f"rapportage-{periode.van:%Y-%m}-{verzending.gemeente.code}.pdf"
        if not opening:
            return self._headers(HttpResponse(content_type="application/pdf"), name)
        pdf = report.half_year_pdf(periode=periode, gemeente=verzending.gemeente)
        audit.record(
            audit.Actie.EXPORTEREN,
            object_type="rapportage",
            object_id=str(verzending.pk),
            velden=["halfjaar"],
            toelichting=f"persoonlijke link, {verzending.gemeente.code}",
        )
        return self._headers(HttpResponse(pdf, content_type="application/pdf"), name)

    @staticmethod
    def _headers(response: HttpResponse, name: str) -> HttpResponse:
        response["Content-Disposition"] = f'inline; filename="{name}"'
        # The address is the credential: kept out of shared caches, search engines and
        # the Referer of links in the document.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response


def may_see_figures(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.has_perm("dossieroverleg.view_dossier") or (
        gemeente_of(user) is not None and has_role(user, "gemeente")
    )


class RapportageApplication(MenuApplication):
    title = gettext_lazy("Rapportage")
    icon = "insights"
    app_name = "rapportage"
    viewsets = [
        MenuPage(
            app_name="dashboard",
            title=gettext_lazy("Dashboard"),
            icon="bar_chart",
            view=DashboardView.as_view(),
        )
    ]
    halfjaar_path = path("halfjaar.pdf", HalfYearPdfView.as_view(), name="halfjaar")
    csv_path = path("tabellen.zip", CsvView.as_view(), name="csv")
    kosten_path = path("kostenverdeling.csv", CostsView.as_view(), name="kosten")

    def has_view_permission(self, user, obj=None) -> bool:
        return may_see_figures(user)
