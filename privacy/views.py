"""The privacy officer's pages: the audit log, data-subject requests, data breaches and
destruction lists. Every page checks its permission; every search is audited."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from dossieroverleg.models import Dossier
from meldpunt.models import Client, Melding
from regio import ui
from regio.audit import Actie, record
from regio.models import Gemeente
from regio.selectors import is_id
from regio.ui import MenuApplication, MenuPage

from . import archive, exit, services
from .models import AuditRegel, BetrokkeneVerzoek, Datalek, Vernietigingslijst


class Page(ui.Page, PermissionRequiredMixin):
    """A page of the privacy officer: logged in and with the page's permission."""


# A search by person is a POST (a BSN or name never stands in an address). Its form is
# sent without Turbo (data-turbo="false" in the template): Turbo accepts only a redirect
# after a POST, so viewflow's middleware would turn every shown result into a 422. Sent
# as a plain form, a search answers 200 with its result, and 422 when it is refused.
SEARCH_REFUSED = 422


# Audit log ---------------------------------------------------------------------------


class PersoonForm(forms.Form):
    """Searched with POST: a BSN or name never stands in an address (logs, history)."""

    bsn = forms.CharField(label=gettext_lazy("Persoon: BSN"), required=False, max_length=9)
    naam = forms.CharField(label=gettext_lazy("Persoon: naam"), required=False, max_length=200)


class AuditZoekForm(forms.Form):
    gebruiker = forms.CharField(label=gettext_lazy("Gebruiker"), required=False)
    nummer = forms.CharField(label=gettext_lazy("Object (RMZ-/HH-nummer)"), required=False)
    actie = forms.ChoiceField(
        label=gettext_lazy("Actie"), choices=[("", "alle"), *Actie.choices], required=False
    )
    van = ui.date_field(gettext_lazy("Van"), False)
    tot = ui.date_field(gettext_lazy("Tot en met"), False)


class AuditLogView(Page, TemplateView):
    """Search the audit log per user, per object, or per person (the objects that
    mention the person; the log itself holds no personal data)."""

    permission_required = "privacy.view_auditregel"
    template_name = "privacy/auditlog.html"
    page_title = gettext_lazy("Auditlog")

    def post(self, request):
        """Per person: the rows of the reports and dossiers that mention the person."""
        form = PersoonForm(request.POST, auto_id="id_persoon_%s")
        persoon, rows, status = None, AuditRegel.objects.none(), SEARCH_REFUSED
        if form.is_valid():
            try:
                persoon = services.find_person(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                ui.show_errors(request, error)
            else:
                rows = AuditRegel.objects.filter(nummer__in=persoon.nummers or ["-"])
                status = 200
        context = self.get_context_data(persoon_form=form, persoon=persoon)
        context["page"] = Paginator(rows, 500).get_page(1)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AuditZoekForm(self.request.GET or None)
        rows = AuditRegel.objects.all()
        context.setdefault("persoon_form", PersoonForm(auto_id="id_persoon_%s"))
        if form.is_valid():
            data = form.cleaned_data
            if data["gebruiker"]:
                rows = rows.filter(gebruikersnaam__iexact=data["gebruiker"].strip())
            if data["nummer"]:
                rows = rows.filter(nummer__iexact=data["nummer"].strip())
            if data["actie"]:
                rows = rows.filter(actie=data["actie"])
            if data["van"]:
                rows = rows.filter(op__date__gte=data["van"])
            if data["tot"]:
                rows = rows.filter(op__date__lte=data["tot"])
        context.update(form=form, page=Paginator(rows, 100).get_page(self.request.GET.get("page")))
        return context


# Data-subject requests ---------------------------------------------------------------


class BetrokkeneZoekForm(forms.Form):
    bsn = forms.CharField(label=gettext_lazy("BSN"), required=False, max_length=9)
    naam = forms.CharField(label=gettext_lazy("Naam (volledig)"), required=False, max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mailadres (melder)"), required=False)


class VerzoekForm(forms.Form):
    kenmerk = forms.CharField(label=gettext_lazy("Kenmerk van het verzoek"), max_length=100)
    ontvangen_op = ui.date_field(gettext_lazy("Verzoek ontvangen op"))


class CorrectieForm(VerzoekForm):
    """Per client found; prefixed with the client, so that its name and BSN fields do not
    mix with the search's."""

    naam = forms.CharField(label=gettext_lazy("Juiste naam"), required=False, max_length=200)
    bsn = forms.CharField(label=gettext_lazy("Juist BSN"), required=False, max_length=9)
    geboortedatum = ui.date_field(gettext_lazy("Juiste geboortedatum"), False)


class NieuwVerzoekForm(VerzoekForm):
    """A request for erasure, restriction or objection, decided later; prefixed ("nieuw"),
    so that its fields do not mix with the inspection's."""

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort verzoek"),
        choices=[
            (soort, BetrokkeneVerzoek.Soort(soort).label)
            for soort in BetrokkeneVerzoek.TE_BESLISSEN
        ],
    )
    field_order = ["soort", "kenmerk", "ontvangen_op"]


class BesluitForm(forms.Form):
    """The decision on one open request; prefixed with the request (``besluit<pk>``)."""

    besluit = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        choices=BetrokkeneVerzoek.Besluit.choices,
        widget=forms.RadioSelect,
    )
    reden = ui.text_field(
        gettext_lazy("Motivering (bij afwijzing: de wettelijke grond)"), max_length=2_000
    )


