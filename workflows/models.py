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
        return self.artifact

    def __str__(self) -> str:
        return str(self.artifact) if self.artifact_object_id else super().__str__()
