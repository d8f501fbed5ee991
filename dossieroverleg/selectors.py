"""Reads of dossiers, scoped to what the asking user may see. Every list, detail, export
and PDF goes through ``visible_dossiers``."""

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from regio.roles import has_role
from regio.selectors import gemeente_of, is_id

from .models import AFGESCHERMD, Advies, Agendapunt, Dossier, Overleg, StatusWijziging


def may_list_dossiers(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.has_perm("dossieroverleg.view_dossier"):
        return True
    return gemeente_of(user) is not None and has_role(user, "gemeente")


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Staff who work on dossiers see all; a `gemeente` user only those involving its
    municipality; everyone else none."""
    if not (user and user.is_authenticated):
        return Dossier.objects.none()
    base = Dossier.objects.select_related("zorgaanbieder", "behandelaar")
    if user.has_perm("dossieroverleg.view_dossier"):
        if has_role(user, "teamleider"):
            return base
        # Secret and top-secret dossiers: only the officers assigned to them.
        return base.filter(
            ~Q(vertrouwelijkheid__in=AFGESCHERMD) | Q(behandelaar=user) | Q(medebehandelaars=user)
        ).distinct()
    gemeente = gemeente_of(user)
    if gemeente is not None and has_role(user, "gemeente"):
        return base.filter(betrokken_gemeenten=gemeente)
    return Dossier.objects.none()


def filter_dossiers(qs: QuerySet[Dossier], params) -> QuerySet[Dossier]:
    """The list filters: status, provider, municipality, officer, priority, text."""
    if status := params.get("status"):
        qs = qs.filter(status=status)
    if aanbieder := params.get("zorgaanbieder"):
        qs = qs.filter(zorgaanbieder_id=aanbieder) if is_id(aanbieder) else qs.none()
    if gemeente := params.get("gemeente"):
        qs = qs.filter(betrokken_gemeenten__code=gemeente)
    if behandelaar := params.get("behandelaar"):
        qs = qs.filter(behandelaar_id=behandelaar) if is_id(behandelaar) else qs.none()
    if prioriteit := params.get("prioriteit"):
        qs = qs.filter(prioriteit=prioriteit)
    if q := (params.get("q") or "").strip():
        qs = qs.filter(Q(nummer__icontains=q) | Q(zorgaanbieder__naam__icontains=q))
    return qs.distinct()


def dossier_detail(user, **lookup) -> Dossier:
    return (
        visible_dossiers(user)
        .prefetch_related(
            "meldingen",
            "contracten",
            "vestigingen__gemeente",
            "betrokken_gemeenten",
            "activiteiten__documenten",
            "documenten",
            "betrokkenheid_wijzigingen",
            Prefetch("historie", queryset=StatusWijziging.objects.select_related("door")),
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("overleg")),
            Prefetch(
                "adviezen",
                queryset=Advies.objects.select_related("opgesteld_door", "beoordeeld_door"),
            ),
        )
        .get(**lookup)
    )


def with_follow_up(dossier: Dossier) -> Dossier:
    """Load the aftercare, extra-work and escalation rows once for a dossier page: its
    timeline and its follow-up section both show them."""
    from .models import Escalatie, MeerwerkVerzoek, NazorgVerzoek

    prefetch_related_objects(
        [dossier],
        Prefetch("nazorg", queryset=NazorgVerzoek.objects.select_related("gemeente", "termijn")),
        Prefetch(
            "meerwerk",
            queryset=MeerwerkVerzoek.objects.select_related("termijn").prefetch_related(
                "standpunten__gemeente"
            ),
        ),
        Prefetch("escalaties", queryset=Escalatie.objects.select_related("woongemeente")),
    )
    return dossier


def visible_meetings(user) -> QuerySet[Overleg]:
    if not (user and user.is_authenticated and user.has_perm("dossieroverleg.view_overleg")):
        return Overleg.objects.none()
    return Overleg.objects.select_related("voorzitter", "secretaris")


def ready_for_agenda(user) -> QuerySet[Dossier]:
    return (
        visible_dossiers(user)
        .filter(status="in_onderzoek", onderzoek_afgerond_op__isnull=False)
        .exclude(activiteiten__isnull=True)
        .distinct()
    )


# Deadlines and the municipality portal ------------------------------------------------


def open_deadlines(user) -> QuerySet:
    """Open terms of the dossiers the user may see, overdue first, then by due date."""
    from django.db.models import Case, IntegerField, Value, When
    from django.utils import timezone

    from .models import Termijn

    if not (user and user.is_authenticated and user.has_perm("dossieroverleg.view_termijn")):
        return Termijn.objects.none()
    today = timezone.localdate()
    return (
        Termijn.objects.filter(dossier__in=visible_dossiers(user).values("pk"))
        .exclude(status=Termijn.Status.AFGEROND)
        .select_related("dossier__zorgaanbieder", "eigenaar", "gemeente")
        .annotate(
            verlopen=Case(
                When(uiterlijk__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("verlopen", "uiterlijk", "id")
    )


def filter_deadlines(qs: QuerySet, params) -> QuerySet:
    """Filters of the deadline overview: kind, owner (or "mine"), municipality, state."""
    from django.utils import timezone

    if soort := params.get("soort"):
        qs = qs.filter(soort=soort)
    if eigenaar := params.get("eigenaar"):
        qs = qs.filter(eigenaar_id=eigenaar) if is_id(eigenaar) else qs.none()
    if gemeente := params.get("gemeente"):
        qs = qs.filter(gemeente__code=gemeente)
    staat = params.get("staat")
    if staat == "verlopen":
        qs = qs.filter(uiterlijk__lt=timezone.localdate(), status="lopend")
    elif staat == "opgeschort":
        qs = qs.filter(status="opgeschort")
    if q := (params.get("q") or "").strip():
        qs = qs.filter(Q(dossier__nummer__icontains=q) | Q(omschrijving__icontains=q))
    return qs


def deadlines_of(user) -> QuerySet:
    """A user's own open deadlines (the calendar feed); for a `gemeente` user, those its
    municipality must meet."""
    from .models import Termijn

    open_terms = Termijn.objects.exclude(status=Termijn.Status.AFGEROND).select_related(
        "dossier__zorgaanbieder"
    )
    if user.has_perm("dossieroverleg.view_termijn"):
        # Owner of a term of a secret dossier one no longer may see: not in the feed.
        visible = visible_dossiers(user).values("pk")
        return open_terms.filter(eigenaar=user, dossier__in=visible).order_by("uiterlijk", "id")
    gemeente = gemeente_of(user)
    if gemeente is not None and has_role(user, "gemeente"):
        return open_terms.filter(gemeente=gemeente).order_by("uiterlijk", "id")
    return Termijn.objects.none()


def aftercare_for(gemeente) -> QuerySet:
    from .models import NazorgVerzoek

    return (
        NazorgVerzoek.objects.filter(gemeente=gemeente)
        .select_related("dossier__zorgaanbieder", "termijn")
        .order_by("geregeld_op", "termijn__uiterlijk", "id")
    )


def extra_work_for(gemeente) -> QuerySet:
    from .models import MeerwerkStandpunt

    return (
        MeerwerkStandpunt.objects.filter(gemeente=gemeente)
        .select_related("verzoek__dossier__zorgaanbieder", "verzoek__termijn")
        .order_by("-verzoek__gevraagd_op", "id")
    )