class BetrokkenenView(Page, TemplateView):
    """Find everything about a person; export it (inspection), correct it, or record a
    request for erasure, restriction or objection and decide it later."""

    permission_required = "privacy.add_betrokkeneverzoek"
    template_name = "privacy/betrokkenen.html"
    page_title = gettext_lazy("Verzoeken van betrokkenen")

    def search(self, data):
        """The form, what was found, and whether the search was refused."""
        form = BetrokkeneZoekForm(data or None, auto_id="id_zoek_%s")
        vondst = None
        if not form.is_valid():
            return form, None, True
        if any(form.cleaned_data.values()):
            try:
                vondst = services.find_person(by=self.request.user, **form.cleaned_data)
            except ValidationError as error:
                ui.show_errors(self.request, error)
                return form, None, True
        return form, vondst, False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, vondst = kwargs.get("form"), kwargs.get("vondst")
        bound = kwargs.get("bound", {})
        clienten = vondst.clienten if vondst else []
        restricted = services.restricted_clients(self.request.user, [c.pk for c in clienten])
        for client in clienten:
            client.beperkt = client.pk in restricted
            client.correctie_form = bound.get(f"correctie{client.pk}") or CorrectieForm(
                prefix=f"correctie{client.pk}"
            )
        open_requests = BetrokkeneVerzoek.objects.filter(
            soort__in=BetrokkeneVerzoek.TE_BESLISSEN, besluit=""
        ).order_by("ontvangen_op", "pk")
        for verzoek in open_requests:
            verzoek.besluit_form = bound.get(f"besluit{verzoek.pk}") or BesluitForm(
                prefix=f"besluit{verzoek.pk}"
            )
            verzoek.voorbeeld = services.preview(verzoek)
        context.update(
            form=form or BetrokkeneZoekForm(auto_id="id_zoek_%s"),
            vondst=vondst,
            verzoek_form=VerzoekForm(auto_id="id_inzage_%s"),
            nieuw_form=NieuwVerzoekForm(prefix="nieuw"),
            open_verzoeken=open_requests,
            verzoeken=BetrokkeneVerzoek.objects.select_related("behandeld_door", "beantwoord_door")[
                :50
            ],
        )
        context.update(bound)  # also where the summary on top finds them
        return context

    def post(self, request):
        """Search (a BSN or name never stands in an address), then inspection, correction
        or a new request about what was found; or the decision on an open request. A
        refused form shows the page again with what was found and typed."""
        if request.POST.get("actie") == "besluit":
            return self.decide(request)
        form, vondst, refused = self.search(request.POST)
        if request.POST.get("actie", "zoeken") == "zoeken" or vondst is None:
            return self.render_to_response(
                self.get_context_data(form=form, vondst=vondst),
                status=SEARCH_REFUSED if refused else 200,
            )
        if request.POST.get("actie") == "correctie":
            return self.correct(request, form, vondst)
        if request.POST.get("actie") == "verzoek":
            return self.register(request, form, vondst)
        verzoek = VerzoekForm(request.POST, auto_id="id_inzage_%s")
        if not verzoek.is_valid():
            return self.again(form, vondst, verzoek_form=verzoek)
        body = services.inspection(by=request.user, vondst=vondst, **verzoek.cleaned_data)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        name = slugify(verzoek.cleaned_data["kenmerk"])[:40] or "verzoek"
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"inzage-{name}.json"
        )
        return response

    def correct(self, request, form, vondst):
        client = get_object_or_404(
            Client,
            pk=request.POST.get("client") if is_id(request.POST.get("client")) else 0,
            pk__in=[c.pk for c in vondst.clienten],
        )
        correctie = CorrectieForm(request.POST, prefix=f"correctie{client.pk}")
        if correctie.is_valid():
            data = correctie.cleaned_data
            try:
                services.correct_client(
                    by=request.user,
                    client=client,
                    kenmerk=data["kenmerk"],
                    ontvangen_op=data["ontvangen_op"],
                    naam=data["naam"] or None,
                    bsn=data["bsn"] or None,
                    geboortedatum=data["geboortedatum"],
                )
            except ValidationError as error:
                ui.apply_service_errors(correctie, error)
            else:
                messages.success(request, _("Gegevens gecorrigeerd; het verzoek is vastgelegd."))
                return redirect("privacy:betrokkenen:index")
        return self.again(form, vondst, **{f"correctie{client.pk}": correctie})

    def register(self, request, form, vondst):
        """A request for erasure, restriction or objection about the person found."""
        nieuw = NieuwVerzoekForm(request.POST, prefix="nieuw")
        if nieuw.is_valid():
            try:
                verzoek = services.register_request(
                    by=request.user, vondst=vondst, **nieuw.cleaned_data
                )
            except ValidationError as error:
                ui.apply_service_errors(nieuw, error)
            else:
                messages.success(
                    request,
                    _(
                        "Verzoek %(n)s vastgelegd; de betrokken gemeenten krijgen bericht. "
                        "Beslis erop bij de openstaande verzoeken."
                    )
                    % {"n": verzoek.nummer},
                )
                return redirect("privacy:betrokkenen:index")
        return self.again(form, vondst, nieuw_form=nieuw)

    def decide(self, request):
        """Grant or refuse an open request (no search: the request knows its cases)."""
        pk = request.POST.get("verzoek")
        verzoek = get_object_or_404(
            BetrokkeneVerzoek,
            pk=pk if is_id(pk) else 0,
            soort__in=BetrokkeneVerzoek.TE_BESLISSEN,
        )
        besluit = BesluitForm(request.POST, prefix=f"besluit{verzoek.pk}")
        if besluit.is_valid():
            data = besluit.cleaned_data
            try:
                services.decide_request(
                    by=request.user,
                    verzoek=verzoek,
                    toewijzen=data["besluit"] == BetrokkeneVerzoek.Besluit.TOEGEWEZEN,
                    reden=data["reden"],
                )
            except ValidationError as error:
                ui.apply_service_errors(besluit, error)
            else:
                messages.success(
                    request,
                    _("Op verzoek %(n)s is beslist; de betrokken gemeenten krijgen bericht.")
                    % {"n": verzoek.nummer},
                )
                return redirect("privacy:betrokkenen:index")
        return self.again(None, None, **{f"besluit{verzoek.pk}": besluit})

    def again(self, form, vondst, **bound):
        context = self.get_context_data(form=form, vondst=vondst, bound=bound)
        return self.render_to_response(context, status=422)


