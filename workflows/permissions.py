"""Who may see and manage a flow's processes and tasks.

viewflow decides with model permissions on its own Process model unless the flow says
otherwise (DESIGN.md section 4; viewflow issue #505): every flow here overrides both with
the permissions of the domain it orchestrates, and with need to know on the object: a
process (or task) whose artifact belongs to a secret dossier hidden from the user (the
dossier app's rule, ``dossieroverleg.selectors.hidden_records``) is not shown on any page
of its flow, nor in any list of processes or tasks (``visible_only``).
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import URLPattern, URLResolver
from viewflow.workflow.models import Process, Task

from dossieroverleg.selectors import hidden_records
from regio.roles import has_staff_role


def hidden_artifacts(user, prefix: str = "") -> Q | None:
    """The processes whose artifact belongs to a dossier hidden from ``user``, as a
    condition on Process (on Task with ``prefix="process__"``); None when none is hidden."""
    records = hidden_records(user)
    if not records:
        return None
    hidden = Q()
    for model, ids in records.items():
        hidden |= Q(
            **{
                f"{prefix}artifact_content_type": ContentType.objects.get_for_model(model),
                f"{prefix}artifact_object_id__in": ids,
            }
        )
    return hidden


def visible_only(qs: QuerySet, user) -> QuerySet:
    """``qs`` (processes or tasks) without those about a dossier hidden from ``user``."""
    hidden = hidden_artifacts(user, "process__" if issubclass(qs.model, Task) else "")
    return qs if hidden is None else qs.exclude(hidden)


def may_see(user, obj) -> bool:
    """Whether ``user`` may see this process or task (need to know; not the role)."""
    process_id = obj.process_id if isinstance(obj, Task) else obj.pk
    hidden = hidden_artifacts(user)
    return hidden is None or not Process.objects.filter(hidden, pk=process_id).exists()


def _need_to_know(view):
    """The page of one process (and task) answers 404 when it is about a dossier hidden
    from the user. The task is checked too: viewflow finds it by its own id, whatever
    process the address names."""
    if getattr(view, "need_to_know", False):
        return view

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        ids = {kwargs["process_pk"]}
        if (task_pk := kwargs.get("task_pk")) is not None:
            ids |= set(Task.objects.filter(pk=task_pk).values_list("process_id", flat=True))
        hidden = hidden_artifacts(request.user)
        if hidden is not None and Process.objects.filter(hidden, pk__in=ids).exists():
            raise Http404
        return view(request, *args, **kwargs)

    guarded.need_to_know = True
    return guarded


def guard_process_pages(patterns: list) -> list:
    """Put the need-to-know check in front of every view whose address names a process."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guard_process_pages(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and "process_pk" in getattr(
            pattern.pattern, "converters", {}
        ):
            pattern.callback = _need_to_know(pattern.callback)
    return patterns


class DomainPermissionsMixin:
    """Flow pages are for the region's staff with the domain permission; municipality
    users and systems (API accounts) never see viewflow's process and task pages. Asked
    about one process or task (``obj``), the answer is also need to know."""

    view_permission: str = ""
    manage_permission: str = ""

    def has_view_permission(self, user, obj=None) -> bool:
        allowed = has_staff_role(user) and user.has_perm(self.view_permission)
        return allowed and (obj is None or may_see(user, obj))

    def has_manage_permission(self, user, obj=None) -> bool:
        allowed = has_staff_role(user) and user.has_perm(self.manage_permission)
        return allowed and (obj is None or may_see(user, obj))

    def _get_urls(self):
        # Every task page of every node (view, assign, execute, undo, cancel, ...).
        return guard_process_pages(super()._get_urls())
