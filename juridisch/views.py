"""UI of the legal follow-up: a trajectory's page and the actions on it, suspending and
resuming a term, and the trajectories' section on the dossier page. Thin: a form per
action, one service call. The pages hang in the Handhaving area under the paths below
(``config.site``)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossieroverleg import selectors
from dossieroverleg.pages import Action, Section, post_action, unbound_forms, values
from dossieroverleg.timeline import Entry, at_noon
from dossieroverleg.views.dossier import DossierDetailView
from meldpunt.forms import uploads_from
from regio import audit, dates
from regio.ui import Page
from termijnen.models import Termijn

from . import bezwaar, sancties, services
from . import forms as f
from .models import JuridischTraject, TrajectStap

TRAJECT = "juridisch.voeren_traject"


def _step_of(traject: JuridischTraject, pk: int) -> TrajectStap:
    return get_object_or_404(TrajectStap, pk=pk, traject=traject)


TRAJECT_ACTIONS: dict[str, Action] = {
    "besluit": Action(
        f.PrimairBesluitForm,
        lambda t, u, d: services.record_primary_decision(
            traject=t, by=u, **values(d, "datum", "bekendmaking_op", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Besluit vastgelegd; de bezwaartermijn loopt."),
    ),
    "bezwaar": Action(
        f.BezwaarForm,
        lambda t, u, d: services.receive_objection(
            traject=t, by=u, **values(d, "ontvangen_op", "met_adviescommissie", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Bezwaar vastgelegd; de beslissing staat in de werkvoorraad bezwaar."),
    ),
    "verdagen": Action(
        f.VerdagingForm,
        lambda t, u, d: services.extend_objection_decision(traject=t, by=u, reden=d["reden"]),
        TRAJECT,
        gettext_lazy("Beslissing op bezwaar verdaagd."),
    ),
    "beroep": Action(
        f.BeroepForm,
        lambda t, u, d: services.receive_appeal(
            traject=t, by=u, **values(d, "ontvangen_op", "termijn_rechter", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Beroep vastgelegd."),
    ),
    "hoger-beroep": Action(
        f.BeroepForm,
        lambda t, u, d: services.receive_appeal(
            traject=t,
            by=u,
            hoger=True,
            **values(d, "ontvangen_op", "termijn_rechter", "toelichting"),
        ),
        TRAJECT,
        gettext_lazy("Hoger beroep vastgelegd."),
    ),
    "voorlopige-voorziening": Action(
        f.VoorlopigeVoorzieningForm,
        lambda t, u, d: services.request_interim_injunction(
            traject=t, by=u, **values(d, "ontvangen_op", "zitting_op", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Verzoek om voorlopige voorziening vastgelegd."),
    ),
    "uitkomst": Action(
        f.UitkomstForm,
        lambda t, u, d: services.record_outcome(
            stap=_step_of(t, d["stap"]), by=u, uitkomst=d["uitkomst"], toelichting=d["toelichting"]
        ),
        TRAJECT,
        gettext_lazy("Uitkomst vastgelegd."),
    ),
    "ontbinden": Action(
        f.OntbindingForm,
        lambda t, u, d: services.terminate_contract(
            traject=t, by=u, **values(d, "datum", "ingang", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Ontbinding vastgelegd; de gemeenten is om nazorg gevraagd."),
    ),
    "invorderen": Action(
        f.DatumForm,
        lambda t, u, d: services.start_collection(
            traject=t, by=u, **values(d, "datum", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Invordering vastgelegd."),
    ),
    "afronden": Action(
        f.AfrondenForm,
        lambda t, u, d: services.close_trajectory(
            traject=t, by=u, uitkomst=d["uitkomst"], toelichting=d["toelichting"]
        ),
        TRAJECT,
        gettext_lazy("Traject afgerond."),
    ),
    "last": Action(
        f.LastForm,
        lambda t, u, d: sancties.impose_order(
            traject=t,
            by=u,
            **values(d, "lastgeving", "begunstiging_dagen", "bedrag", "per", "maximum"),
        ),
        TRAJECT,
        gettext_lazy("Last vastgelegd; de begunstigingstermijn loopt."),
    ),
    "controle": Action(
        f.ControleForm,
        lambda t, u, d: sancties.inspect_order(
            traject=t,
            by=u,
            overtredingen=d["overtredingen"] or 1,
            **values(d, "datum", "nagekomen", "toelichting"),
        ),
        TRAJECT,
        gettext_lazy("Controle vastgelegd."),
    ),
    "invorderingsbesluit": Action(
        f.BesluitForm,
        lambda t, u, d: sancties.decide_collection(
            traject=t, by=u, **values(d, "datum", "bekendmaking_op", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Invorderingsbesluit vastgelegd; de bezwaartermijn loopt."),
    ),
    "betaling": Action(
        f.BedragForm,
        lambda t, u, d: sancties.record_payment(
            traject=t, by=u, **values(d, "datum", "bedrag", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Betaling vastgelegd."),
    ),
    "last-wijzigen": Action(
        f.WijzigingLastForm,
        lambda t, u, d: sancties.change_order(
            traject=t,
            by=u,
            **values(d, "datum", "bekendmaking_op", "wijze", "bedrag", "maximum", "toelichting"),
        ),
        TRAJECT,
        gettext_lazy("Besluit over de last vastgelegd."),
    ),
    "uitvoering": Action(
        f.BedragForm,
        lambda t, u, d: sancties.record_execution(
            traject=t, by=u, kosten=d["bedrag"], **values(d, "datum", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Uitvoering van de bestuursdwang vastgelegd."),
    ),
    "kostenverhaal": Action(
        f.KostenverhaalForm,
        lambda t, u, d: sancties.decide_cost_recovery(
            traject=t, by=u, **values(d, "datum", "bekendmaking_op", "bedrag", "toelichting")
        ),
        TRAJECT,
        gettext_lazy("Kostenverhaalbesluit vastgelegd; de bezwaartermijn loopt."),
    ),
    "document": Action(
        f.StapDocumentForm,
        lambda t, u, d: services.add_step_documents(
            stap=_step_of(t, d["stap"]), uploads=uploads_from(d["bijlagen"]), by=u
        ),
        TRAJECT,
        gettext_lazy("Document toegevoegd."),
    ),
}

TERMIJN_ACTIONS: dict[str, Action] = {
    "opschorten": Action(
        f.OpschortenForm,
        lambda t, u, d: services.suspend_term(termijn=t, by=u, van=d["van"], reden=d["reden"]),
        TRAJECT,
        gettext_lazy("Termijn opgeschort."),
    ),
    "hervatten": Action(
        f.HervattenForm,
        lambda t, u, d: services.resume_term(termijn=t, by=u, tot=d["tot"], reden=d["reden"]),
        TRAJECT,
        gettext_lazy("Termijn hervat; de einddatum is verschoven."),
    ),
}


def _visible_trajectory(request, pk: int) -> JuridischTraject:
    # Legal follow-up is for enforcement and legal staff (they hold the deadlines).
    if not request.user.has_perm("termijnen.view_termijn"):
        raise PermissionDenied
    dossier_ids = selectors.visible_dossiers(request.user).values("pk")
    return get_object_or_404(
        JuridischTraject.objects.select_related("dossier__zorgaanbieder", "besluit", "eigenaar"),
        pk=pk,
        dossier__in=dossier_ids,
    )


def _objection_task(traject: JuridischTraject, user) -> dict | None:
    """The open task that decides the objection: where it is, who holds it, and whether
    ``user`` may do it (and if not, why)."""
    task = (
        Task.objects.filter(
            process__artifact_object_id=traject.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(JuridischTraject),
            flow_task_type="HUMAN",
            status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
        )
        .select_related("owner")
        .first()
    )
    if task is None:
        return None
    return {
        "url": task.flow_task.reverse("index", args=[task.process_id, task.pk]),
        "eigenaar": task.owner,
        "van_mij": task.owner_id == user.pk,
        "weigering": bezwaar.objection_refusal(user, traject),
    }


class TrajectDetailView(Page, TemplateView):
    template_name = "juridisch/traject_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        traject = _visible_trajectory(self.request, kwargs["pk"])
        audit.record(audit.Actie.LEZEN, traject.dossier, velden=[f"traject:{traject.pk}"])
        stappen = traject.stappen.select_related(
            "termijn", "vastgelegd_door", "ondertekend_door"
        ).prefetch_related("documenten", "termijn__historie__door", "termijn__opschortingen")
        Fase = JuridischTraject.Fase
        context.update(
            traject=traject,
            page_title=str(traject),
            stappen=stappen,
            Fase=Fase,
            besluitvormers=get_user_model().objects.filter(
                pk__in=bezwaar.primary_decision_takers(traject)
            ),
            bezwaar=(
                _objection_task(traject, self.request.user)
                if traject.fase == Fase.BEZWAAR
                else None
            ),
            forms=unbound_forms(
                besluit=f.PrimairBesluitForm,
                bezwaar=f.BezwaarForm,
                verdagen=f.VerdagingForm,
                beroep=f.BeroepForm,
                hoger_beroep=f.BeroepForm,
                voorlopige_voorziening=f.VoorlopigeVoorzieningForm,
                ontbinden=f.OntbindingForm,
                invorderen=f.DatumForm,
                afronden=f.AfrondenForm,
                last=f.LastForm,
                controle=f.ControleForm,
                invorderingsbesluit=f.BesluitForm,
                betaling=f.BedragForm,
                last_wijzigen=f.WijzigingLastForm,
                uitvoering=f.BedragForm,
                kostenverhaal=f.KostenverhaalForm,
            ),
            last=getattr(traject, "last", None),
            met_last=traject.maatregel in sancties.SOORT_VAN_MAATREGEL,
        )
        return context


class TrajectActionView(Page, View):
    def post(self, request, pk: int, action: str):
        traject = _visible_trajectory(request, pk)
        return post_action(
            request,
            traject,
            action,
            TRAJECT_ACTIONS,
            redirect("handhaving:traject", pk=traject.pk),
            TrajectDetailView,
            {"pk": pk},
        )


class TermijnActionView(Page, View):
    def post(self, request, pk: int, action: str):
        if action not in TERMIJN_ACTIONS:
            raise Http404
        termijn = get_object_or_404(
            Termijn, pk=pk, dossier__in=selectors.visible_dossiers(request.user).values("pk")
        )
        stap = TrajectStap.objects.filter(termijn=termijn).first()
        view, url, page = (
            (TrajectDetailView, "handhaving:traject", stap.traject_id)
            if stap
            else (DossierDetailView, "handhaving:detail", termijn.dossier_id)
        )
        return post_action(
            request,
            termijn,
            action,
            TERMIJN_ACTIONS,
            redirect(url, pk=page),
            view,
            {"pk": page},
        )


# The trajectories on the dossier page -------------------------------------------------


def dossier_section(dossier, user) -> dict:
    """The section "Juridische opvolging" of the dossier page (its form is loaded when
    opened)."""
    return {"trajecten": dossier.trajecten.select_related("eigenaar", "last")}


SECTION = Section(
    template="juridisch/_dossier.html",
    context=dossier_section,
    actions={
        "traject": Action(
            f.TrajectForm,
            lambda o, u, d: services.open_trajectory(
                dossier=o,
                by=u,
                **values(d, "maatregel", "voornemen_op", "termijn_dagen", "toelichting"),
            ),
            TRAJECT,
            gettext_lazy("Juridisch traject gestart."),
        ),
    },
)


def timeline_entries(dossier, staff: bool) -> list[Entry]:
    """The steps of the dossier's trajectories on its timeline; the link to the
    trajectory is for staff."""
    entries = []
    stappen = TrajectStap.objects.filter(traject__dossier=dossier).select_related(
        "traject", "termijn"
    )
    for stap in stappen:
        tekst = f"{stap.traject.get_maatregel_display()}: {stap.get_soort_display()}"
        if stap.uitkomst:
            tekst += f" – {stap.get_uitkomst_display()}"
        if stap.termijn_id:
            tekst += " – " + gettext("termijn tot en met %(d)s") % {
                "d": f"{dates.datum(stap.termijn.uiterlijk)}"
            }
        url = f"/handhaving/traject/{stap.traject_id}/" if staff else ""
        entries.append(Entry(at_noon(stap.datum), gettext("juridisch"), tekst, url))
    return entries


# The pages, in the Handhaving area (``handhaving:traject`` and so on).
urlpatterns = [
    path("traject/<int:pk>/", TrajectDetailView.as_view(), name="traject"),
    path("traject/<int:pk>/<slug:action>/", TrajectActionView.as_view(), name="traject-actie"),
    path("termijn/<int:pk>/<slug:action>/", TermijnActionView.as_view(), name="termijn-actie"),
]
