from django import forms

from .models import SignaalVoorkeur


class VoorkeurForm(forms.ModelForm):
    class Meta:
        model = SignaalVoorkeur
        fields = ["dagelijkse_mail"]
