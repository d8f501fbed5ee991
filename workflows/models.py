from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class MeldingProcess(Process):
    """The process of one report; its artifact is the Melding."""

    class Meta:
        proxy = True
        verbose_name = _("meldingproces")
        verbose_name_plural = _("meldingprocessen")

    @property
    def melding(self):
        # Read fresh: services change the report through their own (locked) instance, so
        # the artifact cached on this process may be stale within one request.
        from meldpunt.models import Melding

        return Melding.objects.select_related("weging").get(pk=self.artifact_object_id)

    def __str__(self) -> str:
        return str(self.artifact) if self.artifact_object_id else super().__str__()


class DossierProcess(Process):
    """The process of one enforcement dossier; its artifact is the Dossier."""

    class Meta:
        proxy = True
        verbose_name = _("handhavingsproces")
        verbose_name_plural = _("handhavingsprocessen")

    @property
    def dossier(self):
        from dossieroverleg.models import Dossier

        return Dossier.objects.get(pk=self.artifact_object_id)

    def __str__(self) -> str:
        return str(self.artifact) if self.artifact_object_id else super().__str__()
