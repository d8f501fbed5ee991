"""The caller's tasks through the API: list, describe the form, complete.

Completing a task uses the same form and service as the staff UI (``actions.py``).
"""

from django import forms
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from regio.api import FoutSerializer
from regio.openapi import FOUT_OF_VELDFOUTEN

from . import actions
from .flows import FLOWS
from .middleware import OPEN, TAKEN, taken_by_now
from .nodes import offered, refusal_of
from .permissions import visible_only
from .serializers import FormulierGegevensSerializer, TaakMetFormulierSerializer, TaakSerializer


def visible_tasks(user):
    """Open human tasks of our flows that the user holds or may take from a queue."""
    flows = [flow for flow in FLOWS if flow.instance.has_view_permission(user)]
    mine = Task.objects.filter_available(flows, user).filter(owner=user, status__in=OPEN)
    queue = Task.objects.queue(flows, user)
    tasks = offered((mine | queue).filter(flow_task_type="HUMAN"), user, flows)
    return visible_only(tasks, user).select_related("process", "owner")


def describe(task) -> dict:
    subject = task.process.artifact
    return {
        "id": task.pk,
        "taak": str(task.flow_task.task_title or task.flow_task.name),
        "proces": str(task.flow_task.flow_class.process_title),
        "over": getattr(subject, "nummer", None) or str(subject),
        "status": task.status,
        "toegewezen_aan": task.owner.get_username() if task.owner_id else None,
        "uiterlijk": task.data.get("uiterlijk"),
        "urgent": bool(task.data.get("urgent") or getattr(subject, "acuut", False)),
        "reactie_ontvangen": task.data.get("reactie_ontvangen"),
        "aangemaakt": task.created,
    }


def _field_type(field: forms.Field) -> str:
    return {
        forms.ModelMultipleChoiceField: "list",
        forms.MultipleChoiceField: "list",
        forms.ModelChoiceField: "choice",
        forms.ChoiceField: "choice",
        forms.BooleanField: "boolean",
        forms.DateField: "date",
        forms.EmailField: "email",
        forms.IntegerField: "integer",
        forms.FileField: "file",
    }.get(
        type(field),
        next(
            (
                name
                for cls, name in ((forms.ChoiceField, "choice"), (forms.CharField, "string"))
                if isinstance(field, cls)
            ),
            "string",
        ),
    )


def _choices(field: forms.Field) -> list | None:
    if isinstance(field, forms.ModelChoiceField):
        key = field.to_field_name or "pk"
        return [{"value": str(getattr(obj, key)), "label": str(obj)} for obj in field.queryset]
    if isinstance(field, forms.ChoiceField):
        return [{"value": str(v), "label": str(label)} for v, label in field.choices if v != ""]
    return None


def describe_form(task) -> list[dict]:
    form = actions.make_form(task)
    result = []
    for name, field in form.fields.items():
        entry = {
            "naam": name,
            "label": str(field.label or name),
            "type": _field_type(field),
            "verplicht": field.required,
        }
        if (choices := _choices(field)) is not None:
            entry["keuzes"] = choices
        result.append(entry)
    return result


def _refuse(user, task: Task) -> None:
    """A task of a flow the user may see, which its node does not let them take: 403 with
    the node's reason instead of a 404 that leaves them guessing."""
    flow = task.flow_task.flow_class.instance
    if flow.has_view_permission(user, task) and (reason := refusal_of(task, user)) is not None:
        raise exceptions.PermissionDenied(str(reason))


def _get_task(user, pk: int) -> Task:
    try:
        return visible_tasks(user).get(pk=pk)
    except Task.DoesNotExist:
        if task := Task.objects.filter(pk=pk, flow_task_type="HUMAN").first():
            _refuse(user, task)
        raise Http404 from None


class TaskListView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=TaakSerializer(many=True), summary="Mijn open taken", operation_id="taken_list"
    )
    def get(self, request):
        tasks = visible_tasks(request.user).order_by("created")
        return Response([describe(task) for task in tasks])


class TaskDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=TaakMetFormulierSerializer, summary="Een taak en haar formulier")
    def get(self, request, pk: int):
        task = _get_task(request.user, pk)
        return Response({**describe(task), "formulier": describe_form(task)})


class TaskCompleteView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=FormulierGegevensSerializer,
        responses={
            200: TaakSerializer,
            400: OpenApiResponse(
                FOUT_OF_VELDFOUTEN,
                description="De formuliergegevens kloppen niet: de fouten per veld.",
            ),
            409: OpenApiResponse(
                FoutSerializer,
                description="De taak is al door iemand anders opgepakt of afgerond, of "
                "wordt op dit moment door iemand anders behandeld.",
            ),
        },
        summary="Een taak voltooien met de formuliergegevens",
    )
    def post(self, request, pk: int):
        try:
            task = Task.objects.get(pk=pk, flow_task_type="HUMAN")
        except Task.DoesNotExist:
            raise Http404 from None
        # Who may not see the task learns nothing of it, not even from how its body is
        # refused: the same 404 as for a task that does not exist.
        if not task.flow_task.flow_class.instance.has_view_permission(request.user, task):
            raise Http404
        if not isinstance(request.data, dict):
            return Response(
                {"non_field_errors": [_("Stuur de formuliergegevens als object.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        wrong = {
            key: [_("Geef een tekst, getal, ja/nee of een lijst daarvan.")]
            for key, value in request.data.items()
            if isinstance(value, dict)
            or (isinstance(value, list) and any(isinstance(v, dict | list) for v in value))
        }
        if wrong:
            return Response(wrong, status=status.HTTP_400_BAD_REQUEST)
        try:
            return self._complete(request, task)
        except FlowLockFailed as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)

    @staticmethod
    def _complete(request, task: Task) -> Response:
        with transaction.atomic(), task.activation() as activation:
            task = activation.task
            if not task.flow_task.flow_class.instance.has_view_permission(request.user, task):
                raise Http404
            _refuse(request.user, task)
            if taken_by_now(task, request.user):
                return Response(
                    {"detail": _(TAKEN)},
                    status=status.HTTP_409_CONFLICT,
                )
            if task.status == STATUS.NEW:
                if not activation.assign.has_perm(request.user):
                    raise Http404
                activation.assign(request.user)
            form = actions.make_form(task, data=_as_form_data(request.data))
            if not form.is_valid() or not actions.perform(task, request.user, form):
                transaction.set_rollback(True)
                return Response(_form_errors(form), status=status.HTTP_400_BAD_REQUEST)
            if task.status != STATUS.STARTED:
                activation.start(request)
            activation.execute()
        return Response(describe(task), status=status.HTTP_200_OK)


def _as_form_data(data: dict) -> dict:
    """JSON values as a form would post them: lists stay lists, the rest becomes text."""
    result = {}
    for key, value in data.items():
        if isinstance(value, list):
            result[key] = [str(item) for item in value]
        elif isinstance(value, bool):
            result[key] = "on" if value else ""
        elif value is None:
            result[key] = ""
        else:
            result[key] = str(value)
    return _MultiDict(result)


class _MultiDict(dict):
    def getlist(self, key, default=None):
        value = self.get(key, default if default is not None else [])
        return value if isinstance(value, list) else [value]


def _form_errors(form: forms.Form) -> dict:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    if "__all__" in errors:
        errors["non_field_errors"] = errors.pop("__all__")
    return errors
