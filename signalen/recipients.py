"""Who is told that work waits: the one place for the rules of the signals.

* A human task of a node that signals (``listeners.SIGNALLED_NODES``): its owner; while
  nobody holds it, every active user who may take it, as the work queue decides: the
  node's permission and the node's own refusal (the author of the advice; whoever took
  part in the primary decision on an objection, seed 002 Bijlage A art. 2 lid 4).
* A reporter's answer: whoever holds the weighing; else whoever asked the question; else
  whoever may weigh.
* A term about to end or ended: the users the term's watch tells (``termijnen.bewaking``).
* A municipality's answer (extra work, aftercare): who asked it and the dossier's officer.

And always need to know (DESIGN.md section 4): a signal about a secret dossier only
reaches those who may see that dossier (``dossieroverleg.selectors.hidden_among``).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet


def holders_of(permission: str) -> QuerySet:
    """Active users holding ``app_label.codename`` through a role or by themselves."""
    app_label, codename = permission.split(".", 1)
    via_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    own = Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return (
        get_user_model().objects.filter(via_group | own, is_active=True).distinct().order_by("pk")
    )


def who_may_take(task) -> list:
    """The owner of ``task``, or everyone its queue offers it to."""
    if task.owner_id:
        return [task.owner] if task.owner.is_active else []
    if not task.owner_permission:
        return []
    node = task.flow_task
    return [user for user in holders_of(task.owner_permission) if node.can_assign(user, task)]


def answer_recipients(*, weighing, asked_by) -> list:
    """Who hears that the reporter answered: the holder of the weighing; else whoever
    asked the question; else whoever may take the weighing."""
    if weighing is not None and weighing.owner_id:
        return who_may_take(weighing)
    if asked_by is not None and asked_by.is_active:
        return [asked_by]
    return who_may_take(weighing) if weighing is not None else []


def case_officers(dossier, *also) -> list:
    """The dossier's officer and ``also`` (who asked), each once."""
    users = {u.pk: u for u in (dossier.behandelaar, *also) if u is not None and u.is_active}
    return list(users.values())
