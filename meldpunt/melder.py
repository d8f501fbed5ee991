"""The reporter's own channel: a receipt code, a page with the status in plain words, the
Meldpunt's questions and messages, and what the reporter adds later.

People who report poor care or care fraud are often employees or relatives who must stay
anonymous, and who stop reporting when they hear nothing back. So every reporter gets, at
submission, a long random **receipt code** (shown once; kept only as its SHA-256), as
whistle-blowing systems do. With it, and no account, the reporter opens the report's page.
A reporter who left an e-mail address also gets a **link** (signed with a key per report)
and a mail when something new waits: never what (``Event.MELDER_NIEUWS``).

The page shows only the one report, never a finding: the status in plain words
(:func:`status_words`) and the notices the Meldpunt's texts give for a forwarding, an
investigation and the end (:func:`notify`, in words `beheer` may change,
``regio.texts``). Anonymising the report ends the code and the link
(``privacy.anonymise``).
"""

import hashlib
import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regio import texts
from regio.events import Event, emit
from regio.transitions import actor

from .models import MelderBericht, Melding, ReactieVerzoek, Status
from .services import Upload, add_attachment, answer_reporter_question

# 32 letters and digits that cannot be mistaken for each other (no 0/O, 1/I): 24 of them
# are 120 bits, written in six groups of four.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 24
LINK_SALT = "meldpunt.melder.volgpagina"

Richting = MelderBericht.Richting


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def digest(code: str) -> str:
    """The SHA-256 of a code as typed: case, spaces and dashes do not matter."""
    normalised = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


@transaction.atomic
def issue_code(melding: Melding) -> str:
    """Give the report its receipt code and link key; returns the code, which is shown
    once and kept nowhere."""
    code = new_code()
    melding.code_hash = digest(code)
    melding.volg_sleutel = secrets.token_hex(16)
    melding.save(update_fields=["code_hash", "volg_sleutel"])
    return code


def by_code(code: str) -> Melding | None:
    """The report this code opens, or None (a wrong code, or an anonymised report)."""
    if not code or len(code) > 100:
        return None
    return Melding.objects.filter(code_hash=digest(code), geanonimiseerd_op__isnull=True).first()


def link_path(melding: Melding) -> str:
    """The reporter's personal link to the report's page (for a mail)."""
    token = signing.dumps({"m": melding.pk, "k": melding.volg_sleutel}, salt=LINK_SALT)
    return f"/melding/volgen/{token}/"


def by_link(token: str) -> Melding | None:
    try:
        value = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    melding = Melding.objects.filter(pk=value.get("m"), geanonimiseerd_op__isnull=True).first()
    if melding is None or not melding.volg_sleutel or melding.volg_sleutel != value.get("k"):
        return None
    return melding


def status_words(melding: Melding) -> str:
    """Where the report stands, in plain Dutch and general terms."""
    if melding.status == Status.DOORGELEID and hasattr(melding, "doorgeleiding"):
        return _("doorgestuurd aan %(aan)s") % {"aan": melding.doorgeleiding.get_aan_display()}
    if melding.status == Status.GEEN_VERVOLG:
        return _("afgerond")
    if melding.status == Status.NAAR_HANDHAVING:
        statuses = set(melding.dossiers.values_list("status", flat=True))
        if statuses == {"afgesloten"}:
            return _("afgerond")
        return _("in behandeling (onderzoek naar de zorgaanbieder)")
    if melding.status == Status.ONTVANGEN:
        return _("ontvangen")
    return _("in behandeling")


def _tell(melding: Melding, bericht: MelderBericht) -> None:
    """A reporter with an e-mail address hears that something waits, never what."""
    if not melding.heeft_contactgegevens:
        return
    emit(
        Event.MELDER_NIEUWS,
        event_id=f"melder:{melding.pk}:bericht:{bericht.pk}",
        instance=melding,
        nummer=melding.nummer or "",
        data={"melder_email": melding.melder_email, "pad": link_path(melding)},
    )


def notify(melding: Melding, sleutel: str, **context) -> MelderBericht | None:
    """The notice ``sleutel`` (``regio.texts``) on the reporter's page, once per report:
    forwarded, under investigation, finished. Nothing for a reporter who cannot be
    reached (no code, no address)."""
    if not melding.melder_bereikbaar or melding.geanonimiseerd_op is not None:
        return None
    if MelderBericht.objects.filter(melding=melding, gebeurtenis=sleutel).exists():
        return None
    tekst = texts.render(sleutel, nummer=melding.nummer or "", **context)
    try:
        with transaction.atomic():
            bericht = MelderBericht.objects.create(
                melding=melding, richting=Richting.AAN_MELDER, tekst=tekst, gebeurtenis=sleutel
            )
    except IntegrityError:  # told at the same moment by another transaction
        return None
    _tell(melding, bericht)
    return bericht


