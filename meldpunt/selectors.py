"""Reads of reports, scoped to what the asking user may see. Every list, detail and export
goes through here."""

from django.db.models import Prefetch, QuerySet

from regio.models import Zorgaanbieder
from regio.roles import has_staff_role

from .models import Melding, StatusWijziging


def can_see_personal_data(user) -> bool:
    return bool(
        user and user.is_authenticated and user.has_perm("meldpunt.persoonsgegevens_melding")
    )


def visible_meldingen(user) -> QuerySet[Melding]:
    """Staff who handle reports see all of them; a system (role `koppeling`) only the
    reports it delivered itself; nobody else sees any here.

    (Municipality users see reports through the dossiers that involve them.)
    """
    if not (user and user.is_authenticated and user.has_perm("meldpunt.view_melding")):
        return Melding.objects.none()
    qs = Melding.objects.select_related("zorgaanbieder", "vestiging_gemeente")
    return qs if has_staff_role(user) else qs.filter(aangemaakt_door=user)


def melding_detail(user, **lookup) -> Melding:
    """One visible report with what its page and the API show; DoesNotExist otherwise."""
    return (
        visible_meldingen(user)
        .select_related("weging", "doorgeleiding", "verstrekkende_gemeente")
        .prefetch_related(
            "contracten",
            "clienten__woonplaats_gemeente",
            "bijlagen",
            "reactieverzoeken",
            Prefetch("historie", queryset=StatusWijziging.objects.select_related("door")),
        )
        .get(**lookup)
    )


def provider_meldingen(user, zorgaanbieder: Zorgaanbieder) -> QuerySet[Melding]:
    return visible_meldingen(user).filter(zorgaanbieder=zorgaanbieder).order_by("-ontvangen_op")
