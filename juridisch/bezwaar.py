"""Who may decide an objection: whoever holds the permission and took no part in the
primary decision (seed 002, Bijlage A art. 2 lid 4). One rule for the work lists (which
leave the objection out), the task (which refuses it with the reason) and the service
that records the decision.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from .models import JuridischTraject, TrajectStap

Stap = TrajectStap.Soort


def _took_part(user) -> Q:
    """On a trajectory: ``user`` (a user, or a reference to one in a subquery) took part in
    its primary decision: wrote or reviewed the dossier's advice, recorded the college's
    decision, or recorded the intention or the decision of this trajectory (seed 002,
    Bijlage A art. 2 lid 4)."""
    return (
        Q(dossier__adviezen__opgesteld_door=user)
        | Q(dossier__adviezen__beoordeeld_door=user)
        | Q(besluit__vastgelegd_door=user)
        | Q(stappen__soort__in=[Stap.VOORNEMEN, Stap.BESLUIT], stappen__vastgelegd_door=user)
    )


def primary_decision_takers(traject: JuridischTraject) -> set[int]:
    """Users who took part in the primary decision of ``traject``."""
    took_part = JuridischTraject.objects.filter(_took_part(OuterRef("pk")), pk=traject.pk)
    return set(get_user_model().objects.filter(Exists(took_part)).values_list("pk", flat=True))


def objections_barred_for(user) -> QuerySet[JuridischTraject]:
    """The trajectories whose objection ``user`` may not decide: every one without the
    permission, otherwise those in whose primary decision the user took part. Work lists
    leave their objection tasks out with this, the task itself refuses them with
    :func:`objection_refusal`: the same rule."""
    if user is None or not user.has_perm("juridisch.beslissen_op_bezwaar"):
        return JuridischTraject.objects.all()
    return JuridischTraject.objects.filter(_took_part(user))


def objection_refusal(user, traject: JuridischTraject) -> str | None:
    """Why ``user`` may not decide the objection in ``traject``; None when they may."""
    if user is None or not user.has_perm("juridisch.beslissen_op_bezwaar"):
        return _("U mag niet beslissen op bezwaar.")
    if JuridischTraject.objects.filter(_took_part(user), pk=traject.pk).exists():
        return _(
            "U was betrokken bij het primaire besluit; over het bezwaar beslist een collega "
            "die daar niet bij betrokken was (Bijlage A art. 2 lid 4 DVO)."
        )
    return None


def may_decide_objection(user, traject: JuridischTraject) -> bool:
    return objection_refusal(user, traject) is None