@transaction.atomic
def write_to_reporter(*, melding: Melding, by, tekst: str) -> MelderBericht:
    """A message of the Meldpunt to the reporter, on the report's page."""
    if not by.has_perm("meldpunt.change_melding"):
        raise ValidationError(_("U mag de melder geen bericht sturen."))
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": _("Schrijf het bericht.")})
    if not melding.melder_bereikbaar or melding.geanonimiseerd_op is not None:
        raise ValidationError(
            _(
                "Deze melder heeft geen ontvangstcode en geen e-mailadres: een bericht komt "
                "niet aan."
            )
        )
    bericht = MelderBericht.objects.create(
        melding=melding, richting=Richting.AAN_MELDER, tekst=tekst, door=actor(by)
    )
    _tell(melding, bericht)
    return bericht


def _open_to_reporter(melding: Melding) -> None:
    if melding.geanonimiseerd_op is not None:
        raise ValidationError(_("Deze melding is afgesloten voor aanvullingen."))


@transaction.atomic
def add_information(*, melding: Melding, tekst: str, uploads: list[Upload]) -> MelderBericht:
    """What the reporter adds later, with files; the Meldpunt sees it with the report."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _open_to_reporter(melding)
    tekst = (tekst or "").strip()
    if not tekst and not uploads:
        raise ValidationError({"tekst": _("Schrijf wat u wilt toevoegen, of kies een bestand.")})
    bericht = MelderBericht.objects.create(
        melding=melding, richting=Richting.VAN_MELDER, tekst=tekst or _("(bestand toegevoegd)")
    )
    for upload in uploads:
        bijlage = add_attachment(melding=melding, upload=upload)
        bijlage.bericht = bericht
        bijlage.save(update_fields=["bericht"])
    emit(
        Event.MELDER_AANVULLING,
        event_id=f"melder:{melding.pk}:aanvulling:{bericht.pk}",
        instance=melding,
        nummer=melding.nummer or "",
        status=melding.status,
    )
    return bericht


def open_questions(melding: Melding):
    return [v for v in melding.reactieverzoeken.all() if v.is_open]


@transaction.atomic
def answer_question(
    *, melding: Melding, verzoek_id: int, antwoord: str, upload: Upload | None = None
) -> ReactieVerzoek:
    """The answer to one of this report's questions, given on the report's page."""
    verzoek = melding.reactieverzoeken.filter(pk=verzoek_id).first()
    if verzoek is None:
        raise ValidationError(_("Deze vraag hoort niet bij uw melding."))
    _open_to_reporter(melding)
    return answer_reporter_question(token=verzoek.token, antwoord=antwoord, upload=upload)


def messages_of(melding: Melding):
    """The conversation on the report's page, oldest first, with the files."""
    return melding.berichten.prefetch_related("bijlagen").order_by("op", "pk")


# The notices follow the report's events (and its dossier's end): a listener, so that the
# services that forward, route and close need not know about the reporter's page.
NOTICES = {
    Event.MELDING_DOORGELEID: texts.Sleutel.MELDER_DOORGELEID,
    Event.MELDING_NAAR_HANDHAVING: texts.Sleutel.MELDER_IN_HANDHAVING,
    Event.MELDING_GEEN_VERVOLG: texts.Sleutel.MELDER_AFGEROND,
    Event.DOSSIER_GESLOTEN: texts.Sleutel.MELDER_AFGEROND,
}


def on_domain_event(sender, *, event: str, instance, **kwargs) -> None:
    sleutel = NOTICES.get(event)
    if sleutel is None:
        return
    if event == Event.DOSSIER_GESLOTEN:
        meldingen = getattr(instance, "meldingen", None)
        for melding in meldingen.all() if meldingen is not None else ():
            notify(melding, sleutel)
        return
    if not isinstance(instance, Melding):
        return
    context = {}
    if event == Event.MELDING_DOORGELEID:
        forwarding = getattr(instance, "doorgeleiding", None)
        if forwarding is None:
            return
        context["instantie"] = forwarding.ontvanger
    notify(instance, sleutel, **context)
