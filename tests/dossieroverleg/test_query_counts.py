"""The number of SQL queries of a list page or API read does not grow with the rows on it
(the benchmark checks the same at 100 and at 100k rows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossieroverleg import services as dossier_services
from termijnen.services import new_term
from workflows.flows import HandhavingFlow

from .conftest import report_to_enforcement

PAGES = [
    "/handhaving/dossiers/",
    "/handhaving/termijnen/",
    "/api/v1/termijnen/",
    "/werk-handhaving/queue/",
    "/meldpunt/meldingen/",
]


def add_dossiers(people, contract, n):
    for _ in range(n):
        melding = report_to_enforcement(by=people["intake"], contract=contract)
        dossier, _ = dossier_services.open_dossier(melding=melding)
        HandhavingFlow.start.run(dossier=dossier)
        new_term(
            dossier=dossier,
            soort="herinspectie",
            omschrijving="Herinspectie",
            start=dossier.geopend_op.date(),
            by=people["teamleider"],
            eigenaar=people["teamleider"],
        )


def counts(client) -> dict:
    result = {}
    for url in PAGES:
        client.get(url)  # caches (content types, permissions) warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        result[url] = len(ctx.captured_queries)
    return result


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_rows(people, rob_contract, client_for):
    client = client_for(people["teamleider"])
    add_dossiers(people, rob_contract, 2)
    few = counts(client)
    add_dossiers(people, rob_contract, 8)
    many = counts(client)
    assert many == few
    assert max(many.values()) <= 30, many


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_work_queue_reads_its_order_from_an_index(people, rob_contract):
    """The queue's order (due date, then id) is the order of the partial index on open
    tasks (workflows.deadlines): a page reads its first rows instead of sorting every open
    task. With sorting priced out, PostgreSQL must still find a plan without a sort."""
    from viewflow.workflow.models import Task

    from workflows.columns import CaseColumns, with_due_dates

    add_dossiers(people, rob_contract, 3)
    queue = with_due_dates(Task.objects.filter(flow_task_type="HUMAN", status="NEW"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queue.order_by(*CaseColumns.ordering)[:25].explain()
    assert "workflows_task_uiterlijk_idx" in plan, plan
    assert "Sort Key" not in plan.split("SubPlan")[0], plan


@pytest.mark.django_db
def test_the_dossier_list_keeps_its_filters_on_the_next_page_and_counts_up_to_its_cap(
    people, rob_contract, client_for, monkeypatch
):
    """At a million reports the list counts up to its cap; the next page keeps the
    filters (it used to drop them)."""
    from regio.ui import CappedPaginator

    add_dossiers(people, rob_contract, 3)
    init = CappedPaginator.__init__
    monkeypatch.setattr(
        CappedPaginator, "__init__", lambda self, rows, per_page, **kw: init(self, rows, 1, **kw)
    )
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    html = client_for(people["teamleider"]).get("/handhaving/dossiers/?q=HH").content.decode()
    assert "of meer (meer dan 2 dossiers; verfijn met de filters)" in html
    next_link = html.split(">volgende<")[0].rsplit('href="', 1)[1]
    assert "q=HH" in next_link and "page=2" in next_link


def test_need_to_know_is_a_condition_on_each_dossier_not_a_list_of_the_hidden_ones(people):
    """An officer's dossier list and terms overview decide per row (the dossier's own
    columns, and an index lookup for a co-handler or who closed it): excluding the hidden
    ones (``NOT IN``) first listed every closed dossier of the region, ~200 ms at 200,000."""
    from dossieroverleg import selectors

    for qs in (
        selectors.visible_dossiers(people["handhaver"]),
        selectors.open_deadlines(people["handhaver"]),
    ):
        sql = str(qs.query)
        assert "EXISTS" in sql and "afgesloten" in sql, sql
        assert " IN (SELECT" not in sql, sql


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_flow_dashboard_reads_each_step_from_an_index(people, rob_contract):
    """A flow's dashboard (/werk-handhaving/) shows per step its newest tasks: the index on
    (step, creation) gives them without reading every task of the flow."""
    from viewflow.workflow.models import Task

    add_dossiers(people, rob_contract, 3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
    column = Task.objects.filter(flow_task=HandhavingFlow.onderzoek).order_by("-created")
    plan = column[:25].explain()
    assert "workflows_task_stap_idx" in plan, plan
    assert "Sort Key" not in plan, plan
