"""The mails sent about a dossier, with their delivery status, on its timeline."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .models import Notificatie


def entries(dossier, staff: bool):
    from dossieroverleg.timeline import Entry

    rows = Notificatie.objects.filter(
        content_type=ContentType.objects.get_for_model(dossier), object_id=dossier.pk
    ).select_related("gemeente")
    for row in rows:
        if row.gemeente is None and not staff:
            continue
        wie = row.gemeente.naam if row.gemeente else row.ontvanger
        status = row.get_status_display()
        if row.mogelijk_dubbel:
            status = _("%(status)s, mogelijk dubbel") % {"status": status}
        yield Entry(
            row.aangemaakt_op,
            _("e-mail"),
            _("%(onderwerp)s → %(wie)s (%(status)s)")
            % {"onderwerp": row.onderwerp, "wie": wie, "status": status},
        )


def register() -> None:
    from dossieroverleg.timeline import register as register_provider

    register_provider(entries)
