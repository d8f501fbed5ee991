"""What a work queue shows of each task: which case, which provider, which step.

viewflow's lists name a task "#6/26" (process and task ids) under a column "Brief"; staff
need the number of the report or dossier and the provider to know what they pick up.
"""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


def _subject(task):
    return task.process.artifact


def with_cases(tasks):
    """The tasks with their case and its provider, in a constant number of queries."""
    from django.contrib.contenttypes.prefetch import GenericPrefetch

    from dossieroverleg.models import Dossier, JuridischTraject, MeerwerkVerzoek, Termijn
    from meldpunt.models import Melding

    return tasks.select_related("process").prefetch_related(
        GenericPrefetch(
            "process__artifact",
            [
                Melding.objects.select_related("zorgaanbieder"),
                Dossier.objects.select_related("zorgaanbieder"),
                JuridischTraject.objects.select_related("dossier__zorgaanbieder"),
                Termijn.objects.select_related("dossier__zorgaanbieder"),
                MeerwerkVerzoek.objects.select_related("dossier__zorgaanbieder"),
            ],
        )
    )


class CaseColumns:
    columns = ("zaak", "zorgaanbieder", "task_title", "created")

    def get_queryset(self):
        return with_cases(super().get_queryset())

    def zaak(self, task):
        url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
        subject = _subject(task)
        dossier = getattr(subject, "dossier", None)
        nummer = getattr(subject, "nummer", None) or getattr(dossier, "nummer", None)
        nummer = nummer or str(subject)
        return format_html('<a href="{}">{}</a>', url, nummer)

    zaak.short_description = _("Melding of dossier")

    def zorgaanbieder(self, task):
        subject = _subject(task)
        aanbieder = getattr(subject, "zorgaanbieder", None)
        if aanbieder is None and hasattr(subject, "dossier"):
            aanbieder = subject.dossier.zorgaanbieder
        return str(aanbieder) if aanbieder is not None else "—"

    zorgaanbieder.short_description = _("Zorgaanbieder")

    def task_title(self, task):
        return task.title

    task_title.short_description = _("Stap")
