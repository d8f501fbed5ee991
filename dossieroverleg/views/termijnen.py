"""The deadline overview of the dossiers a user may see, and a user's calendar feed."""

import datetime

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from regio import audit
from regio.filters import cleaned
from regio.models import Gemeente
from regio.ui import CappedPaginator, Page
from termijnen.models import Termijn

from .. import calendar, selectors
from ..forms import (
    TermijnFilterForm,
)


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
        page = CappedPaginator(qs, 50).get_page(params.get("page"))
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
