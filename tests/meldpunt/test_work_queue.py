"""The work queue says what each task is about, by when, and sorts overdue first."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meldpunt.models import Melding
from tests.clients import client_of
from tests.meldpunt.test_flow import ROUTES, WEGING, api_complete, open_task
from tests.regio.factories import ZorgaanbiederFactory

QUEUE = "/werk-meldingen/queue/"


def report(api, payload, **changes) -> Melding:
    nummer = api.post("/api/v1/meldingen/", {**payload, **changes}, format="json").json()["nummer"]
    return Melding.objects.get(nummer=nummer)


def acute(api, payload) -> Melding:
    """A report weighed as acute: its follow-up is due the same day."""
    melding = report(api, payload)
    api_complete(api, melding, "wegen", {**WEGING, "ernst": "acuut", **ROUTES["naar_handhaving"]})
    return melding


def rows(html: str) -> list[str]:
    """The text of each row of the list's table, in order."""
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr")[1:]
    ]


@pytest.fixture
def queue(api, payload, intaker):
    """Three tasks: an acute follow-up from two days ago, one due today, and a weighing
    without a date."""
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2), tick=False):
        late = acute(api, payload)
    today = acute(api, payload)
    plain = report(api, payload)
    return {"late": late, "today": today, "plain": plain}


def test_a_row_names_the_case_provider_domain_place_step_and_due_date(queue, intaker):
    page = client_of(intaker).get(QUEUE)
    assert page.status_code == 200
    first = rows(page.content.decode())[0]
    melding = queue["late"]
    assert melding.nummer in first
    assert "Zorg &amp; Co" in first or "Zorg & Co" in first
    assert melding.get_domein_display() in first
    assert melding.vestiging_gemeente.naam in first
    assert str(open_task(melding, "acuut_opvolgen").title) in first
    assert "2 dagen te laat" in first and "urgent" in first
    assert "niemand (in de wachtrij)" in first and "2 dagen" in first


def test_overdue_first_then_today_then_no_date(queue, intaker):
    listed = rows(client_of(intaker).get(QUEUE).content.decode())
    order = [next(i for i, row in enumerate(listed) if m.nummer in row) for m in queue.values()]
    assert order == sorted(order), listed
    assert "(vandaag)" in listed[order[1]]
    assert "—" in listed[order[2]]


def test_sorting_by_due_date_descending_puts_the_overdue_task_last_of_the_dated(queue, intaker):
    listed = rows(client_of(intaker).get(QUEUE, {"_orderby": "-uiterlijk"}).content.decode())
    dated = [row for row in listed if "te laat)" in row or "(vandaag)" in row]
    assert queue["today"].nummer in dated[0] and queue["late"].nummer in dated[-1]


def test_the_queue_filters_overdue_and_urgent_tasks(queue, intaker):
    client = client_of(intaker)
    late = rows(client.get(QUEUE, {"te_laat": "true"}).content.decode())
    assert len(late) == 1 and queue["late"].nummer in late[0]
    urgent = rows(client.get(QUEUE, {"dringend": "true"}).content.decode())
    assert {queue["late"].nummer, queue["today"].nummer} == {
        m.nummer for m in queue.values() if any(m.nummer in row for row in urgent)
    }


def test_the_task_page_shows_the_case_its_providers_earlier_reports_and_history(
    api, payload, intaker
):
    earlier, current = report(api, payload), report(api, payload)
    task = open_task(current, "wegen")
    client = client_of(intaker)
    base = f"/werk-meldingen/{task.process_id}/wegen/{task.pk}"
    client.post(f"{base}/assign/")
    page = client.get(f"{base}/execute/").content.decode()
    beside = page.split('class="zaak-naast"', 1)[1].split("</aside>", 1)[0]
    assert "Eerder bij Zorg &amp; Co" in beside and earlier.nummer in beside
    assert current.nummer not in beside  # not its own earlier report
    assert "Geen documenten." in beside
    assert current.historie.order_by("-op").first().get_naar_display() in beside


