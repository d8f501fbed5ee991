"""Beheer maintains the letter templates here (/beheer/): upload a Word document as the
next version of a kind, see every version, download one to edit it in Word, and switch a
version off. A version's file never changes once uploaded."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services, word
from .forms import upload_of
from .merge import FIELDS
from .models import DOCX, BriefSjabloon


class SjabloonUploadForm(forms.ModelForm):
    bestand_upload = forms.FileField(
        label=_("Word-document (.docx)"),
        help_text=_(
            "Samenvoegvelden schrijft u als {{ zorgaanbieder.naam }}. Beschikbaar: %(velden)s."
        )
        % {"velden": ", ".join(sorted(FIELDS))},
    )

    class Meta:
        model = BriefSjabloon
        fields = ["soort", "toelichting"]

    def clean_bestand_upload(self):
        uploaded = self.cleaned_data["bestand_upload"]
        upload = upload_of(uploaded)
        word.check_template(naam=upload.naam, inhoud=upload.inhoud, grootte=upload.size)
        self.upload = upload
        return uploaded


@admin.register(BriefSjabloon)
class BriefSjabloonAdmin(admin.ModelAdmin):
    list_display = ("soort", "versie", "actief", "naam", "toegevoegd_op", "toegevoegd_door")
    list_filter = ("soort", "actief")
    ordering = ("soort", "-versie")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SjabloonUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["soort", "bestand_upload", "toelichting"]
        return [
            "soort",
            "versie",
            "download",
            "grootte",
            "sha256",
            "toegevoegd_op",
            "toegevoegd_door",
            "actief",
            "toelichting",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "soort",
            "versie",
            "download",
            "grootte",
            "sha256",
            "toegevoegd_op",
            "toegevoegd_door",
        ]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Every version stays: letters made from it point at it.
        return False

    @admin.display(description=_("bestand"))
    def download(self, obj):
        url = reverse("admin:brieven_briefsjabloon_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.naam)

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["actief", "toelichting"])
            return
        # The form checked the upload; the service numbers the version and stores it.
        saved = services.upload_template(
            soort=form.cleaned_data["soort"],
            upload=form.upload,
            by=request.user,
            toelichting=form.cleaned_data.get("toelichting", ""),
        )
        obj.pk, obj.versie, obj.naam = saved.pk, saved.versie, saved.naam
        obj._state.adding = False

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="brieven_briefsjabloon_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        sjabloon = get_object_or_404(BriefSjabloon, pk=pk)
        return FileResponse(
            sjabloon.bestand.open("rb"),
            as_attachment=True,
            filename=f"sjabloon-{sjabloon.soort}-v{sjabloon.versie}.docx",
            content_type=DOCX,
        )
