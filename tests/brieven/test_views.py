"""The letters on the trajectory's page and in the admin: make, download, upload again,
make final; need to know, the audit trail, refusals shown on the page."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from brieven import services
from brieven.briefsoort import Briefsoort
from brieven.models import Brief, BriefSjabloon
from dossieroverleg import services as dossier_services
from privacy.models import AuditRegel
from regio.roles import Rol

from .conftest import docx_text, needs_soffice, pdf_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def filename(response) -> str:
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


def word_file(text: str, name: str = "bewerkt.docx") -> SimpleUploadedFile:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX)


def test_a_jurist_makes_a_letter_on_the_trajectory_page_and_downloads_its_draft(
    people, dwangsom, client_for
):
    client = client_for(people["jurist"])
    traject_url = reverse("handhaving:traject", args=[dwangsom.traject_id])
    assert "Brief maken" in client.get(traject_url).content.decode()

    response = client.post(reverse("handhaving:brief-maken", args=[dwangsom.pk]))
    assert response.status_code == 302 and response["Location"] == traject_url
    brief = Brief.objects.get(stap=dwangsom)
    page = client.get(traject_url).content.decode()
    assert "Concept downloaden (.docx)" in page and "Definitief maken" in page
    assert "sjabloon versie 1" in page

    response = client.get(reverse("handhaving:brief-concept", args=[brief.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    nummer = dwangsom.traject.dossier.nummer
    assert filename(response) == f"brief-{nummer}-last_onder_dwangsom-v1.docx"
    assert "Zorg Zonder Zorgen BV" in docx_text(content(response))
    # No PDF of a draft.
    assert client.get(reverse("handhaving:brief-pdf", args=[brief.pk])).status_code == 404

    made = AuditRegel.objects.get(actie="wijzigen", toelichting__startswith="brief gemaakt")
    assert made.nummer == nummer and made.velden == [f"brief:{brief.pk}"]
    download = AuditRegel.objects.get(actie="downloaden", velden=[f"brief:{brief.pk}:concept"])
    assert download.gebruikersnaam == "jurist" and download.nummer == nummer
    # Nothing personal in the audit trail: no provider, no name.
    assert not AuditRegel.objects.filter(toelichting__contains="Zorg Zonder Zorgen").exists()


def test_an_edited_draft_is_uploaded_and_a_file_that_is_no_docx_is_refused_on_the_page(
    people, dwangsom, client_for
):
    client = client_for(people["jurist"])
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])
    url = reverse("handhaving:brief-actie", args=[brief.pk, "concept"])

    refused = client.post(url, {"bestand": SimpleUploadedFile("brief.docx", b"geen zip")})
    assert refused.status_code == 422
    summary = refused.content.decode().split('class="hh-error-summary"')[1].split("</div>")[0]
    assert "Dit is geen Word-document (.docx)" in summary

    done = client.post(url, {"bestand": word_file("Met de hand verbeterd.")}, follow=True)
    assert "Bewerkt concept opgeslagen." in done.content.decode()
    response = client.get(reverse("handhaving:brief-concept", args=[brief.pk]))
    assert docx_text(content(response)) == "Met de hand verbeterd."
    assert AuditRegel.objects.filter(toelichting__contains="opnieuw geüpload").exists()


def test_a_step_without_a_letter_offers_none_and_a_post_is_refused_on_the_page(
    people, dwangsom, client_for
):
    client = client_for(people["jurist"])
    last = dwangsom.traject.stappen.get(soort="last")
    page = client.get(reverse("handhaving:traject", args=[dwangsom.traject_id])).content.decode()
    assert "Geen briefsjabloon voor deze stap." in page

    response = client.post(reverse("handhaving:brief-maken", args=[last.pk]))
    assert response.status_code == 422
    assert "is geen briefsjabloon" in response.content.decode()


def test_who_cannot_see_the_dossier_gets_not_found_and_a_municipality_is_refused(
    people, dwangsom, client_for
):
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])
    dossier_services.set_confidentiality(
        dossier=dwangsom.traject.dossier,
        by=people["teamleider"],
        niveau="geheim",
        reden="Strafrechtelijk onderzoek",
    )
    concept = reverse("handhaving:brief-concept", args=[brief.pk])

    # handhaver2 is not the officer of the secret dossier nor assigned to it.
    outsider = client_for(people["handhaver2"])
    assert outsider.get(concept).status_code == 404
    assert outsider.post(reverse("handhaving:brief-maken", args=[dwangsom.pk])).status_code == 404
    assert (
        outsider.post(reverse("handhaving:brief-actie", args=[brief.pk, "definitief"])).status_code
        == 404
    )
    assert client_for(people["druten"]).get(concept).status_code == 403
    assert not AuditRegel.objects.filter(actie="downloaden").exists()
    # The team lead sees every dossier.
    assert client_for(people["teamleider"]).get(concept).status_code == 200


def test_without_libreoffice_the_page_says_why_and_the_letter_stays_a_draft(
    people, dwangsom, client_for, settings
):
    settings.BRIEVEN_SOFFICE = "soffice-niet-geinstalleerd"
    client = client_for(people["jurist"])
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])

    response = client.post(reverse("handhaving:brief-actie", args=[brief.pk, "definitief"]))

    assert response.status_code == 422
    assert "LibreOffice (soffice) is niet geïnstalleerd" in response.content.decode()
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.CONCEPT


@needs_soffice
def test_a_final_letter_downloads_as_pdf_and_takes_no_new_draft(people, dwangsom, client_for):
    client = client_for(people["jurist"])
    brief = services.make_letter(stap=dwangsom, by=people["jurist"])

    done = client.post(
        reverse("handhaving:brief-actie", args=[brief.pk, "definitief"]), follow=True
    )
    assert "Brief definitief gemaakt" in done.content.decode()
    assert "PDF downloaden" in done.content.decode()

    response = client.get(reverse("handhaving:brief-pdf", args=[brief.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert filename(response).endswith("-last_onder_dwangsom-v1.pdf")
    text = pdf_text(content(response))
    assert "Zorg Zonder Zorgen BV" in text and "30 maart 2027" in text
    assert AuditRegel.objects.filter(actie="downloaden", velden=[f"brief:{brief.pk}:pdf"]).exists()

    again = client.post(
        reverse("handhaving:brief-actie", args=[brief.pk, "concept"]),
        {"bestand": word_file("Te laat.")},
    )
    assert again.status_code == 422
    assert "definitief en verandert niet meer" in again.content.decode()


def test_an_approved_advice_gets_its_letter_to_the_college_from_the_dossier_page(
    people, dwangsom, client_for
):
    client = client_for(people["handhaver"])
    dossier = dwangsom.traject.dossier
    advies = dossier.adviezen.get()
    detail = reverse("handhaving:detail", args=[dossier.pk])
    # Folded on the dossier page, loaded when opened.
    letters = reverse("handhaving:onderdeel", args=[dossier.pk, "brieven"])
    assert letters in client.get(detail).content.decode()
    assert "Brief aan het college maken" in client.get(letters).content.decode()

    response = client.post(reverse("handhaving:brief-advies", args=[advies.pk]))

    assert response.status_code == 302 and response["Location"] == detail
    brief = Brief.objects.get(advies=advies)
    assert brief.soort == Briefsoort.ADVIES_COLLEGE
    assert "Concept downloaden (.docx)" in client.get(letters).content.decode()


@pytest.fixture
def beheer(make_user):
    user = make_user(Rol.BEHEER, username="beheerder")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    return User.objects.get(pk=user.pk)


def test_beheer_uploads_a_template_as_its_next_version_and_a_broken_one_is_refused(
    beheer, client_for
):
    client = client_for(beheer)
    add = reverse("admin:brieven_briefsjabloon_add")

    broken = client.post(
        add, {"soort": "voornemen", "bestand_upload": word_file("Geachte {{ zorgaanbieder.naam }")}
    )
    assert broken.status_code == 200
    assert "Een samenvoegveld in het sjabloon is niet in orde" in broken.content.decode()
    assert not BriefSjabloon.objects.filter(soort="voornemen", versie=2).exists()

    response = client.post(
        add,
        {
            "soort": "voornemen",
            "bestand_upload": word_file("Voornemen aan {{ zorgaanbieder.naam }}.", "eigen.docx"),
            "toelichting": "Huisstijl Nijmegen",
        },
    )
    assert response.status_code == 302
    nieuw = BriefSjabloon.objects.get(soort="voornemen", versie=2)
    assert nieuw.toegevoegd_door == beheer and nieuw.naam == "eigen.docx"
    assert BriefSjabloon.objects.get(soort="voornemen", versie=1).actief

    # A version's file is never edited; it can be downloaded to edit a copy in Word.
    change = client.get(reverse("admin:brieven_briefsjabloon_change", args=[nieuw.pk]))
    assert 'name="bestand_upload"' not in change.content.decode()
    download = client.get(reverse("admin:brieven_briefsjabloon_download", args=[nieuw.pk]))
    assert docx_text(content(download)) == "Voornemen aan {{ zorgaanbieder.naam }}."
    delete = client.get(reverse("admin:brieven_briefsjabloon_delete", args=[nieuw.pk]))
    assert delete.status_code == 403


def test_only_beheer_reaches_the_templates_in_the_admin(people, client_for):
    url = reverse("admin:brieven_briefsjabloon_changelist")
    assert client_for(people["jurist"]).get(url).status_code == 302  # to the admin's login
