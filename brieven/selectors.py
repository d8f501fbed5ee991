"""Reads of letters, scoped like the dossiers they belong to: a letter is seen by whoever
sees its dossier (``dossieroverleg.selectors.visible_dossiers``, need to know included)."""

from django.db.models import Q, QuerySet

from dossieroverleg.models import Advies
from dossieroverleg.selectors import visible_dossiers
from juridisch.models import TrajectStap

from .models import Brief


def visible_letters(user) -> QuerySet[Brief]:
    dossiers = visible_dossiers(user).values("pk")
    return (
        Brief.objects.filter(
            Q(stap__traject__dossier__in=dossiers) | Q(advies__dossier__in=dossiers)
        )
        .select_related("sjabloon", "stap__traject__dossier", "advies__dossier")
        .prefetch_related("bestanden")
    )


def visible_steps(user) -> QuerySet[TrajectStap]:
    return TrajectStap.objects.filter(
        traject__dossier__in=visible_dossiers(user).values("pk")
    ).select_related("traject__dossier__zorgaanbieder", "traject__besluit", "termijn")


def visible_advice(user) -> QuerySet[Advies]:
    return Advies.objects.filter(dossier__in=visible_dossiers(user).values("pk")).select_related(
        "dossier__zorgaanbieder", "opgesteld_door", "beoordeeld_door"
    )


def letters_of(**subject) -> list[Brief]:
    """The letters of one step (``stap=``) or advice (``advies=``), oldest first, with their
    files; for a page that already showed its dossier to this user."""
    return list(
        Brief.objects.filter(**subject)
        .select_related("sjabloon", "gemaakt_door")
        .prefetch_related("bestanden")
    )
