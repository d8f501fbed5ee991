"""The page of a forwarded report for its named recipient: public, opened with the link
of the recipient's mail (``meldpunt.doorgeleiding``).

No account: the link is the credential. An unknown link is not found (404); a link whose
term passed, or of a report that was anonymised, says so and shows nothing (410). The
page shows what the recipient may see (``doorgeleiding.shareable``); the recipient
confirms receipt and says what it does with the report (``services``). Every view and
every answer is in the audit log, by the page's pattern, never the link itself.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_protect
from django_ratelimit.decorators import ratelimit

from regio import audit
from regio.ui import apply_service_errors

from . import doorgeleiding as forwarding
from . import services
from .forms import AccessibleErrorsMixin
from .models import Doorgeleiding
from .views import settings_rate

# The outcomes as the recipient reads them.
RECIPIENT_LABELS = {
    Doorgeleiding.Uitkomst.IN_BEHANDELING: gettext_lazy("In behandeling: wij pakken de melding op"),
    Doorgeleiding.Uitkomst.AFGEROND: gettext_lazy("Afgerond: wij hebben de melding afgehandeld"),
    Doorgeleiding.Uitkomst.NIET_OPGEPAKT: gettext_lazy(
        "Niet opgepakt: wij doen niets met deze melding"
    ),
}


class UitkomstForm(AccessibleErrorsMixin, forms.Form):
    uitkomst = forms.ChoiceField(
        label=gettext_lazy("Wat doet uw organisatie met de melding?"),
        choices=[
            (value, RECIPIENT_LABELS[value]) for value, _label in forwarding.RECIPIENT_OUTCOMES
        ],
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"),
        help_text=gettext_lazy(
            "Kort: wat u doet of deed, of waarom u de melding niet oppakt. Noem geen namen "
            "van cliënten."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5_000,
    )


def _private(response: HttpResponse) -> HttpResponse:
    # The address is the credential: kept out of shared caches, search engines and the
    # Referer of links to other sites ("same-origin", not "no-referrer": with that the
    # browser posts the page's forms with Origin "null", which the CSRF check refuses).
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _expired(request) -> HttpResponse:
    return _private(render(request, "meldpunt/doorgeleiding_verlopen.html", status=410))


@csrf_protect
@ratelimit(key="ip", rate=settings_rate("PUBLIC_FORM_RATE"), method="POST", block=True)
def forwarded_report(request, token: str):
    try:
        doorgeleiding = forwarding.by_token(token)
    except Doorgeleiding.DoesNotExist:
        raise Http404 from None
    except forwarding.LinkVerlopen:
        return _expired(request)
    form = UitkomstForm()
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "ontvangen":
                services.confirm_forwarding_receipt(token=token)
                messages.success(request, _("Dank u. De ontvangst is bevestigd."))
                return redirect(request.path)
            form = UitkomstForm(request.POST)
            if form.is_valid():
                try:
                    services.record_recipient_outcome(token=token, **form.cleaned_data)
                except ValidationError as error:
                    apply_service_errors(form, error)
                else:
                    messages.success(request, _("Dank u. Uw antwoord is vastgelegd."))
                    return redirect(request.path)
        except forwarding.LinkVerlopen:
            return _expired(request)
    gedeeld = forwarding.shareable(doorgeleiding)
    audit.record(
        audit.Actie.LEZEN,
        doorgeleiding.melding,
        velden=gedeeld.velden,
        toelichting="ontvanger via de link",
    )
    return _private(
        render(
            request,
            "meldpunt/doorgeleiding.html",
            {
                "doorgeleiding": doorgeleiding,
                "ontvanger": doorgeleiding.ontvanger_adres,
                "melding": gedeeld,
                "form": form,
                "uitkomst": RECIPIENT_LABELS.get(doorgeleiding.uitkomst, ""),
            },
        )
    )


urlpatterns = [
    path("doorgeleid/<str:token>/", forwarded_report, name="doorgeleid"),
]
