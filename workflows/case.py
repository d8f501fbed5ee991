"""What a task page shows of its case beside the form: the report or dossier, its
provider's earlier reports and dossiers, the history and the documents.

Earlier reports and dossiers go through the need-to-know selectors (``visible_meldingen``,
``provider_dossiers``): a secret dossier, and a report behind it, is left out for whoever
may not see it.
"""

from dossieroverleg.models import Dossier
from dossieroverleg.selectors import provider_dossiers
from meldpunt.models import Melding
from meldpunt.selectors import provider_meldingen
from meldpunt.services import competence

EARLIER = 5
HISTORY = 8


def case_of(subject):
    """The report or dossier a task's subject belongs to (a term, a trajectory or an
    extra-work request belongs to a dossier)."""
    if isinstance(subject, Melding | Dossier):
        return subject
    return getattr(subject, "dossier", None)


def case_context(user, subject) -> dict:
    case = case_of(subject)
    if case is None:
        return {}
    context = {"zaak": case, "zaak_soort": case._meta.model_name}
    if (aanbieder := case.zorgaanbieder) is not None:
        meldingen = provider_meldingen(user, aanbieder)
        dossiers = provider_dossiers(user, aanbieder)
        if isinstance(case, Melding):
            meldingen = meldingen.exclude(pk=case.pk)
        else:
            dossiers = dossiers.exclude(pk=case.pk)
        context["eerdere_meldingen"] = list(meldingen[:EARLIER])
        context["eerdere_dossiers"] = list(dossiers[:EARLIER])
    if isinstance(case, Melding) and case.domein:
        context["bevoegdheid"] = competence(case)
    context["historie"] = list(case.historie.select_related("door").order_by("-op")[:HISTORY])
    documents = case.bijlagen if isinstance(case, Melding) else case.documenten
    context["documenten"] = list(documents.order_by("pk"))
    return context
