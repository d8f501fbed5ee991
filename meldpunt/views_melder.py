"""The reporter's public pages: the receipt code, the report's page, the privacy statement.

No account: a receipt code typed on ``volgen/`` (or the personal link of a mail) opens the
one report for this browser session; the page then answers the Meldpunt's questions and
takes additions. Wrong codes are counted per address and, past ``MELDER_CODE_RATE``,
refused for a while (429); each wrong code is recorded in the audit log, the code itself
never. Nothing on these pages says anything about another report.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from regio import audit, texts
from regio.ui import apply_service_errors

from . import melder
from .forms import AccessibleErrorsMixin, MultipleFileField, uploads_from
from .models import Melding

SESSION_KEY = "melder_melding"


class CodeForm(AccessibleErrorsMixin, forms.Form):
    code = forms.CharField(
        label=_("Uw ontvangstcode"),
        max_length=100,
        help_text=_("De code die u kreeg toen u de melding deed, bijvoorbeeld ABCD-EFGH-…"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AanvullingForm(AccessibleErrorsMixin, forms.Form):
    tekst = forms.CharField(
        label=_("Wat wilt u toevoegen?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        required=False,
    )
    bijlagen = MultipleFileField(label=_("Bestanden (niet verplicht)"), required=False)


class AntwoordForm(AccessibleErrorsMixin, forms.Form):
    verzoek = forms.IntegerField(widget=forms.HiddenInput)
    antwoord = forms.CharField(
        label=_("Uw antwoord"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000
    )
    bijlage = forms.FileField(label=_("Bestand toevoegen (niet verplicht)"), required=False)


def _throttled(request, *, increment: bool) -> bool:
    """Counts a wrong code (``increment``); True once an address used up its tries."""
    usage = get_usage(
        request,
        group="meldpunt.melder.code",
        key="ip",
        rate=settings.MELDER_CODE_RATE,
        increment=increment,
    )
    return usage is not None and usage["count"] >= usage["limit"]


def _open(request, melding: Melding):
    request.session.cycle_key()
    request.session[SESSION_KEY] = melding.pk
    return redirect(reverse("publiek:mijn-melding"))


@csrf_protect
def enter_code(request):
    """Type the receipt code; a right one opens the report's page."""
    form = CodeForm()
    if request.method == "POST":
        if _throttled(request, increment=False):
            return render(request, "meldpunt/te_veel.html", status=429)
        form = CodeForm(request.POST)
        if form.is_valid():
            melding = melder.by_code(form.cleaned_data["code"])
            if melding is not None:
                return _open(request, melding)
            _throttled(request, increment=True)
            audit.record(
                audit.Actie.LEZEN,
                object_type="ontvangstcode",
                toelichting="onjuiste of verlopen ontvangstcode",
            )
            form.add_error(
                "code",
                _(
                    "Met deze code vinden wij geen melding. Controleer de code; na het "
                    "afronden van de bewaartermijn werkt een code niet meer."
                ),
            )
        return render(request, "meldpunt/melder_code.html", {"form": form}, status=422)
    return render(request, "meldpunt/melder_code.html", {"form": form})


def follow_link(request, token: str):
    """The personal link of a mail: the same page as the code opens."""
    melding = melder.by_link(token)
    if melding is None:
        return render(request, "meldpunt/melder_verlopen.html", status=404)
    return _open(request, melding)


def _current(request) -> Melding | None:
    pk = request.session.get(SESSION_KEY)
    if pk is None:
        return None
    return Melding.objects.filter(pk=pk, geanonimiseerd_op__isnull=True).first()


@csrf_protect
def my_report(request):
    """The report's page for its reporter: status, messages, questions, additions."""
    melding = _current(request)
    if melding is None:
        request.session.pop(SESSION_KEY, None)
        return redirect(reverse("publiek:volgen"))
    aanvulling, antwoord, done, status = AanvullingForm(), None, "", 200
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "antwoord":
                antwoord = AntwoordForm(request.POST, request.FILES)
                if antwoord.is_valid():
                    upload = antwoord.cleaned_data.get("bijlage")
                    melder.answer_question(
                        melding=melding,
                        verzoek_id=antwoord.cleaned_data["verzoek"],
                        antwoord=antwoord.cleaned_data["antwoord"],
                        upload=uploads_from([upload])[0] if upload else None,
                    )
                    done = str(_("Bedankt, wij hebben uw antwoord ontvangen."))
            else:
                aanvulling = AanvullingForm(request.POST, request.FILES)
                if aanvulling.is_valid():
                    melder.add_information(
                        melding=melding,
                        tekst=aanvulling.cleaned_data["tekst"],
                        uploads=uploads_from(aanvulling.cleaned_data["bijlagen"]),
                    )
                    done = str(_("Bedankt, wij hebben uw aanvulling ontvangen."))
                    aanvulling = AanvullingForm()
        except ValidationError as error:
            apply_service_errors(antwoord or aanvulling, error)
        if not done:
            status = 422
    return render(
        request,
        "meldpunt/melder_pagina.html",
        {
            "melding": melding,
            "status_tekst": melder.status_words(melding),
            "berichten": melder.messages_of(melding),
            "vragen": melder.open_questions(melding),
            "aanvulling": aanvulling,
            "antwoord": antwoord,
            "gedaan": done,
        },
        status=status,
    )


@require_POST
@csrf_protect
def leave(request):
    """Close the report's page in this browser (a shared computer)."""
    request.session.pop(SESSION_KEY, None)
    return redirect(reverse("publiek:volgen"))


def privacy_statement(request):
    return render(
        request,
        "meldpunt/privacyverklaring.html",
        {"alineas": texts.paragraphs(texts.Sleutel.PRIVACYVERKLARING)},
    )


urlpatterns = [
    path("volgen/", enter_code, name="volgen"),
    path("volgen/<str:token>/", follow_link, name="volgen-link"),
    path("mijn-melding/", my_report, name="mijn-melding"),
    path("mijn-melding/sluiten/", leave, name="mijn-melding-sluiten"),
    path("privacy/", privacy_statement, name="privacy"),
]
