"""API views: thin. Validate the shape, call the service, answer with the selector's view."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from regio import audit
from regio.api import FoutSerializer

from .. import selectors, services
from ..models import Melding
from .serializers import MeldingCreatedSerializer, MeldingInSerializer, MeldingOutSerializer


class ModelPermission(permissions.BasePermission):
    """Maps each method to one Django permission, named on the view."""

    def has_permission(self, request, view) -> bool:
        perm = view.required_permissions.get(request.method)
        return bool(
            request.user and request.user.is_authenticated and perm and request.user.has_perm(perm)
        )


# Service field names that the API spells differently.
API_NAMES = {"kvk_nummer": "kvk", "agb_code": "agb", "__all__": "non_field_errors"}


def service_errors(error: DjangoValidationError) -> ValidationError:
    """The service's per-field errors in the API's nested shape.

    ``clienten[0].bsn`` becomes ``{"clienten": {"0": {"bsn": [...]}}}``, as DRF reports
    errors of nested input itself.
    """
    if not hasattr(error, "error_dict"):
        return ValidationError({"non_field_errors": error.messages})
    nested: dict = {}
    for name, messages in error.message_dict.items():
        parts = [API_NAMES.get(p, p) for p in name.replace("[", ".").replace("]", "").split(".")]
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(parts[-1], []).extend(messages)
    return ValidationError(nested)


IDEMPOTENCY_KEY_MAX = 80


def fingerprint(data) -> str:
    """SHA-256 of the body as canonical JSON: the same request in another key order or
    layout has the same fingerprint."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class MeldingListCreateView(APIView):
    permission_classes = [ModelPermission]
    required_permissions = {"POST": "meldpunt.add_melding"}

    @extend_schema(
        request=MeldingInSerializer,
        responses={
            201: MeldingCreatedSerializer,
            422: OpenApiResponse(
                FoutSerializer,
                description="De Idempotency-Key is al gebruikt voor een verzoek met een "
                "andere inhoud.",
            ),
        },
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                {"type": "string", "maxLength": IDEMPOTENCY_KEY_MAX},
                OpenApiParameter.HEADER,
                description="Een herhaald verzoek met dezelfde sleutel en dezelfde inhoud "
                "geeft het eerste resultaat en maakt niets nieuw; dezelfde sleutel met een "
                "andere inhoud geeft 422. De sleutel geldt per gebruiker.",
            )
        ],
        summary="Een melding aanleveren",
    )
    def post(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > IDEMPOTENCY_KEY_MAX:
            return Response(
                {
                    "detail": _("De Idempotency-Key is te lang (hoogstens %(max)d tekens).")
                    % {"max": IDEMPOTENCY_KEY_MAX}
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        scoped = f"{request.user.pk}:{key}" if key else None
        body_hash = fingerprint(request.data) if scoped else ""
        if scoped and (existing := Melding.objects.filter(idempotency_key=scoped).first()):
            return self._retried(existing, body_hash)
        serializer = MeldingInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                melding = services.receive(
                    intake=serializer.intake(),
                    by=request.user,
                    idempotency_key=scoped,
                    idempotency_hash=body_hash,
                    defer=settings.INTAKE_ASYNC,
                )
        except DjangoValidationError as error:
            raise service_errors(error) from None
        except IntegrityError:
            # The same key raced us; the first request won and this one creates nothing.
            if scoped and (existing := Melding.objects.filter(idempotency_key=scoped).first()):
                return self._retried(existing, body_hash)
            raise
        return self._created(melding)

    def _retried(self, melding, body_hash: str):
        """A retry answers what the first request got; another body under the same key
        is a client error (as Stripe answers it), not a silent answer about another
        report."""
        if melding.idempotency_hash and melding.idempotency_hash != body_hash:
            return Response(
                {
                    "detail": _(
                        "Deze Idempotency-Key is al gebruikt voor een verzoek met een andere "
                        "inhoud. Stuur bij een herhaling precies hetzelfde verzoek, of gebruik "
                        "een nieuwe sleutel voor een nieuwe melding."
                    )
                },
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        return self._created(melding)

    def _created(self, melding):
        body = MeldingCreatedSerializer(melding, context={"request": self.request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class MeldingDetailView(APIView):
    permission_classes = [ModelPermission]
    required_permissions = {"GET": "meldpunt.view_melding"}

    @extend_schema(responses=MeldingOutSerializer, summary="Een melding met haar historie")
    def get(self, request, nummer: str):
        try:
            melding = selectors.melding_detail(request.user, nummer=nummer)
        except Melding.DoesNotExist:
            raise Http404 from None
        data = MeldingOutSerializer(melding, context={"request": request}).data
        audit.record(audit.Actie.LEZEN, melding, user=request.user, velden=sorted(data))
        return Response(data)