# Data breaches -----------------------------------------------------------------------


class DatalekForm(forms.Form):
    omschrijving = forms.CharField(
        label=gettext_lazy("Wat is er gebeurd (zonder persoonsgegevens)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
    )
    ontdekt_op = forms.DateTimeField(
        label=gettext_lazy("Ontdekt op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    zaken = forms.CharField(
        label=gettext_lazy("Geraakte dossiers en meldingen (nummers, komma-gescheiden)"),
        max_length=2_000,
    )
    maatregelen = forms.CharField(
        label=gettext_lazy("Genomen maatregelen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class GeinformeerdForm(forms.Form):
    """That the municipalities of one breach were told in another way; prefixed with the
    breach (``gemeld<pk>``)."""

    toelichting = ui.text_field(
        gettext_lazy("Hoe en wanneer zijn de gemeenten geïnformeerd"),
        required=True,
        max_length=2_000,
    )


class DatalekkenView(Page, TemplateView):
    """The breach register: a breach is recorded and its municipalities told at once; its
    24-hour term (DVO BW/MO Bijlage B 4.2) shows who got the mail and who did not yet, and
    the officer records it when they were told otherwise."""

    permission_required = "privacy.view_datalek"
    template_name = "privacy/datalekken.html"
    page_title = gettext_lazy("Datalekkenregister")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bound = kwargs.get("bound", {})
        lekken = list(
            Datalek.objects.select_related("termijn").prefetch_related("dossiers", "meldingen")[
                :100
            ]
        )
        now = timezone.now()
        for lek in lekken:
            told = services.informed_municipalities(lek)
            lek.per_mail = [code for code in lek.gemeenten if code in told]
            lek.nog_niet = [code for code in lek.gemeenten if code not in told]
            lek.verlopen = lek.termijn is not None and lek.termijn.is_open and now > lek.melden_voor
            lek.gemeld_form = bound.get(f"gemeld{lek.pk}") or GeinformeerdForm(
                prefix=f"gemeld{lek.pk}"
            )
        context.update(lekken=lekken, form=kwargs.get("form") or DatalekForm())
        context.update(bound)  # also where the summary on top finds them
        return context

    def post(self, request):
        if not request.user.has_perm("privacy.add_datalek"):
            raise Http404
        if request.POST.get("actie") == "geinformeerd":
            return self.informed(request)
        form = DatalekForm(request.POST)
        if form.is_valid():
            nummers = [n.strip() for n in form.cleaned_data["zaken"].split(",") if n.strip()]
            dossiers = list(Dossier.objects.filter(nummer__in=nummers))
            meldingen = list(Melding.objects.filter(nummer__in=nummers))
            unknown = set(nummers) - {x.nummer for x in dossiers + meldingen}
            if unknown:
                form.add_error(
                    "zaken", _("Onbekende nummers: %(n)s") % {"n": ", ".join(sorted(unknown))}
                )
            else:
                try:
                    lek = services.register_breach(
                        by=request.user,
                        omschrijving=form.cleaned_data["omschrijving"],
                        ontdekt_op=form.cleaned_data["ontdekt_op"],
                        dossiers=dossiers,
                        meldingen=meldingen,
                        maatregelen=form.cleaned_data["maatregelen"],
                    )
                except ValidationError as error:
                    ui.apply_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Datalek vastgelegd; %(n)s gemeente(n) krijgen nu bericht.")
                        % {"n": len(lek.gemeenten)},
                    )
                    return redirect("privacy:datalekken:index")
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def informed(self, request):
        """The officer records that the municipalities of a breach were told."""
        pk = request.POST.get("lek")
        lek = get_object_or_404(Datalek, pk=pk if is_id(pk) else 0)
        gemeld = GeinformeerdForm(request.POST, prefix=f"gemeld{lek.pk}")
        if gemeld.is_valid():
            try:
                services.record_breach_notice(
                    lek=lek, by=request.user, toelichting=gemeld.cleaned_data["toelichting"]
                )
            except ValidationError as error:
                ui.apply_service_errors(gemeld, error)
            else:
                messages.success(
                    request,
                    _("Vastgelegd: de gemeenten van %(n)s zijn geïnformeerd.") % {"n": lek.nummer},
                )
                return redirect("privacy:datalekken:index")
        context = self.get_context_data(bound={f"gemeld{lek.pk}": gemeld})
        return self.render_to_response(context, status=422)


# Destruction -------------------------------------------------------------------------


class VernietigingView(Page, TemplateView):
    permission_required = "privacy.view_vernietigingslijst"
    template_name = "privacy/vernietiging.html"
    page_title = gettext_lazy("Archief en vernietiging")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            te_vernietigen=archive.due_for_destruction()[:500],
            lijsten=Vernietigingslijst.objects.prefetch_related("items").select_related(
                "aangemaakt_door", "goedgekeurd_door"
            )[:50],
            vandaag=timezone.localdate(),
        )
        return context

    def post(self, request):
        action = request.POST.get("actie")
        try:
            if action == "lijst":
                archive.create_batch(by=request.user)
                messages.success(request, _("Vernietigingslijst opgesteld; beoordeel hem."))
            elif action in ("goedkeuren", "afwijzen"):
                pk = request.POST.get("lijst") or ""
                if not is_id(pk):
                    raise Http404
                lijst = get_object_or_404(Vernietigingslijst, pk=pk)
                if action == "goedkeuren":
                    archive.approve_batch(lijst=lijst, by=request.user)
                    messages.success(request, _("Vernietigd; de verklaring staat klaar."))
                else:
                    archive.reject_batch(lijst=lijst, by=request.user)
                    messages.success(request, _("Lijst afgewezen; er is niets vernietigd."))
            else:
                raise Http404
        except ValidationError as error:
            ui.show_errors(request, error)
        return redirect("privacy:vernietiging:index")


class VerklaringView(Page, View):
    permission_required = "privacy.view_vernietigingslijst"

    def get(self, request, pk: int):
        lijst = get_object_or_404(Vernietigingslijst, pk=pk, status="vernietigd")
        if not lijst.verklaring:
            raise Http404
        record(
            Actie.DOWNLOADEN, user=request.user, object_type="vernietigingslijst", object_id=str(pk)
        )
        return FileResponse(
            lijst.verklaring.open("rb"),
            as_attachment=True,
            filename=f"verklaring-van-vernietiging-{pk}.pdf",
            content_type="application/pdf",
        )


# Exit of a municipality ------------------------------------------------------------


class UittredingForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"), queryset=Gemeente.objects.order_by("naam")
    )
    bevestiging = forms.CharField(
        label=gettext_lazy("Ter bevestiging van het verwijderen: de CBS-code (bv. GM0225)"),
        required=False,
        max_length=6,
    )


class UittredingView(Page, TemplateView):
    """Everything of one municipality as a ZIP (seed 002 art. 9.6); after confirmation,
    its removal with a statement."""

    permission_required = "privacy.uittreding_vernietigingslijst"
    template_name = "privacy/uittreding.html"
    page_title = gettext_lazy("Uittreding van een gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or UittredingForm()
        return context

    def post(self, request):
        form = UittredingForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        gemeente = form.cleaned_data["gemeente"]
        if request.POST.get("actie") == "verwijderen":
            try:
                pdf = exit.remove_municipality(
                    gemeente=gemeente, by=request.user, bevestiging=form.cleaned_data["bevestiging"]
                )
            except ValidationError as error:
                ui.apply_service_errors(form, error)
                return self.render_to_response(self.get_context_data(form=form), status=422)
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="verklaring-uittreding-{gemeente.code}.pdf"'
            )
            return response
        buffer = io.BytesIO()
        exit.export_municipality(gemeente=gemeente, by=request.user, fileobj=buffer)
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="uittreding-{gemeente.code}-{stamp}.zip"'
        )
        return response


