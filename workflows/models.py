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


class _FreshArtifact:
    """A process whose artifact is read fresh from the database (see MeldingProcess)."""

    artifact_model: tuple[str, str] = ("", "")

    def artifact_fresh(self):
        from django.apps import apps

        return apps.get_model(*self.artifact_model).objects.get(pk=self.artifact_object_id)

    def __str__(self) -> str:
        return str(self.artifact) if self.artifact_object_id else super().__str__()


class BezwaarProcess(_FreshArtifact, Process):
    """The decision on an objection in one legal trajectory."""

    artifact_model = ("juridisch", "JuridischTraject")

    class Meta:
        proxy = True
        verbose_name = _("bezwaarbehandeling")
        verbose_name_plural = _("bezwaarbehandelingen")

    @property
    def traject(self):
        return self.artifact_fresh()


class MeerwerkProcess(_FreshArtifact, Process):
    """One request for extra work, answered by every member municipality."""

    artifact_model = ("dossieroverleg", "MeerwerkVerzoek")

    class Meta:
        proxy = True
        verbose_name = _("meerwerkverzoek")
        verbose_name_plural = _("meerwerkverzoeken")

    @property
    def verzoek(self):
        return self.artifact_fresh()
