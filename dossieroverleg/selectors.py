"""Reads of dossiers, scoped to what the asking user may see. Every list, detail, export
and PDF goes through ``visible_dossiers``; need to know on secret dossiers (and every
record of one) is decided by ``hidden_dossiers`` and the helpers beside it, and for staff
together with the rule on closed dossiers by ``_staff_sees``."""

from collections.abc import Callable, Iterable

from django.db.models import (
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.utils.translation import gettext_lazy as _

from meldpunt.models import Melding
from regio.audit import Actie, record
from regio.roles import has_role
from regio.selectors import gemeente_of, is_id
from termijnen.models import Termijn

from .models import (
    AFGESCHERMD,
    Advies,
    Agendapunt,
    Dossier,
    MeerwerkVerzoek,
    NazorgVerzoek,
    Overleg,
    Status,
    StatusWijziging,
)


def may_list_dossiers(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.has_perm("dossieroverleg.view_dossier"):
        return True
    return gemeente_of(user) is not None and has_role(user, "gemeente")


# Need to know (DESIGN.md section 4) ----------------------------------------------------
#
# A secret or top-secret dossier, and every record of it (its reports, terms, trajectories,
# extra work, aftercare, meeting items, and the tasks and processes about them), is seen
# only by its officer (behandelaar), the staff assigned to it (medebehandelaars) and the
# team leads. An involved municipality sees that a confidential dossier exists and what it
# must act on; everyone else nothing. This is the one place that says so.


def hidden_dossiers(user) -> QuerySet[Dossier]:
    """The secret dossiers whose content ``user`` may not see (``None``: a mail's
    recipient, who is no user)."""
    secret = Dossier.objects.filter(vertrouwelijkheid__in=AFGESCHERMD)
    if not (user and user.is_authenticated and user.has_perm("dossieroverleg.view_dossier")):
        return secret
    if has_role(user, "teamleider"):
        return Dossier.objects.none()
    return secret.exclude(_handles(user))


def _handles(user, prefix: str = "") -> Q:
    """The dossier (``prefix`` "dossier__": the dossier of a row) is ``user``'s: as its
    officer (behandelaar) or as staff assigned to it (medebehandelaar)."""
    assigned = Dossier.medebehandelaars.through.objects.filter(
        dossier=OuterRef(f"{prefix}pk"), user=user
    )
    return Q(**{f"{prefix}behandelaar": user}) | Exists(assigned)


# Records of a dossier that apps above this one keep (legal trajectories) are registered
# here, so that this rule covers them without this module importing those apps.
_other_records: list[type[Model]] = []


def register_record(model: type[Model]) -> None:
    """Let the need-to-know rule cover ``model``, a record with a ``dossier``."""
    if model not in _other_records:
        _other_records.append(model)


def hidden_records(user) -> dict[type[Model], QuerySet]:
    """Per kind of record of a dossier, the ids of those that belong to a dossier hidden
    from ``user`` (a report: linked to one). Empty when nothing is hidden (team leads)."""
    dossiers = hidden_dossiers(user)
    if dossiers.query.is_empty():
        return {}
    dossiers = dossiers.values("pk")
    return {
        Dossier: dossiers,
        Melding: Melding.objects.filter(dossiers__in=dossiers).values("pk"),
        Termijn: Termijn.objects.filter(dossier__in=dossiers).values("pk"),
        **{
            model: model.objects.filter(dossier__in=dossiers).values("pk")
            for model in _other_records
        },
        MeerwerkVerzoek: MeerwerkVerzoek.objects.filter(dossier__in=dossiers).values("pk"),
        NazorgVerzoek: NazorgVerzoek.objects.filter(dossier__in=dossiers).values("pk"),
        Agendapunt: Agendapunt.objects.filter(dossier__in=dossiers).values("pk"),
    }


def is_hidden(user, obj: Model) -> bool:
    """Whether ``obj`` (a dossier, a record of one, a report) belongs to a secret dossier
    that ``user`` may not see."""
    ids = hidden_records(user).get(obj._meta.concrete_model)
    return ids is not None and ids.filter(pk=obj.pk).exists()


def hidden_among(user, model: type[Model], pks) -> set:
    """Which of the ``model`` rows ``pks`` belong to a secret dossier ``user`` may not
    see: ``is_hidden`` for many at once, in one query."""
    ids = hidden_records(user).get(model._meta.concrete_model)
    return set() if ids is None else set(ids.filter(pk__in=list(pks)).values_list("pk", flat=True))


def hidden_reports(user) -> QuerySet:
    """The ids of reports behind a dossier hidden from ``user`` (for meldpunt.selectors)."""
    return hidden_records(user).get(Melding, Melding.objects.none().values("pk"))


def mark_confidential(user, rows: Iterable, dossier_id: Callable = lambda row: row.dossier_id):
    """Set ``vertrouwelijk`` on each row (an agenda item, a request, a term): true when its
    dossier is hidden from ``user``, so the page shows it only as "vertrouwelijk dossier".
    One query for all rows."""
    rows = list(rows)
    ids = {dossier_id(row) for row in rows}
    hidden = set(hidden_dossiers(user).filter(pk__in=ids).values_list("pk", flat=True))
    for row in rows:
        row.vertrouwelijk = dossier_id(row) in hidden
    return rows


# After closure (DVO BW/MO art. 9 lid 1 and 3; Archiefwet 1995 art. 3) ----------------
#
# A closed dossier is kept whole as the archive's case file until its archive action date,
# and no longer worked on: only its officer (behandelaar), the team leads and the privacy
# officer (who reviews its destruction or transfer) still open it. Everyone else gets the
# answer they get for a dossier they may not see (not found), and it is left out of every
# list they see (the dossier list, the provider page, the API, a meeting's choice): a row
# they cannot open would still say that the provider was under enforcement, and the
# history that judges a repeat offence is for the officer and the team leads. Every read
# of a closed dossier is audit-logged here (``dossier_detail``).

CLOSED_READERS = ("teamleider", "privacy")


def _staff_sees(user, prefix: str = "") -> Q | None:
    """For staff who work on dossiers, the need-to-know rule (``hidden_dossiers``) and the
    rule after closure as one condition on a dossier's row, or on a row that points to one
    (``prefix`` "dossier__"): a plain filter the database answers from the row itself and
    two small index lookups, where excluding the hidden ones (``NOT IN``) first lists
    every hidden dossier. ``None``: all (team leads).

    A closed dossier stays open to the team leads and the privacy officer, and to an
    officer who handled it: as its case officer, as a co-handler, or by closing it (a
    dossier worked from the queue may have no case officer; the officer who closed it
    still opens it)."""
    if has_role(user, "teamleider"):
        return None
    handles = _handles(user, prefix)
    sees = ~Q(**{f"{prefix}vertrouwelijkheid__in": AFGESCHERMD}) | handles
    if not any(has_role(user, role) for role in CLOSED_READERS):
        closed_by = StatusWijziging.objects.filter(
            dossier=OuterRef(f"{prefix}pk"), door=user, naar=Status.AFGESLOTEN
        )
        sees &= ~Q(**{f"{prefix}status": Status.AFGESLOTEN}) | handles | Exists(closed_by)
    return sees


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Staff who work on dossiers see all but the secret ones hidden from them; a
    `gemeente` user those involving its municipality (a secret one shown only as
    confidential, see ``mark_confidential``); everyone else none. A closed dossier only
    those who may still open it (``_staff_sees``)."""
    if not (user and user.is_authenticated):
        return Dossier.objects.none()
    base = Dossier.objects.select_related("zorgaanbieder", "behandelaar")
    if user.has_perm("dossieroverleg.view_dossier"):
        sees = _staff_sees(user)
        return base if sees is None else base.filter(sees)
    gemeente = gemeente_of(user)
    if gemeente is not None and has_role(user, "gemeente"):
        return base.filter(betrokken_gemeenten=gemeente).exclude(status=Status.AFGESLOTEN)
    return Dossier.objects.none()


def of_visible_dossiers(user, qs: QuerySet) -> QuerySet:
    """The rows of ``qs`` (records with a ``dossier``) whose dossier ``user`` may see
    (``visible_dossiers``), for staff as a condition on the joined dossier."""
    if user and user.is_authenticated and user.has_perm("dossieroverleg.view_dossier"):
        sees = _staff_sees(user, "dossier__")
        return qs if sees is None else qs.filter(sees)
    return qs.filter(dossier__in=visible_dossiers(user).values("pk"))


def provider_dossiers(user, zorgaanbieder) -> QuerySet[Dossier]:
    """A provider's dossiers on its page (meldpunt), newest first: those the user may see,
    none that is hidden from them."""
    dossiers = visible_dossiers(user).filter(zorgaanbieder=zorgaanbieder)
    if not user.has_perm("dossieroverleg.view_dossier"):
        # A municipality sees that a secret dossier exists, but not here.
        dossiers = dossiers.exclude(vertrouwelijkheid__in=AFGESCHERMD)
    return dossiers.order_by("-geopend_op")


def filter_dossiers(qs: QuerySet[Dossier], params) -> QuerySet[Dossier]:
    """The list filters: status, provider, municipality, officer, priority, text."""
    if status := params.get("status"):
        qs = qs.filter(status=status)
    if aanbieder := params.get("zorgaanbieder"):
        qs = qs.filter(zorgaanbieder_id=aanbieder) if is_id(aanbieder) else qs.none()
    if gemeente := params.get("gemeente"):
        # EXISTS rather than a join: no row twice, so no DISTINCT over the whole list.
        involved = Dossier.betrokken_gemeenten.through.objects.filter(
            dossier_id=OuterRef("pk"), gemeente__code=gemeente
        )
        qs = qs.filter(Exists(involved))
    if behandelaar := params.get("behandelaar"):
        qs = qs.filter(behandelaar_id=behandelaar) if is_id(behandelaar) else qs.none()
    if prioriteit := params.get("prioriteit"):
        qs = qs.filter(prioriteit=prioriteit)
    if q := (params.get("q") or "").strip():
        qs = qs.filter(Q(nummer__icontains=q) | Q(zorgaanbieder__naam__icontains=q))
    return qs


# Why the read of a closed dossier is logged (the audit row's note).
CLOSED_READ = _("gesloten dossier geopend")


def dossier_detail(user, **lookup) -> Dossier:
    """One dossier the user may see (its page, documents, PDFs, API detail), or
    ``Dossier.DoesNotExist``. Opening a closed one is audit-logged here, whatever the
    route (DVO BW/MO art. 9; DESIGN 4: after closure every read is logged). Each related
    kind is read in one query of its own, none nested: the page makes the same queries
    whatever the dossier holds."""
    from regio.models import Vestiging

    return _opened(
        user,
        visible_dossiers(user)
        .select_related(
            "vestiging_gemeente",
            "verstrekkende_gemeente",
            "besluit__mandaat__gever",
            "besluit__ondertekend_door",
        )
        .prefetch_related(
            "meldingen",
            "contracten",
            Prefetch("vestigingen", queryset=Vestiging.objects.select_related("gemeente")),
            "betrokken_gemeenten",
            "activiteiten",
            "documenten",
            "betrokkenheid_wijzigingen",
            Prefetch("historie", queryset=StatusWijziging.objects.select_related("door")),
            Prefetch("agendapunten", queryset=Agendapunt.objects.select_related("overleg")),
            Prefetch(
                "adviezen",
                queryset=Advies.objects.select_related("opgesteld_door", "beoordeeld_door"),
            ),
        )
        .get(**lookup),
    )


def dossier_part(user, **lookup) -> Dossier:
    """The same dossier as ``dossier_detail``, by the same rule and with the same audit
    of a closed one, without its related rows: for a part of its page that is loaded
    when opened (a form, a folded section), which reads what it shows itself."""
    return _opened(user, visible_dossiers(user).get(**lookup))


def _opened(user, dossier: Dossier) -> Dossier:
    if dossier.status == Status.AFGESLOTEN:
        record(Actie.LEZEN, dossier, user=user, toelichting=str(CLOSED_READ))
    return dossier


def with_follow_up(dossier: Dossier) -> Dossier:
    """Load the aftercare, extra-work and escalation rows once for a dossier page: its
    timeline and its follow-up section both show them."""
    from .models import Escalatie, MeerwerkVerzoek, NazorgVerzoek

    prefetch_related_objects(
        [dossier],
        Prefetch("nazorg", queryset=NazorgVerzoek.objects.select_related("gemeente", "termijn")),
        Prefetch("meerwerk", queryset=MeerwerkVerzoek.objects.select_related("termijn")),
        Prefetch(
            "escalaties", queryset=Escalatie.objects.select_related("woongemeente", "termijn")
        ),
    )
    return dossier


def visible_meetings(user) -> QuerySet[Overleg]:
    if not (user and user.is_authenticated and user.has_perm("dossieroverleg.view_overleg")):
        return Overleg.objects.none()
    return Overleg.objects.select_related("voorzitter", "secretaris")


def agenda_items(user, overleg: Overleg) -> list[Agendapunt]:
    """A meeting's agenda; an item whose dossier is hidden from ``user`` (made secret after
    it was put on the agenda) is marked ``vertrouwelijk`` and shown as no more than that."""
    return mark_confidential(user, overleg.agendapunten.select_related("dossier__zorgaanbieder"))


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
    if not (user and user.is_authenticated and user.has_perm("termijnen.view_termijn")):
        return Termijn.objects.none()
    return (
        of_visible_dossiers(user, Termijn.objects.all())
        .exclude(status=Termijn.Status.AFGEROND)
        .select_related("dossier__zorgaanbieder", "eigenaar", "gemeente")
        # Overdue first is by due date: the order the index termijn_open_uiterlijk serves.
        .order_by("uiterlijk", "id")
    )


# The states the deadline overview filters on, besides its kind.
TERMIJN_STATEN = [("verlopen", _("verlopen")), ("opgeschort", _("opgeschort"))]


def filter_deadlines(qs: QuerySet, params) -> QuerySet:
    """Filters of the deadline overview: kind, owner (or "mine"), municipality, state.
    ``params`` are validated first (the API's serializer, the page's form)."""
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
    open_terms = Termijn.objects.exclude(status=Termijn.Status.AFGEROND).select_related(
        "dossier__zorgaanbieder"
    )
    if user.has_perm("termijnen.view_termijn"):
        # Owner of a term of a secret dossier one no longer may see: not in the feed.
        mine = of_visible_dossiers(user, open_terms.filter(eigenaar=user))
        return mine.order_by("uiterlijk", "id")
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
