"""The API's OpenAPI description: the error answers, written once for every operation.

drf-spectacular describes what a view answers when all goes well. The errors come from
DRF itself and from our middleware (``BadInputMiddleware``, ``TwoFactorMiddleware``), the
same for every view, so they are added here instead of on each view. A view documents
only what is its own (a 409, a 422) in its ``@extend_schema``.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from .api import FoutSerializer, VeldfoutenSerializer


class VeldfoutenExtension(OpenApiSerializerExtension):
    """Field errors are a map from field name to messages, nested like the input."""

    target_class = VeldfoutenSerializer

    def get_name(self, auto_schema, direction) -> str:
        return "Veldfouten"

    def map_serializer(self, auto_schema, direction) -> dict:
        return {
            "type": "object",
            "description": (
                "Fouten per veld: de naam van het veld met de meldingen, of voor geneste "
                "invoer (een object, een element van een lijst) dezelfde vorm een niveau "
                "dieper. `non_field_errors` gaat over de invoer als geheel."
            ),
            "additionalProperties": {
                "anyOf": [
                    {"type": "array", "items": {"type": "string"}},
                    {"$ref": "#/components/schemas/Veldfouten"},
                ]
            },
            "minProperties": 1,
        }


# A 400 is the reason for the request as a whole (bad JSON, a NUL byte, an address the
# middleware refuses) or the errors per field.
FOUT_OF_VELDFOUTEN = PolymorphicProxySerializer(
    component_name="FoutOfVeldfouten",
    serializers=[FoutSerializer, VeldfoutenSerializer],
    resource_type_field_name=None,
)

ERRORS = {
    "400": "Ongeldig verzoek: de reden (`detail`) of de fouten per veld.",
    "400-adres": "Ongeldig verzoek, zoals een NUL-teken in het adres: `detail` zegt waarom.",
    "401": "Niet ingelogd, of het token is onbekend of niet voor dit soort gebruiker.",
    "403": (
        "Geen toegang: de rol mist het recht, of de login is nog niet bevestigd met de "
        "tweede factor. `detail` zegt waarom."
    ),
    "404": "Niet gevonden, of niet zichtbaar voor deze gebruiker.",
    "415": "De inhoud van het verzoek is geen JSON (`Content-Type: application/json`).",
}


class AutoSchema(SpectacularAutoSchema):
    """Adds the error responses an operation can give, unless its view documents them;
    text input that may not be blank says so (``minLength: 1``), so that a body that
    satisfies the schema is not refused for its shape."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and not field.allow_blank
            and schema.get("type") == "string"
            and "minLength" not in schema
        ):
            schema["minLength"] = 1
        return schema

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code, (serializer, description) in self._error_serializers(operation).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(serializer, description=description), code
                )
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_serializers(self, operation: dict) -> dict:
        takes_input = "requestBody" in operation or any(
            p["in"] == "query" for p in operation.get("parameters", [])
        )
        # Any request can be refused with 400 by the middleware (a NUL byte in the address).
        errors = {
            "400": (FOUT_OF_VELDFOUTEN, ERRORS["400"])
            if takes_input
            else (FoutSerializer, ERRORS["400-adres"])
        }
        if not all(issubclass(p, AllowAny) for p in self.view.permission_classes):
            errors["401"] = (FoutSerializer, ERRORS["401"])
            errors["403"] = (FoutSerializer, ERRORS["403"])
        paginated = self._is_list_view() and self._get_paginator() is not None
        if "{" in self.path or paginated:
            # An unknown object, or a page past the last.
            errors["404"] = (FoutSerializer, ERRORS["404"])
        if "requestBody" in operation:
            errors["415"] = (FoutSerializer, ERRORS["415"])
        return errors
