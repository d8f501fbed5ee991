"""Use cases of letters: beheer uploads a template (its next version); staff make a
letter of a step or of the advice (a draft .docx from the newest active template, with
the merge data kept), upload an edited draft, and make it final (a PDF by LibreOffice,
after which it no longer changes). The pages and any later API call these, and only
these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dossieroverleg.models import Advies
from juridisch.models import TrajectStap
from meldpunt.services import Upload
from regio import audit
from regio.records import store_document
from regio.transitions import actor, check_transition

from . import briefsoort, merge, pdf, starter, word
from .models import DOCX, PDF, Brief, BriefBestand, BriefSjabloon

# Who runs a legal trajectory makes its letters; the letter to the college too.
PERMISSION = "juridisch.voeren_traject"


def _require_perm(by) -> None:
    if by is not None and not by.has_perm(PERMISSION):
        raise PermissionDenied(_("U mag geen brieven maken."))


# Templates -----------------------------------------------------------------------------


@transaction.atomic
def upload_template(*, soort: str, upload: Upload, by, toelichting: str = "") -> BriefSjabloon:
    """Store ``upload`` as the next version of the template of ``soort``, once it is a
    sound .docx whose merge fields docxtpl reads; the earlier versions stay."""
    if soort not in briefsoort.Briefsoort.values:
        raise ValidationError({"soort": _("Kies een soort brief.")})
    word.check_template(naam=upload.naam, inhoud=upload.inhoud, grootte=upload.size)
    # The kind's versions locked: two uploads at once get consecutive numbers.
    versions = BriefSjabloon.objects.select_for_update().filter(soort=soort)
    latest = versions.aggregate(hoogste=Max("versie"))["hoogste"] or 0
    return store_document(
        BriefSjabloon(
            soort=soort, versie=latest + 1, toelichting=toelichting, toegevoegd_door=actor(by)
        ),
        naam=upload.naam,
        inhoud=upload.inhoud,
        content_type=DOCX,
    )


def current_template(soort: str) -> BriefSjabloon | None:
    """The template a new letter of ``soort`` uses: the newest active version."""
    return BriefSjabloon.objects.filter(soort=soort, actief=True).order_by("-versie").first()


def load_starter_templates() -> list[BriefSjabloon]:
    """Version 1 of each kind that has no template yet, from :mod:`brieven.starter`.
    Idempotent: a kind with any version, active or not, is left alone."""
    present = set(BriefSjabloon.objects.values_list("soort", flat=True))
    loaded = []
    for soort in briefsoort.Briefsoort.values:
        if soort in present:
            continue
        loaded.append(
            store_document(
                BriefSjabloon(
                    soort=soort,
                    versie=1,
                    toelichting=_("Standaardsjabloon van de applicatie."),
                ),
                naam=f"{soort}.docx",
                inhoud=starter.build(soort),
                content_type=DOCX,
            )
        )
    return loaded


# Letters -------------------------------------------------------------------------------


def _read(document) -> bytes:
    with document.bestand.open("rb") as handle:
        return handle.read()


def _store(brief: Brief, soort: str, naam: str, inhoud: bytes, by) -> BriefBestand:
    return store_document(
        BriefBestand(brief=brief, soort=soort, toegevoegd_door=actor(by)),
        naam=naam,
        inhoud=inhoud,
        content_type=DOCX if soort == BriefBestand.Soort.CONCEPT else PDF,
    )


def _letter_type(stap: TrajectStap, soort: str | None) -> str:
    fitting = briefsoort.for_step(stap)
    if not fitting:
        raise ValidationError(
            _("Voor de stap ‘%(stap)s’ bij %(maatregel)s is geen briefsjabloon.")
            % {"stap": stap.get_soort_display(), "maatregel": stap.traject.get_maatregel_display()}
        )
    if soort is None:
        return fitting[0]
    if soort not in fitting:
        raise ValidationError(_("Deze soort brief hoort niet bij deze stap."))
    return soort


def _make(*, soort: str, gegevens: dict, by, **subject) -> Brief:
    sjabloon = current_template(soort)
    if sjabloon is None:
        raise ValidationError(
            _("Er is geen actief sjabloon voor de brief ‘%(soort)s’; beheer kan er een uploaden.")
            % {"soort": briefsoort.Briefsoort(soort).label}
        )
    inhoud = word.render(_read(sjabloon), gegevens)
    brief = Brief.objects.create(
        soort=soort, sjabloon=sjabloon, gegevens=gegevens, gemaakt_door=by, **subject
    )
    _store(brief, BriefBestand.Soort.CONCEPT, brief.filename("docx"), inhoud, by)
    audit.record(
        audit.Actie.WIJZIGEN,
        brief.dossier,
        user=by,
        velden=[f"brief:{brief.pk}"],
        toelichting=f"brief gemaakt ({soort}, sjabloon v{sjabloon.versie})",
    )
    return brief


@transaction.atomic
def make_letter(*, stap: TrajectStap, by, soort: str | None = None) -> Brief:
    """A draft letter of ``stap``: the kind its step takes (``soort`` where a step takes
    more than one), from the newest active template, with the merge data of today."""
    _require_perm(by)
    soort = _letter_type(stap, soort)
    return _make(soort=soort, gegevens=merge.merge_data(stap, by=by), by=by, stap=stap)


@transaction.atomic
def make_advice_letter(*, advies: Advies, by) -> Brief:
    """A draft of the letter that puts an approved advice to the college."""
    _require_perm(by)
    if advies.status != Advies.Status.GOEDGEKEURD:
        raise ValidationError(
            _("Alleen een goedgekeurd advies gaat met een brief naar het college.")
        )
    return _make(
        soort=briefsoort.Briefsoort.ADVIES_COLLEGE,
        gegevens=merge.advice_merge_data(advies, by=by),
        by=by,
        advies=advies,
    )


def _locked(brief: Brief) -> Brief:
    return Brief.objects.select_for_update().get(pk=brief.pk)


def _still_draft(brief: Brief) -> None:
    if brief.status != Brief.Status.CONCEPT:
        raise ValidationError(_("Deze brief is definitief en verandert niet meer."))


@transaction.atomic
def reupload_draft(*, brief: Brief, upload: Upload, by) -> Brief:
    """Replace the draft with an edited one (Word), while the letter is a draft. The
    earlier drafts are kept with it."""
    _require_perm(by)
    brief = _locked(brief)
    _still_draft(brief)
    word.check_docx(naam=upload.naam, inhoud=upload.inhoud, grootte=upload.size)
    _store(brief, BriefBestand.Soort.CONCEPT, brief.filename("docx"), upload.inhoud, by)
    brief.opnieuw_geupload_door = by
    brief.opnieuw_geupload_op = timezone.now()
    brief.save(update_fields=["opnieuw_geupload_door", "opnieuw_geupload_op"])
    audit.record(
        audit.Actie.WIJZIGEN,
        brief.dossier,
        user=by,
        velden=[f"brief:{brief.pk}"],
        toelichting="concept van een brief opnieuw geüpload",
    )
    return brief


def finalise(*, brief: Brief, by) -> Brief:
    """The current draft as a PDF; the letter is final from then on.

    LibreOffice takes seconds: it runs outside the transaction, and the PDF is kept only
    when the letter is still the same draft afterwards. When it fails the draft stays and
    the reason is the error.
    """
    _require_perm(by)
    _still_draft(brief)
    concept = Brief.objects.get(pk=brief.pk).concept
    inhoud = _read(concept)
    converted = pdf.docx_to_pdf(inhoud)
    with transaction.atomic():
        brief = _locked(brief)
        _still_draft(brief)
        if brief.concept.pk != concept.pk:
            raise ValidationError(
                _("Het concept is intussen vervangen; maak de brief opnieuw definitief.")
            )
        check_transition(brief, brief.maak_definitief, None)
        brief.maak_definitief()
        brief.definitief_door = by
        brief.save()
        _store(brief, BriefBestand.Soort.PDF, brief.filename("pdf"), converted, by)
        audit.record(
            audit.Actie.WIJZIGEN,
            brief.dossier,
            user=by,
            velden=[f"brief:{brief.pk}"],
            toelichting="brief definitief gemaakt (PDF)",
        )
    return brief