class PrivacyApplication(MenuApplication):
    title = gettext_lazy("Privacy")
    icon = "policy"
    app_name = "privacy"
    viewsets = [
        MenuPage(
            app_name="auditlog",
            title=gettext_lazy("Auditlog"),
            icon="manage_search",
            view=AuditLogView.as_view(),
            permission="privacy.view_auditregel",
        ),
        MenuPage(
            app_name="betrokkenen",
            title=gettext_lazy("Verzoeken betrokkenen"),
            icon="person_search",
            view=BetrokkenenView.as_view(),
            permission="privacy.add_betrokkeneverzoek",
        ),
        MenuPage(
            app_name="datalekken",
            title=gettext_lazy("Datalekken"),
            icon="report",
            view=DatalekkenView.as_view(),
            permission="privacy.view_datalek",
        ),
        MenuPage(
            app_name="vernietiging",
            title=gettext_lazy("Archief en vernietiging"),
            icon="delete_sweep",
            view=VernietigingView.as_view(),
            permission="privacy.view_vernietigingslijst",
            extra_paths=(
                path("<int:pk>/verklaring.pdf", VerklaringView.as_view(), name="verklaring"),
            ),
        ),
        MenuPage(
            app_name="uittreding",
            title=gettext_lazy("Uittreding gemeente"),
            icon="logout",
            view=UittredingView.as_view(),
            permission="privacy.uittreding_vernietigingslijst",
        ),
    ]

    def has_view_permission(self, user, obj=None) -> bool:
        return user.is_authenticated and (
            user.has_perm("privacy.view_auditregel") or user.has_perm("privacy.view_datalek")
        )
