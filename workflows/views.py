"""Task views of the staff UI: one generic view, the form and service come from actions.py."""

import functools

from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django_filters import (
    BooleanFilter,
    CharFilter,
    ChoiceFilter,
    DateRangeFilter,
    FilterSet,
    ModelChoiceFilter,
)
from viewflow.utils import viewprop
from viewflow.views import FormLayoutMixin
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views import mixins
from viewflow.workflow.flow.views.actions import (
    BulkAssignTasksActionView,
    BulkUnassignTasksActionView,
)
from viewflow.workflow.flow.views.dashboard import (
    DashboardProcessListView,
    DashboardTaskListView,
    DashboardView,
)
from viewflow.workflow.flow.views.list import (
    FlowArchiveListView,
    FlowInboxListView,
    FlowQueueListView,
)
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from regio.models import Domein, Gemeente
from regio.ui import CappedPaginator

from . import actions
from .case import case_context
from .columns import CaseColumns, at_municipality, with_due_dates
from .nodes import offered
from .permissions import guard_process_pages, visible_only


class TaskFormView(
    FormLayoutMixin,
    mixins.SuccessMessageMixin,
    mixins.TaskSuccessUrlMixin,
    mixins.TaskViewTemplateNames,
    generic.FormView,
):
    template_filename = "task.html"

    def get_form(self, form_class=None):
        task = self.request.activation.task
        if self.request.method in ("POST", "PUT"):
            return actions.make_form(task, data=self.request.POST, files=self.request.FILES)
        return actions.make_form(task)

    def get_template_names(self):
        return ["workflows/task_form.html", *super().get_template_names()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.request.activation.process.artifact
        # The page links to the subject's own page by its kind: a dossier and a report
        # are numbered apart, so one id does not fit both.
        context["subject"] = subject
        context["subject_kind"] = subject._meta.model_name if subject is not None else ""
        context.update(actions.context_for(self.request.activation.task))
        context.update(case_context(self.request.user, subject))
        return context

    def form_valid(self, form):
        task = self.request.activation.task
        if not actions.perform(task, self.request.user, form):
            return self.form_invalid(form)
        self.request.activation.execute()
        return HttpResponseRedirect(self.get_success_url())


class VisibleOnly:
    """A list of processes or tasks without those about a dossier hidden from the user
    (need to know, DESIGN.md section 4)."""

    def get_queryset(self):
        return visible_only(super().get_queryset(), self.request.user)


PIN = "vf-pin-location"


class PinWhenMoved(mixins.StoreRequestPathMixin):
    """viewflow's lists remember their address in the session (where a finished task
    returns to) by writing it on every view, which saves the session each time; here only
    when the address differs from the one remembered."""

    def dispatch(self, request, *args, **kwargs):
        path = request.get_full_path()
        if request.session.get(PIN) != path:
            request.session[PIN] = path
        # Past viewflow's own mixin, which would write it again.
        return super(mixins.StoreRequestPathMixin, self).dispatch(request, *args, **kwargs)


class ProcessListView(VisibleOnly, PinWhenMoved, DashboardProcessListView):
    """viewflow's process list, newest first (its own query has no order, so pages shift)."""

    def get_queryset(self):
        return super().get_queryset().order_by("-created", "-pk")


class TaskFilter(FilterSet):
    """viewflow's task filter without its process drop-down: that lists every process
    with an open task (tens of thousands of options on a full queue); with the urgent and
    the overdue tasks (``columns.with_due_dates``). The steps to choose from are the
    flow's human steps (``flow_class``), not read from the tasks: viewflow's own choice
    scans every open task on each view."""

    flow_task = ChoiceFilter(label=_("Stap"))
    created = DateRangeFilter(label=_("Wacht sinds"))
    dringend = BooleanFilter(label=_("Urgent"), method="filter_dringend")
    te_laat = BooleanFilter(label=_("Te laat"), method="filter_te_laat")
    zaak = CharFilter(label=_("Nummer"), field_name="zaak_nummer", lookup_expr="icontains")
    zorgaanbieder = CharFilter(
        label=_("Zorgaanbieder"), field_name="aanbieder_naam", lookup_expr="icontains"
    )
    domein = ChoiceFilter(label=_("Domein"), field_name="zaak_domein", choices=Domein.choices)
    gemeente = ModelChoiceFilter(
        label=_("Gemeente"), queryset=Gemeente.objects.order_by("naam"), method="filter_gemeente"
    )

    def filter_gemeente(self, queryset, name, value):
        return queryset if value is None else queryset.filter(at_municipality(value))

    def filter_dringend(self, queryset, name, value):
        return queryset if value is None else queryset.filter(dringend=value)

    def filter_te_laat(self, queryset, name, value):
        late = Q(uiterlijk_op__lt=timezone.localdate())
        return queryset if value is None else queryset.filter(late if value else ~late)

    def __init__(self, *args, flow_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["flow_task"].field.choices = human_steps(flow_class)

    @property
    def is_filtering(self) -> bool:
        """Whether any filter narrows the list (sorting does not)."""
        return any(self.data.get(name) not in (None, "") for name in self.filters)

    class Meta:
        model = Task
        fields = (
            "zaak",
            "zorgaanbieder",
            "domein",
            "gemeente",
            "flow_task",
            "created",
            "dringend",
            "te_laat",
        )


def human_steps(flow_class) -> list[tuple[str, str]]:
    """The steps of ``flow_class`` a person carries out, as choices (by title)."""
    if flow_class is None:
        return []
    nodes = [n for n in flow_class.instance.nodes() if n.task_type == "HUMAN"]
    return [(get_task_ref(n), n.task_title) for n in sorted(nodes, key=lambda n: n.task_title)]


class TaskList(PinWhenMoved):
    """A flow's queue or inbox: the steps to filter on come from the flow, and the menu's
    count of this list is the count the page already made (``menu_counts``), unless a
    filter narrowed it."""

    filterset_class = TaskFilter
    menu_key = ""
    # Counting 100,000 open tasks took most of a page's time; past 1,000 it says so.
    paginator_class = CappedPaginator

    @viewprop
    def queryset(self):
        return with_due_dates(offered(super().queryset, self.request.user, [self.flow_class]))

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "flow_class": self.flow_class}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.filterset.is_filtering and context.get("paginator") is not None:
            self.request.menu_counts = {
                **getattr(self.request, "menu_counts", {}),
                self.menu_key: MenuCount(context["paginator"].total_label),
            }
        return context


class MenuCount:
    """A count the page already made, where the menu's template asks ``.count`` of the
    list's queryset."""

    def __init__(self, count: int | str):
        self.count = count


class CappedCount:
    """The menu's count of a list the page did not count itself (the queue's, on the
    inbox): like the list's own, up to the cap, and only when the menu shows it."""

    def __init__(self, tasks):
        self.tasks = tasks

    @functools.cached_property
    def count(self) -> str:
        return CappedPaginator(self.tasks, 1).total_label


def counted_menu(request) -> dict:
    """The menu's counts (``user_queue``, ``user_inbox``) that the page itself made."""
    return getattr(request, "menu_counts", {})


class QueueListView(CaseColumns, VisibleOnly, TaskList, FlowQueueListView):
    menu_key = "user_queue"


class InboxListView(CaseColumns, VisibleOnly, TaskList, FlowInboxListView):
    menu_key = "user_inbox"


class ArchiveListView(VisibleOnly, PinWhenMoved, FlowArchiveListView):
    pass


class TaskListView(VisibleOnly, PinWhenMoved, DashboardTaskListView):
    pass


class AssignTasksView(VisibleOnly, BulkAssignTasksActionView):
    def get_queryset(self):
        self.object_list = super().get_queryset()
        return self.object_list


class UnassignTasksView(VisibleOnly, BulkUnassignTasksActionView):
    def get_queryset(self):
        self.object_list = super().get_queryset()
        return self.object_list


class FlowDashboardView(PinWhenMoved, DashboardView):
    """viewflow's dashboard (the flow's index), its columns without the tasks about a
    dossier hidden from the user; its own query has no hook, so it is redone here."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks = visible_only(
            self.flow_class.task_class._default_manager.filter_available(
                [self.flow_class], self.request.user
            ),
            self.request.user,
        )
        for column in context["columns"]:
            column["tasks"] = tasks.filter(
                Q(finished__isnull=True) | Q(status=STATUS.ERROR), flow_task=column["node"]
            )[: self.MAX_ROWS]
        context["finished"] = tasks.filter(
            finished__isnull=False, flow_task__in=context["end_nodes"]
        )[: self.MAX_ROWS]
        return context


class NeedToKnowViews:
    """For a flow's work queue (viewflow's FlowAppViewset): every list without the
    processes and tasks about a dossier hidden from the user, and every page about one
    process (its detail, chart, cancel) refused for such a process."""

    dashboard_view_class = FlowDashboardView
    task_list_view_class = TaskListView
    archive_view_class = ArchiveListView
    tasks_assign_view_class = AssignTasksView
    tasks_unassign_view_class = UnassignTasksView

    def _get_urls(self):
        return guard_process_pages(super()._get_urls())

    def get_context_data(self, request):
        context = super().get_context_data(request)
        for key in ("user_inbox", "user_queue"):
            context[key] = visible_only(context[key], request.user)
        return context
