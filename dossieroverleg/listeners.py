"""Keep stored involvement in step when reference data changes under an open dossier."""

from django.utils.translation import gettext as _

from .models import OPEN_STATUSSEN, Dossier


def contract_parties_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    """The parties to a contract changed (e.g. in the admin): recompute every open dossier
    that concerns that contract, with a visible change record."""
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    from .services import recompute_involvement

    for dossier in Dossier.objects.filter(contracten=instance, status__in=OPEN_STATUSSEN):
        recompute_involvement(
            dossier=dossier,
            by=None,
            reden=_("partijen bij contract %(ref)s gewijzigd") % {"ref": instance.referentie},
        )
