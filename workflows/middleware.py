"""Task pages under concurrency: two people, one task.

viewflow's task pages (``<process_pk>/<task>/<task_pk>/...``) find the task by its own id
and lock the process named in the address, without checking that the two belong
together; a click on a task another person has just taken or finished is refused with a
bare 403. Here:

* a task addressed under a process it does not belong to is a 404, before any lock;
* a refused task page whose task is done, cancelled or in someone else's hands by now is a
  409 that says so, and so is a lock that could not be had in time
  (:mod:`workflows.locking`). Nothing was changed by the refused request: viewflow ran it
  in a transaction that was rolled back.

The API answers the same in JSON (``api.py``).
"""

import copy

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
TAKEN = "Deze taak is al door iemand anders opgepakt of afgerond."


def taken_by_now(task: Task, user) -> bool:
    """Whether ``task`` left ``user``'s reach by someone else's hand: done, cancelled, or
    held by another person."""
    return task.status not in OPEN or (task.owner_id is not None and task.owner_id != user.pk)


def could_have_taken(task: Task, user) -> bool:
    """Whether ``user`` could have taken ``task`` had it still been open and free: only
    they are told that someone else was first; anyone else keeps the plain refusal."""
    free = copy.copy(task)
    free.owner, free.status = None, STATUS.NEW
    return bool(task.flow_task.can_assign(user, free))


class TaskConflictMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @staticmethod
    def _task_kwargs(request, kwargs) -> tuple[int, int] | None:
        if not request.user.is_authenticated:
            return None
        process_pk, task_pk = kwargs.get("process_pk"), kwargs.get("task_pk")
        if process_pk is None or task_pk is None:
            return None
        return process_pk, task_pk

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (pks := self._task_kwargs(request, callback_kwargs)) is not None:
            process_pk, task_pk = pks
            if not Task.objects.filter(pk=task_pk, process_id=process_pk).exists():
                raise Http404(_("Deze taak hoort niet bij dit proces."))
        return None

    def process_exception(self, request, exception):
        match = request.resolver_match
        pks = self._task_kwargs(request, match.kwargs if match else {})
        if pks is None:
            return None
        if isinstance(exception, FlowLockFailed):
            return self._conflict(request, str(exception))
        if isinstance(exception, PermissionDenied):
            task = Task.objects.filter(pk=pks[1]).select_related("process").first()
            if task is None or not taken_by_now(task, request.user):
                return None
            if could_have_taken(task, request.user):
                return self._conflict(request, _(TAKEN))
        return None

    @staticmethod
    def _conflict(request, reason: str) -> TemplateResponse:
        try:
            task_list_url = reverse(f"{request.resolver_match.namespace}:inbox")
        except NoReverseMatch:
            task_list_url = None
        return TemplateResponse(
            request, "409.html", {"reason": reason, "task_list_url": task_list_url}, status=409
        )
