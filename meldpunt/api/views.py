"""API views: thin. Validate the shape, call the service, answer with the selector's view."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from regio import audit

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


class MeldingListCreateView(APIView):
    permission_classes = [ModelPermission]
    required_permissions = {"POST": "meldpunt.add_melding"}

    @extend_schema(
        request=MeldingInSerializer,
        responses={201: MeldingCreatedSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Een herhaald verzoek met dezelfde sleutel "
                "geeft het eerste resultaat en maakt niets nieuw.",
            )
        ],
        summary="Een melding aanleveren",
    )
    def post(self, request):
        key = request.headers.get("Idempotency-Key", "").strip()[:80]
        scoped = f"{request.user.pk}:{key}" if key else None
        if scoped and (existing := Melding.objects.filter(idempotency_key=scoped).first()):
            return self._created(existing)
        serializer = MeldingInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                melding = services.receive(
                    intake=serializer.intake(), by=request.user, idempotency_key=scoped
                )
        except DjangoValidationError as error:
            raise service_errors(error) from None
        except IntegrityError:
            # The same key raced us; the first request won and this one creates nothing.
            if scoped and (existing := Melding.objects.filter(idempotency_key=scoped).first()):
                return self._created(existing)
            raise
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
