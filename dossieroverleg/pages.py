"""What every dossier page starts from: the dossier, if this user may see it."""

from django.http import Http404

from . import selectors
from .models import Dossier


def visible_dossier(request, pk: int) -> Dossier:
    try:
        return selectors.dossier_detail(request.user, pk=pk)
    except Dossier.DoesNotExist:
        raise Http404 from None
