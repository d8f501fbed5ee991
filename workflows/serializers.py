"""The shapes of the task API (``api.py``), for its OpenAPI description.

The views answer with the dictionaries of ``api.describe`` and ``api.describe_form``;
these serializers say what is in them, and the schema test holds them to it.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers
from viewflow.workflow.status import STATUS

# The kinds of form field ``api._field_type`` names.
FIELD_TYPES = ["string", "choice", "list", "boolean", "date", "email", "integer", "file"]


class TaakSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    taak = serializers.CharField(help_text="De stap in het proces.")
    proces = serializers.CharField()
    over = serializers.CharField(help_text="Het nummer van de melding of het dossier.")
    status = serializers.ChoiceField(choices=STATUS.choices)
    toegewezen_aan = serializers.CharField(allow_null=True)
    uiterlijk = serializers.DateField(allow_null=True)
    urgent = serializers.BooleanField()
    reactie_ontvangen = serializers.DateTimeField(allow_null=True)
    aangemaakt = serializers.DateTimeField()


class KeuzeSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class FormulierVeldSerializer(serializers.Serializer):
    naam = serializers.CharField()
    label = serializers.CharField()
    type = serializers.ChoiceField(choices=FIELD_TYPES)
    verplicht = serializers.BooleanField()
    keuzes = KeuzeSerializer(many=True, required=False, help_text="Alleen bij een keuzeveld.")


class TaakMetFormulierSerializer(TaakSerializer):
    formulier = FormulierVeldSerializer(many=True)


class FormulierGegevensSerializer(serializers.Serializer):
    """The answers to a task's form, by field name (``GET /api/v1/taken/{id}/``)."""


class FormulierGegevensExtension(OpenApiSerializerExtension):
    target_class = FormulierGegevensSerializer

    def map_serializer(self, auto_schema, direction) -> dict:
        scalar = {
            "anyOf": [
                {"type": "string"},
                {"type": "number"},
                {"type": "boolean"},
            ],
            "nullable": True,
        }
        return {
            "type": "object",
            "description": (
                "De antwoorden op het formulier van de taak, per veldnaam: tekst, een getal, "
                "ja/nee, of een lijst daarvan (bij een meervoudige keuze). Welke velden er "
                "zijn en welke verplicht, staat in `GET /api/v1/taken/{id}/`."
            ),
            "additionalProperties": {
                "anyOf": [*scalar["anyOf"], {"type": "array", "items": scalar}],
                "nullable": True,
            },
        }