@pytest.mark.parametrize(
    "unusual",
    [
        {"aannemelijkheid": "onaannemelijk", **ROUTES["naar_handhaving"]},
        {"aannemelijkheid": "vastgesteld", **ROUTES["geen_vervolg"]},
    ],
)
def test_an_unusual_weighing_asks_to_be_confirmed(api, payload, unusual):
    melding = report(api, payload)
    task = open_task(melding, "wegen")
    url = f"/api/v1/taken/{task.pk}/voltooien/"
    refused = api.post(url, {**WEGING, **unusual}, format="json")
    assert refused.status_code == 400
    assert "Klopt dat?" in refused.json()["bevestigd"][0]
    confirmed = api.post(url, {**WEGING, **unusual, "bevestigd": True}, format="json")
    assert confirmed.status_code == 200, confirmed.content


def test_the_queue_sorts_and_filters_on_the_case_provider_domain_and_municipality(
    api, payload, intaker, regio
):
    eerste = report(api, payload)
    ander = ZorgaanbiederFactory(naam="Aardige Zorg")
    tweede = report(
        api,
        payload,
        zorgaanbieder={"id": ander.pk},
        domein="jeugd",
        vestiging_gemeente="GM0225",
        contracten=[],
    )
    client = client_of(intaker)

    def numbers(**params) -> list[str]:
        listed = rows(client.get(QUEUE, params).content.decode())
        return [m.nummer for row in listed for m in (eerste, tweede) if m.nummer in row]

    assert numbers(_orderby="zaak") == [eerste.nummer, tweede.nummer]
    assert numbers(_orderby="-zaak") == [tweede.nummer, eerste.nummer]
    assert numbers(_orderby="zorgaanbieder")[0] == tweede.nummer  # "Aardige" before "Zorg"
    # Druten (the second's place) before Nijmegen; reversed, the other way round.
    assert numbers(_orderby="gemeenten") == [tweede.nummer, eerste.nummer]
    assert numbers(_orderby="-gemeenten") == [eerste.nummer, tweede.nummer]
    assert numbers(zorgaanbieder="aardig") == [tweede.nummer]
    assert numbers(domein="jeugd") == [tweede.nummer]
    assert numbers(gemeente=regio["GM0225"].pk) == [tweede.nummer]
    assert numbers(gemeente=regio["GM0268"].pk) == [eerste.nummer]
    assert numbers(zaak=eerste.nummer[-3:]) == [eerste.nummer]


def test_a_long_queue_counts_up_to_its_cap_in_the_list_and_the_menu(queue, intaker, monkeypatch):
    """Counting every open task of a national queue cost most of the page: past the cap
    the list and the menu say "1.000+" (here the cap is 2)."""
    from regio.ui import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    html = client_of(intaker).get(QUEUE).content.decode()
    assert "1-3 of 2+" in html or "1-3 van 2+" in html, html.split("pagination-summary")[1][:200]
    assert '<span class="mdc-list-item__meta">2+</span>' in html
    # On the inbox the menu counts the queue the same way, without sorting it.
    with CaptureQueriesContext(connection) as queries:
        html = client_of(intaker).get("/werk-meldingen/inbox/").content.decode()
    assert '<span class="mdc-list-item__meta">2+</span>' in html
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    counts = [sql for sql in counts if "viewflow_task" in sql]
    for sql in counts:
        outer = sql[: sql.index("LIMIT 3) subquery")]
        assert "ORDER BY" not in outer[outer.rindex(")") :], sql[-300:]
    assert counts
    monkeypatch.setattr(CappedPaginator, "cap", 1_000)
    html = client_of(intaker).get(QUEUE).content.decode()
    assert "+</span>" not in html and ("1-3 of 3" in html or "1-3 van 3" in html)
