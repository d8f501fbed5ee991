"""A parallel split that creates one task per item (one branch per municipality).

viewflow 2.4 documents ``data_source`` on ``Split.Next`` but does not implement it; this
node does: each item becomes the ``data`` of its own task, and a ``flow.Join`` waits for
all of them (their tokens share the split's prefix).
"""

from viewflow import this
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
