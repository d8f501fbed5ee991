"""Reads of dossiers, scoped to what the asking user may see. Every list, detail, export
and PDF goes through ``visible_dossiers``."""

from django.db.models import Prefetch, Q, QuerySet

from regio.selectors import gemeente_of

from .models import Advies, Agendapunt, Dossier, Overleg, StatusWijziging


def may_list_dossiers(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.has_perm("dossieroverleg.view_dossier"):
        return True
    return gemeente_of(user) is not None and user.groups.filter(name="gemeente").exists()


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Staff who work on dossiers see all; a `gemeente` user only those involving its
    municipality; everyone else none."""
    if not (user and user.is_authenticated):
        return Dossier.objects.none()
    base = Dossier.objects.select_related("zorgaanbieder", "behandelaar")
    if user.has_perm("dossieroverleg.view_dossier"):
        return base
    gemeente = gemeente_of(user)
    if gemeente is not None and user.groups.filter(name="gemeente").exists():
        return base.filter(betrokken_gemeenten=gemeente)
    return Dossier.objects.none()


def filter_dossiers(qs: QuerySet[Dossier], params) -> QuerySet[Dossier]:
    """The list filters: status, provider, municipality, officer, priority, text."""
    if status := params.get("status"):
        qs = qs.filter(status=status)
    if aanbieder := params.get("zorgaanbieder"):
        qs = qs.filter(zorgaanbieder_id=aanbieder) if str(aanbieder).isdigit() else qs.none()
    if gemeente := params.get("gemeente"):
        qs = qs.filter(betrokken_gemeenten__code=gemeente)
    if behandelaar := params.get("behandelaar"):
        qs = qs.filter(behandelaar_id=behandelaar) if str(behandelaar).isdigit() else qs.none()
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


def visible_meetings(user) -> QuerySet[Overleg]:
    if not (user and user.is_authenticated and user.has_perm("dossieroverleg.view_overleg")):
        return Overleg.objects.none()
    return Overleg.objects.select_related("voorzitter", "secretaris")


def ready_for_agenda(user) -> QuerySet[Dossier]:
    return (
        visible_dossiers(user)
        .filter(status="in_onderzoek")
        .exclude(activiteiten__isnull=True)
        .distinct()
    )
