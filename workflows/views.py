"""Task views of the staff UI: one generic view, the form and service come from actions.py."""

from django.http import HttpResponseRedirect
from django.views import generic
from django_filters import ChoiceFilter, DateRangeFilter, FilterSet
from viewflow.utils import viewprop
from viewflow.views import FormLayoutMixin
from viewflow.workflow.flow.views import mixins
from viewflow.workflow.flow.views.dashboard import DashboardProcessListView
from viewflow.workflow.flow.views.filters import get_queryset_flow_task_choices
from viewflow.workflow.flow.views.list import FlowInboxListView, FlowQueueListView
from viewflow.workflow.models import Task

from . import actions
from .nodes import offered


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
        return context

    def form_valid(self, form):
        task = self.request.activation.task
        if not actions.perform(task, self.request.user, form):
            return self.form_invalid(form)
        self.request.activation.execute()
        return HttpResponseRedirect(self.get_success_url())


class ProcessListView(DashboardProcessListView):
    """viewflow's process list, newest first (its own query has no order, so pages shift)."""

    def get_queryset(self):
        return super().get_queryset().order_by("-created", "-pk")


class TaskFilter(FilterSet):
    """viewflow's task filter without its process drop-down: that lists every process
    with an open task (tens of thousands of options on a full queue)."""

    flow_task = ChoiceFilter()
    created = DateRangeFilter()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["flow_task"].field.choices = get_queryset_flow_task_choices(self.queryset)

    class Meta:
        model = Task
        fields = ("flow_task", "created")


class QueueListView(FlowQueueListView):
    filterset_class = TaskFilter

    @viewprop
    def queryset(self):
        return offered(super().queryset, self.request.user, [self.flow_class])


class InboxListView(FlowInboxListView):
    filterset_class = TaskFilter

    @viewprop
    def queryset(self):
        return offered(super().queryset, self.request.user, [self.flow_class])
