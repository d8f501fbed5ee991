"""Every API operation, fuzzed from the app's own OpenAPI schema (schemathesis).

The schema is the live one: made by the generator behind ``/api/v1/schema/`` (which
``test_docs`` holds equal to the committed ``docs/openapi.yaml``). Every operation is
called through the WSGI handler, middleware and all, with generated input, valid and
invalid, as a logged-in staff member (API token). A request fails the test when the
answer is a server error, or does not conform to the schema (a status code it does not
document, another content type, a body or header of another shape), or when input that
breaks the schema is accepted. Input that satisfies the schema may still be refused with
a documented 400 for a rule the schema cannot say (an unknown municipality code, a NUL
byte), so schemathesis's ``positive_data_acceptance`` is not among the checks.
Bounded and deterministic (``derandomize``, no shrinking): the same cases on every run.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from dossieroverleg.models import Dossier
from tests.meldpunt.test_flow import ROUTES, WEGING, open_task

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def test_transaction_kept():
    """The requests go through the real WSGI handler, which closes the database
    connection when a request ends; as in Django's test client, not during a test, so the
    requests see the test's data and its transaction is rolled back afterwards."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth(token) -> dict:
    return {"Authorization": f"Token {token}"}


def live_schema() -> dict:
    """The schema as ``/api/v1/schema/`` serves it, made by the same generator. It is made
    when the tests are collected, before a database exists to log in with."""
    spec = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(spec))


# Loaded when the module is collected (schemathesis's lazy ``from_fixture`` does not run
# under pytest 9: it sets a node attribute pytest no longer has).
schema = schemathesis.openapi.from_dict(live_schema())
schema.app = application  # requests go through the WSGI handler, middleware and all


@schema.parametrize()
@settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(case, world, auth, test_transaction_kept):
    case.call_and_validate(headers=auth, checks=CHECKS)


def call(operation: str, auth: dict, **parts):
    """One request through schemathesis, validated like the generated ones."""
    method, path = operation.split(" ")
    case = schema[path][method].Case(**parts)
    return case.call_and_validate(headers=auth, checks=CHECKS)


def test_real_objects_answer_as_the_schema_says(world, auth, medewerker, test_transaction_kept):
    """Generated numbers rarely hit a real report, dossier or task: these do, so every
    success answer is held to the schema too."""
    melding, dossier, contract = world["melding"], world["dossier"], world["contract"]
    task = open_task(melding, "wegen")
    intake = {
        "kanaal": "api",
        "omschrijving": "Cliënten krijgen hun medicatie niet op tijd.",
        "domein": contract.domein,
        "zorgaanbieder": {"id": contract.zorgaanbieder_id},
        "vestiging_gemeente": "GM0268",
        "contracten": [contract.referentie],
        "clienten": [{"naam": "Piet Pietersen", "woonplaats_gemeente": None}],
    }
    key = {"Idempotency-Key": "schema-1"}
    answers = [
        call("POST /api/v1/meldingen/", auth, body=intake, headers=key),
        call("POST /api/v1/meldingen/", auth, body=intake, headers=key),
        call("POST /api/v1/meldingen/", auth, body={**intake, "domein": "jeugd"}, headers=key),
        call("GET /api/v1/meldingen/{nummer}/", auth, path_parameters={"nummer": melding.nummer}),
        call("GET /api/v1/dossiers/{nummer}/", auth, path_parameters={"nummer": dossier.nummer}),
        call("GET /api/v1/termijnen/", auth, query={"staat": "verlopen", "soort": "zienswijze"}),
        call("GET /api/v1/termijnen/", auth, query={"staat": "AAA"}),
        call("GET /api/v1/taken/", auth),
        call("GET /api/v1/taken/{id}/", auth, path_parameters={"id": task.pk}),
        call("POST /api/v1/taken/{id}/voltooien/", auth, path_parameters={"id": task.pk}, body={}),
        call(
            "POST /api/v1/taken/{id}/voltooien/",
            auth,
            path_parameters={"id": task.pk},
            body={**WEGING, **ROUTES["geen_vervolg"]},
        ),
    ]
    assert [a.status_code for a in answers] == [
        201,
        201,
        422,
        200,
        200,
        200,
        400,
        200,
        200,
        400,
        200,
    ]


def test_what_a_municipality_sees_of_a_dossier_answers_as_the_schema_says(
    world, people, test_transaction_kept
):
    dossier = world["dossier"]
    auth = {"Authorization": f"Token {Token.objects.create(user=people['druten']).key}"}
    path = {"nummer": dossier.nummer}
    plain = call("GET /api/v1/dossiers/{nummer}/", auth, path_parameters=path)
    assert plain.status_code == 200 and "meldingen" not in plain.json()
    Dossier.objects.filter(pk=dossier.pk).update(vertrouwelijkheid="geheim")
    secret = call("GET /api/v1/dossiers/{nummer}/", auth, path_parameters=path)
    assert secret.json() == {"nummer": dossier.nummer, "vertrouwelijk": True}
