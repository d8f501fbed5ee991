"""Writing signals: made in the transaction of the event or task that caused them, one
per user and cause (``sleutel``), marked read by their user, closed when the work no
longer waits for them."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from dossieroverleg.selectors import hidden_among

from .models import Signaal, SignaalVoorkeur
from .recipients import who_may_take

FINISHED = (STATUS.DONE, STATUS.CANCELED)


@dataclass
class NewSignal:
    """A signal for each of ``users`` about ``subject`` (the keyword arguments of
    ``create``)."""

    users: Iterable
    soort: str
    sleutel: str
    subject: object
    nummer: str
    pad: str
    zorgaanbieder: str = ""
    toelichting: str = ""
    taak: object = None


def create(**signal) -> list[Signaal]:
    """A signal for each of ``users`` who may see ``subject`` (need to know); a user who
    has one for ``sleutel`` already gets none (the same event twice)."""
    return create_many([NewSignal(**signal)])


def create_many(signals: list[NewSignal]) -> list[Signaal]:
    """The rows of several signals in one INSERT; who may see what is asked once per user
    and kind of subject (``dossieroverleg.selectors.hidden_among``)."""
    per_signal = [(signal, list({u.pk: u for u in signal.users}.values())) for signal in signals]
    asked: dict[tuple, set] = {}
    for signal, users in per_signal:
        subject = signal.subject
        if subject is None or subject.pk is None:
            continue
        for user in users:
            asked.setdefault((user, subject._meta.concrete_model), set()).add(subject.pk)
    hidden = {
        (user.pk, model, pk)
        for (user, model), pks in asked.items()
        for pk in hidden_among(user, model, pks)
    }
    rows = []
    for signal, users in per_signal:
        subject = signal.subject
        known = subject is not None and subject.pk is not None
        content_type = ContentType.objects.get_for_model(subject) if subject is not None else None
        rows += [
            Signaal(
                gebruiker=user,
                soort=signal.soort,
                sleutel=signal.sleutel[:160],
                nummer=signal.nummer[:40],
                zorgaanbieder=signal.zorgaanbieder[:255],
                toelichting=signal.toelichting[:255],
                pad=signal.pad[:255],
                content_type=content_type,
                object_id=subject.pk if subject is not None else None,
                taak=signal.taak,
            )
            for user in users
            if not (known and (user.pk, subject._meta.concrete_model, subject.pk) in hidden)
        ]
    if not rows:
        return []
    # ON CONFLICT DO NOTHING on the unique (user, key): a second delivery of the event, or
    # a concurrent one, adds nothing and does not break the caller's transaction.
    Signaal.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def case_of(obj):
    """The dossier (or else the report) ``obj`` is about: its number, its registered
    provider's name, and the object itself as the signal's subject."""
    from dossieroverleg.models import Dossier
    from meldpunt.models import Melding

    dossier = obj if isinstance(obj, Dossier) else getattr(obj, "dossier", None)
    if isinstance(dossier, Dossier):
        return dossier.nummer, dossier.zorgaanbieder.naam, dossier
    if isinstance(obj, Melding):
        # Only a registered provider: a name a reporter typed may be a person's.
        naam = obj.zorgaanbieder.naam if obj.zorgaanbieder_id else ""
        return obj.nummer or "", naam, obj
    return "", "", obj


def case_page(subject) -> str:
    from dossieroverleg.models import Dossier
    from meldpunt.models import Melding

    try:
        if isinstance(subject, Dossier):
            return reverse("handhaving:detail", args=[subject.pk])
        if isinstance(subject, Melding):
            return reverse("meldpunt:detail", args=[subject.pk])
    except NoReverseMatch:  # pragma: no cover - every app is mounted in config/urls.py
        pass
    return reverse("signalen:index")


def task_page(task) -> str:
    """viewflow's address of the task: it opens the form for its holder, "take it" for
    who may take it, and the task's details for the rest.

    A flow's viewset learns its place in the URLs (its parent namespace) when the URLconf
    is loaded; outside a request (a service, a timer, a worker) that may not have happened
    yet, so it is loaded first."""
    get_resolver().url_patterns  # noqa: B018 - loads the URLconf
    return task.flow_task.reverse("index", args=[task.process_id, task.pk])


def signal_task(*, task, soort: str) -> list[Signaal]:
    nummer, zorgaanbieder, subject = case_of(task.process.artifact)
    return create(
        users=who_may_take(task),
        soort=soort,
        sleutel=f"taak:{task.pk}",
        subject=subject,
        nummer=nummer,
        zorgaanbieder=zorgaanbieder,
        pad=task_page(task),
        taak=task,
    )


def follow_task(*, task) -> int:
    """The task moved on: a done or cancelled task waits for nobody; a task someone took
    waits only for them; a task given back waits again for everyone it was signalled to."""
    signals = Signaal.objects.filter(taak_id=task.pk)
    now = timezone.now()
    if task.status in FINISHED:
        return signals.filter(afgehandeld_op=None).update(afgehandeld_op=now)
    if task.owner_id:
        return (
            signals.filter(afgehandeld_op=None)
            .exclude(gebruiker_id=task.owner_id)
            .update(afgehandeld_op=now)
        )
    if task.status == STATUS.NEW:
        return signals.exclude(afgehandeld_op=None).update(afgehandeld_op=None)
    return 0


def mark_read(*, signaal: Signaal, by) -> Signaal:
    """``by`` read their own signal (a signal of someone else is not theirs to mark)."""
    if signaal.gebruiker_id != by.pk:
        raise Signaal.DoesNotExist
    if signaal.gelezen_op is None:
        signaal.gelezen_op = timezone.now()
        Signaal.objects.filter(pk=signaal.pk, gelezen_op=None).update(gelezen_op=signaal.gelezen_op)
    return signaal


def mark_all_read(*, by) -> int:
    return Signaal.objects.filter(gebruiker=by, gelezen_op=None).update(gelezen_op=timezone.now())


@transaction.atomic
def set_daily_mail(*, user, aan: bool) -> SignaalVoorkeur:
    voorkeur, _ = SignaalVoorkeur.objects.select_for_update().get_or_create(gebruiker=user)
    voorkeur.dagelijkse_mail = aan
    voorkeur.save(update_fields=["dagelijkse_mail"])
    return voorkeur
