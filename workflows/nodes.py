"""Nodes viewflow does not have.

``ForEachSplit``: a parallel split that creates one task per item (one branch per
municipality). viewflow 2.4 documents ``data_source`` on ``Split.Next`` but does not
implement it; this node does: each item becomes the ``data`` of its own task, and a
``flow.Join`` waits for all of them (their tokens share the split's prefix).

``RestrictedView``: a human task some holders of its permission may not take (segregation
of duties), left out of their work lists and refused with the reason.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import Split
from viewflow.workflow.nodes.split import SplitActivation


class ForEachSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, cond, data_source in self.flow_task._branches:
            if cond and not cond(self):
                continue
            if data_source is None:
                self.next_tasks.append((node, None))
            else:
                self.next_tasks += [(node, item) for item in data_source(self)]
        if not self.next_tasks:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class ForEachSplit(Split):
    activation_class = ForEachSplitActivation

    def Next(self, node, case=None, data_source=None):
        self._activate_next.append((node, case, data_source))
        return self

    def _resolve(self, instance):
        super(Split, self)._resolve(instance)
        self._activate_next = [
            (this.resolve(instance, n), this.resolve(instance, c), this.resolve(instance, d))
            for n, c, d in self._activate_next
        ]


class RestrictedView(flow.View):
    """A human task that some holders of its permission still may not take, and are told
    why.

    viewflow's queues check only the permission (``Task.objects.queue``) and its task pages
    answer a refusal with a bare 403. Here ``refusal`` gives the reason for one task, and
    ``hidden_from`` the same rule as a condition on tasks: the work lists leave out
    (:func:`offered`) what the task's pages refuse, and those pages say why.
    """

    def refusal(self, user, task) -> str | None:
        """Why ``user`` may not take or do ``task``; None when nothing in this node stops
        them (the permission is checked by viewflow as usual)."""
        raise NotImplementedError

    def hidden_from(self, user) -> Q:
        """This node's tasks that ``user`` may not take, as a condition on ``Task``."""
        raise NotImplementedError

    def can_assign(self, user, task):
        return super().can_assign(user, task) and self.refusal(user, task) is None

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self.refusal(user, task) is None

    def _explained(self, pattern):
        """The task page ``pattern`` answers a refused user with 403 and the reason."""
        view = pattern.callback

        @functools.wraps(view)
        def explained(request, *args, **kwargs):
            if request.user.is_authenticated:
                task = (
                    self.flow_class.task_class._default_manager.filter(
                        pk=kwargs.get("task_pk"), flow_task=self
                    )
                    .select_related("process")
                    .first()
                )
                if task is not None and (reason := self.refusal(request.user, task)):
                    raise PermissionDenied(reason)
            return view(request, *args, **kwargs)

        pattern.callback = explained
        return pattern

    @property
    def view_path(self):
        return self._explained(super().view_path)

    @property
    def assign_path(self):
        return self._explained(super().assign_path)

    @property
    def detail_path(self):
        return self._explained(super().detail_path)


def refusal_of(task, user) -> str | None:
    """Why ``user`` may not take or do ``task``, if its node says so."""
    node = task.flow_task
    return node.refusal(user, task) if isinstance(node, RestrictedView) else None


def offered(tasks: QuerySet, user, flow_classes) -> QuerySet:
    """``tasks`` without those of restricted nodes of ``flow_classes`` that ``user`` may
    not take (viewflow's queue offers every task whose permission the user holds)."""
    for flow_class in flow_classes:
        for node in flow_class.instance.nodes():
            if isinstance(node, RestrictedView):
                tasks = tasks.exclude(Q(flow_task=node) & node.hidden_from(user))
    return tasks
