"""Letters from templates: the merge data from the records, the draft, the final PDF, and
template versions that never change a letter already made."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from brieven import services, starter, word
from brieven.briefsoort import Briefsoort
from brieven.merge import EXAMPLE
from brieven.models import Brief, BriefBestand, BriefSjabloon
from dossieroverleg.models import Advies
from juridisch import services as juridisch
from juridisch.models import TrajectStap
from meldpunt.services import Upload
from tests.dossieroverleg.conftest import decided_dossier
from tests.dossieroverleg.test_opvolging import at

from .conftest import D, docx_text, needs_soffice, pdf_text, read

Stap = TrajectStap.Soort


def a_template(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(inhoud: bytes, naam: str = "sjabloon.docx") -> Upload:
    return Upload(naam=naam, inhoud=inhoud)


@pytest.mark.django_db
def test_every_kind_of_letter_has_a_starter_template_as_version_one():
    versions = dict(BriefSjabloon.objects.filter(versie=1).values_list("soort", "actief"))
    assert versions == dict.fromkeys(Briefsoort.values, True)


@pytest.mark.parametrize("soort", Briefsoort.values)
def test_every_starter_template_is_a_sound_template_that_fills_the_example(soort):
    inhoud = starter.build(soort)
    word.check_template(naam=f"{soort}.docx", inhoud=inhoud)
    text = docx_text(word.render(inhoud, EXAMPLE))
    assert "{{" not in text and "{%" not in text
    assert "15 januari 2027" in text and "HH-2027-0001" in text
    assert "namens het college van burgemeester en wethouders van Nijmegen" in text or (
        soort == Briefsoort.ADVIES_COLLEGE
    )


def test_an_appealable_decision_says_where_and_until_when_to_object():
    for soort in (Briefsoort.LAST_ONDER_DWANGSOM, Briefsoort.LAST_ONDER_BESTUURSDWANG):
        text = docx_text(word.render(starter.build(soort), EXAMPLE))
        assert "binnen zes weken" in text and "De bezwaartermijn eindigt op 1 maart 2027" in text
    text = docx_text(word.render(starter.build(Briefsoort.BESLISSING_OP_BEZWAAR), EXAMPLE))
    assert "beroep instellen bij de rechtbank Gelderland" in text
    text = docx_text(word.render(starter.build(Briefsoort.VOORNEMEN), EXAMPLE))
    assert "zienswijze" in text and "geen bezwaar" in text


def test_a_draft_holds_the_provider_the_decision_date_the_term_end_and_the_order(people, dwangsom):
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])

    assert brief.soort == Briefsoort.LAST_ONDER_DWANGSOM
    assert brief.status == Brief.Status.CONCEPT
    text = docx_text(read(brief.concept))
    assert "Zorg Zonder Zorgen BV" in text
    assert "Bij besluit van 4 januari 2027" in text
    assert "De bezwaartermijn eindigt op 30 maart 2027" in text
    assert "uiterlijk op 15 maart 2027" in text
    assert "€ 500,00 per dag, tot ten hoogste € 5.000,00" in text
    # Signed in the name the decision was taken in, by its signer, under its mandate.
    assert "namens het college van burgemeester en wethouders van Nijmegen" in text
    assert "Jan de Jurist" in text and "juridisch adviseur" in text
    assert "Ondertekend krachtens mandaat" in text


def test_the_merge_data_are_kept_as_json_with_dutch_dates_and_euros(people, dwangsom):
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])
    gegevens = Brief.objects.get(pk=brief.pk).gegevens

    assert json.loads(json.dumps(gegevens)) == gegevens
    assert gegevens["besluit"]["datum"] == "4 januari 2027"
    assert gegevens["termijn"]["uiterlijk"] == "30 maart 2027"
    assert gegevens["sanctie"]["bedrag"] == "€ 500,00"
    assert gegevens["sanctie"]["maximum"] == "€ 5.000,00"
    assert gegevens["zorgaanbieder"]["kvk_nummer"] == "55667788"
    assert gegevens["ondertekening"]["naam"] == "Jan de Jurist"
    assert gegevens["ondertekening"]["in_naam_van"] == dwangsom.in_naam_van


def test_a_new_template_version_changes_no_letter_made_before_and_is_used_by_a_new_one(
    people, dwangsom
):
    jurist = people["jurist"]
    before = services.make_letter(stap=dwangsom, by=jurist)
    draft_before = before.concept
    content_before = read(draft_before)

    nieuw = services.upload_template(
        soort=Briefsoort.LAST_ONDER_DWANGSOM,
        upload=upload(a_template("Nieuwe huisstijl voor {{ zorgaanbieder.naam }}.")),
        by=None,
        toelichting="Huisstijl 2027",
    )
    assert nieuw.versie == 2
    assert BriefSjabloon.objects.filter(soort=Briefsoort.LAST_ONDER_DWANGSOM).count() == 2

    before = Brief.objects.get(pk=before.pk)
    assert before.sjabloon.versie == 1
    assert before.concept.pk == draft_before.pk
    assert read(before.concept) == content_before
    assert "Nieuwe huisstijl" not in docx_text(read(before.concept))

    after = services.make_letter(stap=dwangsom, by=jurist)
    assert after.sjabloon == nieuw
    assert docx_text(read(after.concept)) == "Nieuwe huisstijl voor Zorg Zonder Zorgen BV."
    assert after.concept.naam.endswith("-last_onder_dwangsom-v2.docx")


def test_a_version_switched_off_is_no_longer_used(people, dwangsom):
    services.upload_template(
        soort=Briefsoort.LAST_ONDER_DWANGSOM,
        upload=upload(a_template("Versie twee.")),
        by=None,
    )
    BriefSjabloon.objects.filter(soort=Briefsoort.LAST_ONDER_DWANGSOM, versie=2).update(
        actief=False
    )
    assert services.make_letter(stap=dwangsom, by=people["jurist"]).sjabloon.versie == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("naam", "inhoud", "reden"),
    [
        ("brief.docx", b"%PDF-1.4 niet een Word-document", "geen Word-document"),
        ("brief.pdf", a_template("Goed."), "heeft een andere extensie"),
        ("brief.docx", b"", "leeg"),
    ],
)
def test_an_upload_that_is_not_a_word_document_is_refused(naam, inhoud, reden):
    with pytest.raises(ValidationError, match=reden):
        services.upload_template(soort=Briefsoort.VOORNEMEN, upload=upload(inhoud, naam), by=None)
    assert not BriefSjabloon.objects.filter(versie=2).exists()


@pytest.mark.django_db
def test_a_zip_without_a_word_document_in_it_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/niet-het-document.xml", "<x/>")
    with pytest.raises(ValidationError, match="geen Word-document"):
        services.upload_template(
            soort=Briefsoort.VOORNEMEN, upload=upload(buffer.getvalue()), by=None
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tekst", "reden"),
    [
        ("Geachte {{ zorgaanbieder.naam }", "niet in orde"),
        ("{% if dossier.nummer %}Geen einde.", "niet in orde"),
        ("{{ zorgaanbieder.naam|onbekendfilter }}", "niet in orde"),
        ("Geachte {{ zorgaanbieder_naam }},", "Onbekende samenvoegvelden: zorgaanbieder_naam"),
        ("{{ dossier.__class__.__mro__ }}", "niet in orde"),
    ],
)
def test_a_template_whose_merge_fields_are_broken_is_refused_with_the_reason(tekst, reden):
    with pytest.raises(ValidationError, match=reden):
        services.upload_template(
            soort=Briefsoort.VOORNEMEN, upload=upload(a_template(tekst)), by=None
        )
    assert not BriefSjabloon.objects.filter(soort=Briefsoort.VOORNEMEN, versie=2).exists()


def test_an_edited_draft_replaces_the_draft_and_the_first_one_is_kept(people, dwangsom):
    jurist = people["jurist"]
    brief = services.make_letter(stap=dwangsom, by=jurist)
    first = brief.concept

    services.reupload_draft(brief=brief, upload=upload(a_template("Bewerkt."), "x.docx"), by=jurist)

    brief = Brief.objects.get(pk=brief.pk)
    assert docx_text(read(brief.concept)) == "Bewerkt."
    assert brief.concept.pk != first.pk and BriefBestand.objects.filter(pk=first.pk).exists()
    assert brief.opnieuw_geupload_door == jurist and brief.opnieuw_geupload_op is not None
    with pytest.raises(ValidationError, match="geen Word-document"):
        services.reupload_draft(brief=brief, upload=upload(b"tekst", "x.docx"), by=jurist)


def test_a_final_letter_takes_no_new_draft(people, dwangsom):
    jurist = people["jurist"]
    brief = services.make_letter(stap=dwangsom, by=jurist)
    brief.maak_definitief()
    brief.save()

    with pytest.raises(ValidationError, match="definitief en verandert niet meer"):
        services.reupload_draft(brief=brief, upload=upload(a_template("Later.")), by=jurist)
    with pytest.raises(ValidationError, match="definitief en verandert niet meer"):
        services.finalise(brief=brief, by=jurist)
    assert Brief.objects.get(pk=brief.pk).bestanden.count() == 1


@needs_soffice
def test_a_final_letter_is_a_pdf_with_the_provider_the_decision_date_and_the_term_end(
    people, dwangsom
):
    jurist = people["jurist"]
    brief = services.make_letter(stap=dwangsom, by=jurist)

    brief = services.finalise(brief=brief, by=jurist)

    assert brief.status == Brief.Status.DEFINITIEF
    assert brief.definitief_door == jurist and brief.definitief_op is not None
    pdf = Brief.objects.get(pk=brief.pk).pdf
    assert pdf.content_type == "application/pdf"
    assert pdf.naam.endswith("-last_onder_dwangsom-v1.pdf")
    text = pdf_text(read(pdf))
    assert "Zorg Zonder Zorgen BV" in text
    assert "4 januari 2027" in text
    assert "30 maart 2027" in text


def test_without_libreoffice_making_a_letter_final_is_refused_and_the_draft_stays(
    people, dwangsom, settings
):
    settings.BRIEVEN_SOFFICE = "soffice-niet-geinstalleerd"
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])

    with pytest.raises(ValidationError, match="LibreOffice .* niet geïnstalleerd"):
        services.finalise(brief=brief, by=people["jurist"])

    brief = Brief.objects.get(pk=brief.pk)
    assert brief.status == Brief.Status.CONCEPT and brief.pdf is None
    assert brief.concept is not None


def test_a_step_that_takes_no_letter_is_refused_with_the_reason(people, rob_contract):
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["aanwijzing"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )
        traject = juridisch.open_trajectory(
            dossier=dossier, maatregel="aanwijzing", by=people["jurist"]
        )
    besluit = traject.stappen.get(soort=Stap.BESLUIT)

    with pytest.raises(ValidationError) as refused:
        services.make_letter(stap=besluit, by=people["jurist"])

    assert refused.value.messages == [
        "Voor de stap ‘besluit bekendgemaakt’ bij aanwijzing / verbetertraject is geen "
        "briefsjabloon."
    ]
    assert not Brief.objects.exists()


def test_a_dissolution_takes_its_letter_and_the_request_for_alternative_care(people, rob_contract):
    jurist = people["jurist"]
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["ontbinding"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )
        traject = juridisch.open_trajectory(
            dossier=dossier, maatregel="ontbinding", by=jurist, termijn_dagen=14
        )
    with at(D(2027, 1, 25)):
        stap = juridisch.terminate_contract(
            traject=traject, by=jurist, datum=D(2027, 1, 25), ingang=D(2027, 2, 1)
        )

    ontbinding = services.make_letter(stap=stap, by=jurist)
    assert ontbinding.soort == Briefsoort.ONTBINDING
    assert "met ingang van 1 februari 2027" in docx_text(read(ontbinding.concept))
    verzoek = services.make_letter(stap=stap, by=jurist, soort=Briefsoort.VERZOEK_ALTERNATIEVE_ZORG)
    text = docx_text(read(verzoek.concept))
    assert "de gemeente Druten" in text and "Piet" not in text
    with pytest.raises(ValidationError, match="hoort niet bij deze stap"):
        services.make_letter(stap=stap, by=jurist, soort=Briefsoort.VOORNEMEN)


def test_the_letter_to_the_college_is_made_of_an_approved_advice_only(people, rob_contract):
    with at(D(2027, 1, 4)):
        dossier = decided_dossier(
            people,
            rob_contract,
            maatregelen=["aanwijzing"],
            datum=D(2027, 1, 4),
            bekendmaking_op=D(2027, 1, 5),
        )
    advies = dossier.adviezen.get()
    brief = services.make_advice_letter(advies=advies, by=people["handhaver"])
    text = docx_text(read(brief.concept))
    assert "Structurele tekortkomingen." in text and "Wmo 2015 art. 6.1" in text
    assert brief.filename("docx") == f"brief-{dossier.nummer}-advies_college-v1.docx"

    Advies.objects.filter(pk=advies.pk).update(status=Advies.Status.TER_GOEDKEURING)
    advies.refresh_from_db()
    with pytest.raises(ValidationError, match="goedgekeurd advies"):
        services.make_advice_letter(advies=advies, by=people["handhaver"])


def test_who_may_not_run_a_trajectory_makes_no_letter(people, dwangsom):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.make_letter(stap=dwangsom, by=people["secretaris"])


def test_the_example_data_are_json():
    assert json.loads(json.dumps(EXAMPLE)) == EXAMPLE
