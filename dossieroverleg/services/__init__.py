"""The use cases of the dossier app, one function per action, one module per subject:

* ``dossier``: opening, involvement and scope, the officer, confidentiality, closing, and
  the one door for a status change (``change_status``, with history and event);
* ``onderzoek``: the investigation; ``overleg``: the Dossieroverleg; ``advies``: advice
  and decision; ``inzet``: costs;
* ``nazorg``: aftercare and improvement plans; ``meerwerk``: extra work; ``escalatie``:
  escalation of youth cases.

Every status change goes through a django-fsm transition, writes a history row and emits
a domain event (``regio.events``) in the same transaction. Callers use this package
(``from dossieroverleg import services``); the legal follow-up is the app ``juridisch``.
"""

from .advies import (
    MAATREGELEN_MET_TRAJECT,
    draft_advice,
    record_decision,
    review_advice,
)
from .dossier import (
    add_interested_municipality,
    announce,
    assign_officer,
    change_status,
    close_dossier,
    compute_involvement,
    link_report,
    locked,
    open_dossier,
    recompute_involvement,
    record_division,
    set_confidentiality,
    update_scope,
    validate_dossier_link,
)
from .escalatie import (
    escalate,
    record_escalation_answer,
)
from .inzet import (
    record_costs,
)
from .meerwerk import (
    answer_extra_work,
    arrangement_of,
    conclude_extra_work,
    record_no_answer,
    request_extra_work,
)
from .nazorg import (
    aftercare_municipalities,
    ask_aftercare,
    confirm_aftercare,
    record_improvement_plan,
    record_reinspection,
    request_aftercare,
    start_aftercare,
)
from .onderzoek import (
    add_activity,
    add_document,
    finish_investigation,
    start_investigation,
)
from .overleg import (
    add_attendee,
    hold_meeting,
    plan_meeting,
    put_on_agenda,
    record_conclusion,
    remove_from_agenda,
    set_agenda,
    set_minutes,
)

__all__ = [
    "MAATREGELEN_MET_TRAJECT",
    "add_activity",
    "add_attendee",
    "add_document",
    "aftercare_municipalities",
    "add_interested_municipality",
    "announce",
    "answer_extra_work",
    "arrangement_of",
    "ask_aftercare",
    "assign_officer",
    "change_status",
    "close_dossier",
    "compute_involvement",
    "conclude_extra_work",
    "confirm_aftercare",
    "draft_advice",
    "escalate",
    "finish_investigation",
    "hold_meeting",
    "link_report",
    "locked",
    "open_dossier",
    "plan_meeting",
    "put_on_agenda",
    "recompute_involvement",
    "record_division",
    "record_conclusion",
    "record_costs",
    "record_decision",
    "record_escalation_answer",
    "record_improvement_plan",
    "record_no_answer",
    "record_reinspection",
    "remove_from_agenda",
    "request_aftercare",
    "request_extra_work",
    "review_advice",
    "set_agenda",
    "set_confidentiality",
    "set_minutes",
    "start_aftercare",
    "start_investigation",
    "update_scope",
    "validate_dossier_link",
]
