"""Shapes every domain app records the same way: status history and stored documents."""

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AbstractStatusWijziging(models.Model):
    """One transition: who, when, from, to, why. Subclasses add the subject and choices."""

    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("op"), default=timezone.now)
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        abstract = True
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.van or '-'} -> {self.naar}"


def upload_path(instance, filename: str) -> str:
    # A random name: the original name stays in the row, never in the file system path.
    return f"{instance.UPLOAD_FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class AbstractDocument(models.Model):
    """A stored file, outside any web root; served only by views that check permissions."""

    UPLOAD_FOLDER = "documenten"

    bestand = models.FileField(_("bestand"), upload_to=upload_path, max_length=200)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["toegevoegd_op"]

    def __str__(self) -> str:
        return self.naam


def store_document(
    document: AbstractDocument, *, naam: str, inhoud: bytes, content_type: str
) -> AbstractDocument:
    """Save a checked upload with its row; no file stays behind if the row cannot be saved."""
    document.naam = naam[:200]
    document.content_type = content_type
    document.grootte = len(inhoud)
    document.sha256 = hashlib.sha256(inhoud).hexdigest()
    document.bestand.save(naam, ContentFile(inhoud), save=False)
    try:
        document.save()
    except Exception:
        document.bestand.delete(save=False)
        raise
    return document


def delete_documents(queryset) -> int:
    """Delete stored documents: the rows now, their files once the transaction has
    committed (a rollback brings the rows back, so their files must still be there)."""
    files = [(document.bestand.storage, document.bestand.name) for document in queryset]
    count = len(files)
    queryset.delete()

    def remove() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove)
    return count
