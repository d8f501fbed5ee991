"""Reads of reports, scoped to what the asking user may see. Every list, detail and export
goes through here."""

from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from regio.models import Zorgaanbieder
from regio.roles import Rol, has_role, has_staff_role
from regio.selectors import gemeente_of

from .models import Melding, Status, StatusWijziging

# Need to know (DESIGN.md section 4): a report behind a secret dossier is seen only by who
# may see that dossier. The dossier app owns that rule (dossieroverleg.selectors) and hands
# its reads to this module when it starts: the meldpunt comes before it and does not
# import it.
_dossier_reads: dict[str, Callable] = {}


def use_dossier_reads(*, hidden_reports: Callable, provider_dossiers: Callable) -> None:
    """``hidden_reports(user)``: ids of reports the user may not see because of their
    dossier; ``provider_dossiers(user, zorgaanbieder)``: the provider's dossiers the user
    may see."""
    _dossier_reads.update(hidden_reports=hidden_reports, provider_dossiers=provider_dossiers)


# Restriction of processing (AVG art. 18): the privacy app keeps whose client data are
# restricted and who still sees them, and hands that read to this module when it starts.
_restriction_read: dict[str, Callable] = {}


def use_restriction_read(*, restricted_clients: Callable) -> None:
    """``restricted_clients(user, ids)``: of the clients ``ids``, the restricted ones, each
    with whether its data are hidden from ``user``."""
    _restriction_read.update(restricted_clients=restricted_clients)


def mark_restricted(user, clienten) -> list:
    """Each client with ``beperkt`` (its processing is restricted) and ``afgeschermd``
    (restricted, and its data hidden from ``user``): pages show "beperkt" instead."""
    clienten = list(clienten)
    read = _restriction_read.get("restricted_clients")
    restricted = read(user, [c.pk for c in clienten]) if read and clienten else {}
    for client in clienten:
        client.beperkt = client.pk in restricted
        client.afgeschermd = restricted.get(client.pk, False)
    return clienten


def can_see_personal_data(user) -> bool:
    return bool(
        user and user.is_authenticated and user.has_perm("meldpunt.persoonsgegevens_melding")
    )


def visible_meldingen(user) -> QuerySet[Melding]:
    """Staff who handle reports see all of them but those behind a secret dossier hidden
    from them; a system (role `koppeling`) only the reports it delivered itself; nobody
    else sees any here.

    (Municipality users see reports through the dossiers that involve them.)
    """
    if not (user and user.is_authenticated and user.has_perm("meldpunt.view_melding")):
        return Melding.objects.none()
    qs = Melding.objects.select_related("zorgaanbieder", "vestiging_gemeente")
    if not has_staff_role(user):
        return qs.filter(aangemaakt_door=user)
    if hidden := _dossier_reads.get("hidden_reports"):
        qs = qs.exclude(pk__in=hidden(user))
    return qs


def melding_detail(user, **lookup) -> Melding:
    """One visible report with what its page and the API show, its clients marked when
    their processing is restricted (``mark_restricted``); DoesNotExist otherwise."""
    melding = (
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
    mark_restricted(user, melding.clienten.all())  # the prefetched rows the page shows
    return melding


def provider_meldingen(user, zorgaanbieder: Zorgaanbieder) -> QuerySet[Melding]:
    return visible_meldingen(user).filter(zorgaanbieder=zorgaanbieder).order_by("-ontvangen_op")


def provider_dossiers(user, zorgaanbieder: Zorgaanbieder) -> QuerySet:
    """The provider's dossiers for its page, as the dossier app lets ``user`` see them."""
    if read := _dossier_reads.get("provider_dossiers"):
        return read(user, zorgaanbieder)
    return zorgaanbieder.dossiers.none()


def provider_candidates(zoek: str, *, exclude: int | None = None, limit: int = 20):
    """Providers in the register matching a name, KvK number or AGB code (for linking a
    report whose provider a reporter typed in)."""
    from django.db.models import Q

    from regio.models import Zorgaanbieder

    zoek = zoek.strip()
    if len(zoek) < 2:
        return Zorgaanbieder.objects.none()
    return (
        Zorgaanbieder.objects.filter(
            Q(naam__icontains=zoek) | Q(kvk_nummer=zoek) | Q(agb_code=zoek)
        )
        .exclude(pk=exclude)
        .prefetch_related("vestigingen__gemeente")
        .order_by("naam")[:limit]
    )


def municipality_signals(user) -> QuerySet[Melding]:
    """The signals the user's municipality submitted in its portal (``Kanaal.GEMEENTE``):
    its own only, never another municipality's (need to know); none for anyone else."""
    gemeente = gemeente_of(user) if has_role(user, Rol.GEMEENTE) else None
    if gemeente is None:
        return Melding.objects.none()
    return (
        Melding.objects.filter(gemeld_door_gemeente=gemeente)
        .select_related("zorgaanbieder", "doorgeleiding__gemeente")
        .order_by("-ontvangen_op", "-pk")
    )


def signal_status(melding: Melding) -> str:
    """Where a municipality's signal stands, in plain Dutch for its portal: the report's
    step and, once forwarded, to whom; nothing of a dossier or the weighing's reasons."""
    if melding.status == Status.DOORGELEID and hasattr(melding, "doorgeleiding"):
        return _("Doorgeleid aan %(aan)s, die erover gaat.") % {
            "aan": melding.doorgeleiding.ontvanger
        }
    words = {
        Status.ONTVANGEN: _("Ontvangen; het meldpunt vult het signaal aan en registreert het."),
        Status.GEREGISTREERD: _("Geregistreerd; het meldpunt weegt het signaal."),
        Status.GEWOGEN: _("Gewogen; het vervolg wordt in gang gezet."),
        Status.DOORGELEID: _("Doorgeleid aan de instantie die erover gaat."),
        Status.GEEN_VERVOLG: _("Afgesloten: het meldpunt ziet geen aanleiding voor vervolg."),
        Status.NAAR_HANDHAVING: _("In behandeling bij handhaving (ROB)."),
    }
    return str(words.get(melding.status, melding.get_status_display()))
