"""The dossier's pages: the list, the dossier itself with its timeline and the section
after the decision, and every action posted from it (one service call each).

The page shows its forms and its rarely read sections folded; each is loaded from
``handhaving:onderdeel`` when opened (``DossierPartView``), so the page itself makes the
same queries whatever the dossier holds."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from meldpunt.forms import uploads_from
from regio import audit
from regio.filters import cleaned
from regio.models import Gemeente
from regio.ui import CappedPaginator, Page, submit
from termijnen.models import Termijn

from .. import forms as f
from .. import pages, selectors, services
from ..forms import (
    ActiviteitForm,
    DossierFilterForm,
    InzetForm,
    ScopeForm,
)
from ..models import Advies, Dossier, Prioriteit, Status
from ..pages import Action, Part, post_action, values, visible_dossier
from ..pdf import pdf_response
from ..timeline import timeline

# What the dossier page shows staff that may identify people: findings, reports, documents.
DOSSIER_FIELDS = ["meldingen", "activiteiten.bevindingen", "documenten", "tijdlijn"]


class DossierListView(Page, TemplateView):
    """Lists are scoped by the selector: a municipality user sees only its dossiers."""

    template_name = "dossieroverleg/dossier_list.html"
    page_title = gettext_lazy("Dossiers")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        filters = cleaned(DossierFilterForm, params)
        qs = selectors.filter_dossiers(selectors.visible_dossiers(self.request.user), filters)
        ordered = qs.order_by("-prioriteit", "-geopend_op")
        page = CappedPaginator(ordered, 50).get_page(params.get("page"))
        context.update(
            page=page,
            params=params,
            statussen=Status.choices,
            prioriteiten=Prioriteit.choices,
            gemeenten=Gemeente.objects.all(),
            behandelaars=get_user_model().objects.filter(groups__name="handhaver").distinct(),
        )
        return context


class DossierDetailView(Page, TemplateView):
    template_name = "dossieroverleg/dossier_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = selectors.with_follow_up(visible_dossier(self.request, kwargs["pk"]))
        staff = self.request.user.has_perm("dossieroverleg.view_dossier")
        if not staff and dossier.is_afgeschermd:
            # A municipality sees only that a confidential dossier exists.
            self.template_name = "dossieroverleg/dossier_afgeschermd.html"
            context.update(dossier=dossier, page_title=str(dossier))
            return context
        audit.record(audit.Actie.LEZEN, dossier, velden=DOSSIER_FIELDS if staff else ["status"])
        tasks = Task.objects.filter(
            process__artifact_object_id=dossier.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(Dossier),
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
        ).select_related("owner")
        # A form refused by its service comes back bound (``regio.ui.page_again``) and is
        # shown open; the others are loaded when their fold is opened.
        bound = getattr(self, "bound", {})
        context.update(
            dossier=dossier,
            page_title=str(dossier),
            staff=staff,
            timeline=timeline(dossier, staff=staff),
            taken=tasks if staff else [],
            activiteit_form=bound.get("activiteit_form") or ActiviteitForm(),
            inzet_form=bound.get("inzet_form"),
            scope_form=bound.get("scope_form"),
            brieven=any(a.status == Advies.Status.GOEDGEKEURD for a in dossier.adviezen.all()),
        )
        if staff:
            context["opvolging"] = opvolging_context(dossier, self.request.user, bound)
        return context


def _save(request, pk: int, permission: str, name: str, form, perform, done):
    """A form of the dossier page posted to its own address: the permission, then
    ``regio.ui.submit`` with ``perform(dossier, cleaned_data)``."""
    dossier = visible_dossier(request, pk)
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return submit(
        request,
        form,
        lambda data: perform(dossier, data),
        done=done,
        back=redirect("handhaving:detail", pk=dossier.pk),
        page=DossierDetailView,
        kwargs={"pk": pk},
        name=name,
    )


class ActivityCreateView(Page, View):
    def post(self, request, pk: int):
        return _save(
            request,
            pk,
            "dossieroverleg.add_onderzoeksactiviteit",
            "activiteit_form",
            ActiviteitForm(request.POST, request.FILES),
            lambda dossier, d: services.add_activity(
                dossier=dossier,
                by=request.user,
                uploads=uploads_from(d.get("bijlagen")),
                **values(d, "soort", "datum", "uitgevoerd_door", "bevindingen"),
            ),
            _("Onderzoeksactiviteit vastgelegd."),
        )


class ScopeUpdateView(Page, View):
    def post(self, request, pk: int):
        return _save(
            request,
            pk,
            "dossieroverleg.behandelen_dossier",
            "scope_form",
            ScopeForm(request.POST, dossier=visible_dossier(request, pk)),
            lambda dossier, d: services.update_scope(
                dossier=dossier,
                by=request.user,
                reden=d["reden"],
                contracten=list(d["contracten"]),
                vestigingen=list(d["vestigingen"]),
                verstrekkende_gemeente=d["verstrekkende_gemeente"],
            ),
            _("Contracten en vestigingen bijgewerkt."),
        )


class CostsCreateView(Page, View):
    """Officers record hours and amounts per dossier; the basis of the cost sharing."""

    def post(self, request, pk: int):
        return _save(
            request,
            pk,
            "dossieroverleg.add_inzet",
            "inzet_form",
            InzetForm(request.POST),
            lambda dossier, d: services.record_costs(dossier=dossier, by=request.user, **d),
            _("Inzet vastgelegd."),
        )


class DocumentDownloadView(Page, View):
    def get(self, request, pk: int, document_pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.view_document"):
            raise PermissionDenied
        document = get_object_or_404(dossier.documenten, pk=document_pk)
        audit.record(audit.Actie.DOWNLOADEN, dossier, velden=[f"document:{document.pk}"])
        return FileResponse(
            document.bestand.open("rb"),
            as_attachment=True,
            filename=document.naam,
            content_type=document.content_type,
        )


class AdvicePdfView(Page, View):
    def get(self, request, pk: int, advies_pk: int):
        dossier = visible_dossier(request, pk)
        if not request.user.has_perm("dossieroverleg.view_dossier"):
            raise PermissionDenied
        if not request.user.has_perm("dossieroverleg.view_advies"):
            raise PermissionDenied
        advies = get_object_or_404(dossier.adviezen, pk=advies_pk)
        audit.record(audit.Actie.EXPORTEREN, dossier, velden=[f"advies:{advies.pk}"])
        html = render_to_string(
            "dossieroverleg/advies_document.html",
            {"dossier": dossier, "advies": advies},
            request=request,
        )
        return pdf_response(html, f"advies-{dossier.nummer}.pdf")


# After the decision: aftercare, extra work, escalation, confidentiality, closing -------


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
        lambda o, u, d: services.request_aftercare(dossier=o, by=u, **values(d, "reden", "dagen")),
        BEHANDELEN,
        gettext_lazy("Nazorg gevraagd aan de gemeente(n)."),
    ),
    "nazorg-geregeld": Action(
        f.NazorgNamensGemeenteForm,
        lambda o, u, d: services.confirm_aftercare(
            verzoek=get_object_or_404(o.nazorg, pk=d["verzoek"]),
            by=u,
            **values(d, "aantal_clienten", "toelichting"),
        ),
        BEHANDELEN,
        gettext_lazy("Vastgelegd namens de gemeente: alternatieve zorg is geregeld."),
    ),
    "verbeterplan": Action(
        f.VerbeterplanForm,
        lambda o, u, d: services.record_improvement_plan(
            dossier=o, by=u, **values(d, "ontvangen_op", "omschrijving", "herinspectie_op")
        ),
        BEHANDELEN,
        gettext_lazy("Verbeterplan vastgelegd; de herinspectie wordt bewaakt."),
    ),
    "herinspectie": Action(
        f.HerinspectieForm,
        lambda o, u, d: services.record_reinspection(
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
        lambda o, u, d: services.request_extra_work(
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
        lambda o, u, d: services.escalate(
            dossier=o, by=u, **values(d, "woongemeente", "vraag", "datum", "antwoord_dagen")
        ),
        BEHANDELEN,
        gettext_lazy("Escalatie vastgelegd."),
    ),
    "escalatie-antwoord": Action(
        f.EscalatieAntwoordForm,
        lambda o, u, d: services.record_escalation_answer(
            escalatie=_escalation_of(o, d["escalatie"]),
            by=u,
            antwoord=d["antwoord"],
            datum=d["datum"],
        ),
        BEHANDELEN,
        gettext_lazy("Antwoord vastgelegd."),
    ),
    "verdeling": Action(
        f.VerdelingForm,
        lambda o, u, d: services.record_division(dossier=o, by=u, tekst=d["tekst"]),
        BEHANDELEN,
        gettext_lazy("Verdeling van verantwoordelijkheden vastgelegd."),
    ),
    "belanghebbende": Action(
        f.BelanghebbendeForm,
        lambda o, u, d: services.add_interested_municipality(
            dossier=o, by=u, gemeente=d["gemeente"], reden=d["reden"]
        ),
        BEHANDELEN,
        gettext_lazy("De gemeente is erbij betrokken en krijgt voortaan bericht."),
    ),
    "nazorgfase": Action(
        forms.Form,
        lambda o, u, d: services.start_aftercare(dossier=o, by=u),
        BEHANDELEN,
        gettext_lazy("Het dossier is in de nazorgfase."),
    ),
    "vertrouwelijkheid": Action(
        f.VertrouwelijkheidForm,
        lambda o, u, d: services.set_confidentiality(
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
        lambda o, u, d: services.close_dossier(
            dossier=o, by=u, resultaat=d["resultaat"].code, reden=d["reden"]
        ),
        BEHANDELEN,
        gettext_lazy("Dossier gesloten."),
    ),
}


# The forms of the follow-up, each folded on the page and loaded when opened.
OPVOLGING_FORMS = (
    "nazorg",
    "verbeterplan",
    "meerwerk",
    "escalatie",
    "verdeling",
    "belanghebbende",
    "sluiten",
    "vertrouwelijkheid",
)


def opvolging_context(dossier, user, bound: dict | None = None) -> dict:
    """What the dossier page shows and offers after the decision: the rows its timeline
    reads as well (loaded once by ``selectors.with_follow_up``); the other sections and
    the forms are folded (``PARTS``), but for a refused form in ``bound``."""
    bound = bound or {}
    return {
        "nazorg": dossier.nazorg.all(),
        "escalaties": dossier.escalaties.all(),
        "secties": pages.sections(dossier, user, bound),
        "forms": {name: bound[name] for name in OPVOLGING_FORMS if name in bound},
    }


FORM = "dossieroverleg/_formulier.html"


def _form_part(name: str, action: Action) -> Part:
    return Part(
        FORM,
        lambda dossier, user: {
            "form": action.form(auto_id=f"id_{pages.form_name(name)}_%s"),
            "action_url": reverse("handhaving:opvolging", args=[dossier.pk, name]),
        },
        action.permission,
    )


def _rows(template: str, permission: str = "dossieroverleg.view_dossier", **queries) -> Part:
    """A folded list: ``queries`` name a function of the dossier each."""
    return Part(
        template,
        lambda dossier, user: {key: query(dossier) for key, query in queries.items()},
        permission,
    )


def parts() -> dict[str, Part]:
    """Every folded part of the dossier page by name (its address)."""
    return {
        **{name: _form_part(name, DOSSIER_ACTIONS[name]) for name in OPVOLGING_FORMS},
        **{
            name: _form_part(name, action)
            for name, action in pages.section_actions().items()
            if action.form is not forms.Form
        },
        "inzet": Part(
            FORM,
            lambda dossier, user: {
                "form": InzetForm(),
                "action_url": reverse("handhaving:inzet", args=[dossier.pk]),
            },
            "dossieroverleg.add_inzet",
        ),
        "reikwijdte": Part(
            FORM,
            lambda dossier, user: {
                "form": ScopeForm(dossier=dossier),
                "action_url": reverse("handhaving:scope", args=[dossier.pk]),
                "knop": _("Opslaan"),
            },
            BEHANDELEN,
        ),
        "verdelingen": _rows(
            "dossieroverleg/_verdelingen.html",
            verdelingen=lambda d: d.verdelingen.select_related("vastgelegd_door"),
        ),
        "termijnen": _rows(
            "dossieroverleg/_termijnen_open.html",
            termijnen=lambda d: d.termijnen.exclude(status=Termijn.Status.AFGEROND),
        ),
        "verbeterplannen": _rows(
            "dossieroverleg/_verbeterplannen.html",
            verbeterplannen=lambda d: d.verbeterplannen.select_related("herinspectie"),
        ),
        "meerwerkverzoeken": _rows(
            "dossieroverleg/_meerwerk.html",
            meerwerk=lambda d: d.meerwerk.select_related("termijn").prefetch_related(
                "standpunten__gemeente"
            ),
        ),
        **pages.registered_parts(),
    }


class DossierPartView(Page, View):
    """A folded part of the dossier page, loaded when it is opened. The same checks as
    the page: the dossier by the same rule (need to know, closed dossiers and their
    audit: ``selectors.dossier_part``), shown to the staff the page shows it to, with
    the permission the page asks for it. Inside the page (a Turbo frame) only the part;
    opened on its own (without JavaScript), as a page."""

    def get(self, request, pk: int, naam: str):
        part = parts().get(naam)
        if part is None:
            raise Http404
        dossier = visible_dossier(request, pk, part=True)
        user = request.user
        if not (user.has_perm("dossieroverleg.view_dossier") and user.has_perm(part.permission)):
            raise PermissionDenied
        context = {
            "dossier": dossier,
            "naam": naam,
            "part_template": part.template,
            "page_title": str(dossier),
            **part.context(dossier, user),
        }
        in_page = request.headers.get("Turbo-Frame") == f"onderdeel-{naam}"
        template = "dossieroverleg/_onderdeel.html" if in_page else "dossieroverleg/onderdeel.html"
        return TemplateResponse(request, template, context)


class DossierOpvolgingView(Page, View):
    def post(self, request, pk: int, action: str):
        dossier = visible_dossier(request, pk)
        return post_action(
            request,
            dossier,
            action,
            {**DOSSIER_ACTIONS, **pages.section_actions()},
            redirect("handhaving:detail", pk=dossier.pk),
            DossierDetailView,
            {"pk": pk},
        )
