"""What a work queue shows of each task, and how it sorts.

viewflow's lists name a task "#6/26" (process and task ids) under a column "Brief"; staff
need to see what they pick up: the number of the report or dossier, the provider, the
domain, the municipalities involved, the step, how urgent it is, by when, who holds it and
for how long it has waited.

**Uiterlijk** (the due date) of a task is, in this order:

1. its own date (an acute report is weighed today: ``task.data["uiterlijk"]``);
2. otherwise the first open term (``lopend``) of the task's dossier (its trajectory's, its
   extra-work request's): the date by which something in that case must be done.

The second is kept on the task itself (``deadlines``: ``task.data["termijn_uiterlijk"]``,
written when the task is created and whenever a term of its dossier changes), so the queue
sorts on it over all tasks, overdue first, by reading an index.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dossieroverleg.models import Dossier

from . import deadlines
from .case import case_of
from .models import BezwaarProcess, MeerwerkProcess

SOON = 3  # days: a due date this close is marked


def _model(process_class):
    return apps.get_model(*process_class.artifact_model)


def _subject(task):
    return task.process.artifact


def with_cases(tasks):
    """The tasks with their case and its provider, in a constant number of queries."""
    from django.contrib.contenttypes.prefetch import GenericPrefetch

    from meldpunt.models import Melding

    via_dossier = ("dossier__zorgaanbieder", "dossier__betrokken_gemeenten")
    return tasks.select_related("process", "owner").prefetch_related(
        GenericPrefetch(
            "process__artifact",
            [
                Melding.objects.select_related("zorgaanbieder", "vestiging_gemeente"),
                Dossier.objects.select_related("zorgaanbieder").prefetch_related(
                    "betrokken_gemeenten"
                ),
                _model(BezwaarProcess).objects.prefetch_related(*via_dossier),
                _model(MeerwerkProcess).objects.prefetch_related(*via_dossier),
            ],
        )
    )


def with_due_dates(tasks):
    """``uiterlijk_op`` (the due date, see the module), ``dringend`` (acute report, urgent
    task or urgent dossier), and the case's number, provider and domain on every task,
    computed by the database (the queue sorts and filters on them)."""
    from dossieroverleg.models import Prioriteit
    from meldpunt.models import Melding

    kind = {
        model: ContentType.objects.get_for_model(model)
        for model in (Dossier, Melding, _model(BezwaarProcess), _model(MeerwerkProcess))
    }
    artifact = OuterRef("process__artifact_object_id")
    is_a = {model: Q(process__artifact_content_type=ct) for model, ct in kind.items()}
    # The dossier a task belongs to (none for a report): the due date, the number, the
    # provider and the domain are read through it.
    dossier_ref = Case(
        When(is_a[Dossier], then=F("process__artifact_object_id")),
        *(
            When(
                is_a[model],
                then=Subquery(model.objects.filter(pk=artifact).values("dossier_id")[:1]),
            )
            for model in (_model(BezwaarProcess), _model(MeerwerkProcess))
        ),
        default=Value(None),
        output_field=BigIntegerField(),
    )
    urgent_dossier = Dossier.objects.filter(pk=artifact, prioriteit=Prioriteit.URGENT)
    report = Melding.objects.filter(pk=artifact)
    dossier = Dossier.objects.filter(pk=OuterRef("zaak_dossier"))

    def of_case(field: str):
        return Case(
            When(is_a[Melding], then=Subquery(report.values(field)[:1])),
            default=Subquery(dossier.values(field)[:1]),
            output_field=CharField(),
        )

    # The municipalities column sorts on the first name it shows.
    first_involved = (
        Dossier.betrokken_gemeenten.through.objects.filter(dossier_id=OuterRef("zaak_dossier"))
        .order_by("gemeente__naam")
        .values("gemeente__naam")[:1]
    )
    return tasks.annotate(zaak_dossier=dossier_ref).annotate(
        zaak_nummer=of_case("nummer"),
        eerste_gemeente=Case(
            When(is_a[Melding], then=Subquery(report.values("vestiging_gemeente__naam")[:1])),
            default=Subquery(first_involved),
            output_field=CharField(),
        ),
        aanbieder_naam=of_case("zorgaanbieder__naam"),
        zaak_domein=of_case("domein"),
        uiterlijk_sleutel=deadlines.sort_key(),
        uiterlijk_op=Cast(deadlines.sort_key(), DateField()),
        dringend=Case(
            When(data__urgent=True, then=Value(True)),
            When(
                is_a[Melding] & Exists(Melding.objects.filter(pk=artifact, acuut=True)),
                then=Value(True),
            ),
            When(is_a[Dossier] & Exists(urgent_dossier), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def at_municipality(gemeente) -> Q:
    """Tasks whose case is about ``gemeente``: a report located there, or a dossier that
    involves it (on a queryset from :func:`with_due_dates`)."""
    from meldpunt.models import Melding

    located = Melding.objects.filter(
        pk=OuterRef("process__artifact_object_id"), vestiging_gemeente=gemeente
    )
    involved = Dossier.betrokken_gemeenten.through.objects.filter(
        dossier_id=OuterRef("zaak_dossier"), gemeente=gemeente
    )
    report = Q(process__artifact_content_type=ContentType.objects.get_for_model(Melding))
    return (report & Exists(located)) | Exists(involved)


class NullsLast(F):
    """A column to sort on whose empty values come last either way (SQLite puts NULL
    first when ascending, PostgreSQL last): tasks without a due date stay at the end."""

    def asc(self, **kwargs):
        return super().asc(nulls_last=True, **kwargs)

    def desc(self, **kwargs):
        return super().desc(nulls_last=True, **kwargs)


def days_left(day: datetime.date) -> tuple[str, str]:
    """The words and the CSS class for a due date seen from today."""
    left = (day - timezone.localdate()).days
    if left < 0:
        late = -left
        return ngettext("%(n)d dag te laat", "%(n)d dagen te laat", late) % {"n": late}, "te-laat"
    if left == 0:
        return str(_("vandaag")), "bijna"
    words = ngettext("nog %(n)d dag", "nog %(n)d dagen", left) % {"n": left}
    return words, "bijna" if left <= SOON else "op-tijd"


class CaseColumns:
    """The columns of a work queue (and the inbox); sorted by due date unless the user
    sorts on another column."""

    columns = (
        "zaak",
        "zorgaanbieder",
        "domein",
        "gemeenten",
        "task_title",
        "urgentie",
        "uiterlijk",
        "in_handen_van",
        "wacht_sinds",
    )
    # Overdue first, then the nearest date; tasks without a date after those with one;
    # then the oldest first (by id: "created" would mark the "Wacht sinds" column as the
    # one the list is sorted on).
    # The order of the index ``workflows_task_uiterlijk_idx`` (``deadlines``).
    ordering = [F("uiterlijk_sleutel").asc(nulls_last=True), "pk"]

    def get_queryset(self):
        # ``uiterlijk_op`` and ``dringend`` come with the view's queryset (before the
        # filters, which use them): see ``views.QueueListView``.
        return with_cases(super().get_queryset())

    def zaak(self, task):
        url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
        case = case_of(_subject(task))
        nummer = case.nummer if case is not None else str(_subject(task))
        return format_html('<a href="{}">{}</a>', url, nummer)

    zaak.short_description = _("Melding of dossier")
    zaak.orderby_column = NullsLast("zaak_nummer")

    def zorgaanbieder(self, task):
        case = case_of(_subject(task))
        aanbieder = case.zorgaanbieder if case is not None else None
        return str(aanbieder) if aanbieder is not None else "—"

    zorgaanbieder.short_description = _("Zorgaanbieder")
    zorgaanbieder.orderby_column = NullsLast("aanbieder_naam")

    def domein(self, task):
        case = case_of(_subject(task))
        return (case.get_domein_display() if case is not None else "") or "—"

    domein.short_description = _("Domein")
    domein.orderby_column = NullsLast("zaak_domein")

    def gemeenten(self, task):
        case = case_of(_subject(task))
        if isinstance(case, Dossier):
            names = sorted(g.naam for g in case.betrokken_gemeenten.all())
        else:
            gemeente = getattr(case, "vestiging_gemeente", None)
            names = [gemeente.naam] if gemeente is not None else []
        return ", ".join(names) or "—"

    gemeenten.short_description = _("Gemeenten")
    gemeenten.orderby_column = NullsLast("eerste_gemeente")

    def task_title(self, task):
        return task.title

    task_title.short_description = _("Stap")
    task_title.orderby_column = "flow_task"

    def urgentie(self, task):
        if not task.dringend:
            return ""
        return format_html('<span class="badge-acuut">{}</span>', _("urgent"))

    urgentie.short_description = _("Urgentie")
    urgentie.orderby_column = "-dringend"

    def uiterlijk(self, task):
        if task.uiterlijk_op is None:
            return "—"
        words, css = days_left(task.uiterlijk_op)
        return format_html(
            '<span class="termijn termijn--{}">{} <small>({})</small></span>',
            css,
            _date(task.uiterlijk_op),
            words,
        )

    uiterlijk.short_description = _("Uiterlijk")
    uiterlijk.orderby_column = NullsLast("uiterlijk_sleutel")

    def in_handen_van(self, task):
        owner = task.owner
        if owner is None:
            return str(_("niemand (in de wachtrij)"))
        return owner.get_full_name() or owner.get_username()

    in_handen_van.short_description = _("In handen van")
    in_handen_van.orderby_column = "owner__username"

    def wacht_sinds(self, task):
        days = (timezone.localdate() - timezone.localdate(task.created)).days
        if days == 0:
            return str(_("vandaag"))
        return ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}

    wacht_sinds.short_description = _("Wacht sinds")
    wacht_sinds.orderby_column = "-created"


def _date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")
