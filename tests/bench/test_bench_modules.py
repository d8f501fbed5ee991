"""The pure parts of the load benchmarks: their rows, locust's CSV, the registry of modules.
No server is started here; ``make bench`` runs the measurements themselves."""

import py_compile
from collections import Counter

from bench import cluster, intake, load, mail, run

ROW_KEYS = {"sleutel", "meting", "eenheid", "min", "mediaan", "p95", "max", "runs", "doel"}

STATS_CSV = """\
Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,\
Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,\
50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
GET,/handhaving/dossiers/,120,0,130,210.5,42.1,1363.2,20700,4.0,0.0,\
130,170,200,240,600,1200,1300,1300,1400,1400,1400
POST,/melding/ (versturen),60,2,140,300.1,26.0,2324.9,5000,2.0,0.07,\
140,180,220,260,900,2000,2300,2300,2300,2300,2300
GET,/api/v1/termijnen/,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A
,Aggregated,180,2,130,240.0,26.0,2324.9,15400,6.0,0.07,\
130,170,210,250,700,1700,2300,2300,2300,2300,2300
"""

FAILURES_CSV = """\
Method,Name,Error,Occurrences
POST,/melding/ (versturen),geen bedankpagina maar http://127.0.0.1/melding/,2
"""


def test_the_measurements_with_real_processes_are_registered():
    assert {"bench.intake", "bench.mail", "bench.load", "bench.cluster"} <= set(run.MODULES)


def test_intake_reports_rates_and_the_paired_cost_ratio():
    rows = intake.rows(
        [100.0, 200.0], [300.0, 400.0], intake_errors=Counter(), bare_errors=Counter()
    )
    assert [r["sleutel"] for r in rows] == [
        "api_intake_per_s",
        "kale_insert_per_s",
        "intake_kostenverhouding",
    ]
    assert all(set(r) >= ROW_KEYS for r in rows)
    assert rows[0]["mediaan"] == 150.0 and rows[0]["gehaald"] is False
    assert (rows[2]["min"], rows[2]["max"]) == (2.0, 3.0)
    assert rows[2]["gehaald"] is True


def test_intake_errors_fail_the_goal_and_are_counted_in_the_note():
    rows = intake.rows(
        [400.0],
        [500.0],
        intake_errors=Counter({503: 2, "ConnectionError": 1}),
        bare_errors=Counter(),
    )
    assert rows[0]["gehaald"] is False
    assert "3 fouten" in rows[0]["noot"] and "503: 2" in rows[0]["noot"]
    assert rows[2]["gehaald"] is False


def test_mail_goal_needs_the_rate_and_every_mail():
    assert mail.rows([120.0, 130.0, 110.0], shortfalls=[], unsent=0)[0]["gehaald"] is True
    late = mail.rows([150.0], shortfalls=["900 van 1000 binnen 300 s"], unsent=100)[0]
    assert late["gehaald"] is False
    assert "100 notificaties" in late["noot"] and "te laat" in late["noot"]
    assert mail.rows([], shortfalls=["0 van 1000 binnen 300 s"], unsent=0)[0]["gehaald"] is False


def test_locust_stats_are_read_per_kind_with_the_aggregate():
    stats = load.parse_stats(STATS_CSV)
    assert [s["Name"] for s in stats][-1] == "Aggregated"
    assert stats[0]["Request Count"] == 120.0 and stats[2]["95%"] == "N/A"


def test_locust_rows_errors_rate_and_latency_per_kind():
    rows = load.rows_from_stats(
        load.parse_stats(STATS_CSV), load.parse_failures(FAILURES_CSV), setting="test"
    )
    by_key = {r["sleutel"]: r for r in rows}
    errors = by_key["belasting_fouten"]
    assert (errors["mediaan"], errors["gehaald"]) == (2, False)
    assert "2× POST /melding/ (versturen)" in errors["noot"]
    assert by_key["belasting_verzoeken_per_s"]["mediaan"] == 6.0
    dossiers = by_key["belasting_latentie_get__handhaving_dossiers"]
    assert (dossiers["min"], dossiers["mediaan"], dossiers["p95"], dossiers["max"]) == (
        42,
        130,
        1200,
        1363,
    )
    assert dossiers["runs"] == 120 and dossiers["eenheid"] == "ms"
    # A kind without requests has no latency row; the aggregate has one of its own.
    assert not any("termijnen" in key for key in by_key)
    assert "belasting_latentie_alle_verzoeken" in by_key
    assert all(set(r) >= ROW_KEYS for r in rows)


def test_locust_rounded_p95_never_exceeds_the_maximum():
    stats = load.parse_stats(STATS_CSV)
    stats[0]["95%"], stats[0]["Max Response Time"] = 1200.0, 1187.0
    assert load.latency_row(stats[0])["p95"] == 1187


def test_the_rows_render_in_the_report_page():
    rows = mail.rows([120.0], shortfalls=[], unsent=0) + load.rows_from_stats(
        load.parse_stats(STATS_CSV), [], setting="test"
    )
    page = run.render(
        {
            "datum": "2026-01-01 12:00",
            "machine": "test",
            "postgresql": "psql (PostgreSQL) 16",
            "volume": {"meldingen": 1, "dossiers": 1},
            "genereren_s": 0.1,
            "rijen": rows,
        }
    )
    assert "| e-mail verzenden via de outbox" in page and "ter informatie: –" in page


def test_the_locustfile_compiles(tmp_path):
    # Not imported: importing locust patches the standard library (gevent) for the whole
    # test process.
    py_compile.compile(str(load.LOCUSTFILE), cfile=str(tmp_path / "locustfile.pyc"), doraise=True)


LOGIN_CSV = """\
Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,\
Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,\
50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
POST,/accounts/login/ (inloggen),40,0,700,800.0,400.0,1900.0,0,0.1,0.0,\
700,800,900,1000,1500,1800,1900,1900,1900,1900,1900
GET,/werk-meldingen/,100,0,120,150.0,40.0,520.0,9000,0.3,0.0,\
120,140,160,180,300,480,500,510,520,520,520
,Aggregated,140,0,150,300.0,40.0,1900.0,7000,0.4,0.0,\
150,200,300,400,800,1500,1800,1900,1900,1900,1900
"""


def test_every_page_has_a_p95_goal_of_500_ms_but_the_login_only_informs():
    rows = load.rows_from_stats(load.parse_stats(LOGIN_CSV), [], setting="test")
    by_key = {r["sleutel"]: r for r in rows}
    login = by_key["belasting_latentie_post__accounts_login___inloggen"]
    assert (login["doel"], login["gehaald"]) == ("ter informatie", None)
    queue = by_key["belasting_latentie_get__werk_meldingen"]
    assert (queue["p95"], queue["doel"], queue["gehaald"]) == (480, "p95 ≤ 500 ms", True)
    # The aggregate holds the logins too: measured against the same goal, it is not met.
    assert by_key["belasting_latentie_alle_verzoeken"]["gehaald"] is False


def test_the_cpu_time_per_request_is_split_into_server_database_and_locust():
    rows = load.rows_from_stats(
        load.parse_stats(LOGIN_CSV),
        [],
        setting="test",
        cpu={"app": 14.0, "database": 7.0, "locust": 0.7},
    )
    cpu = next(r for r in rows if r["sleutel"] == "belasting_cpu_ms_per_verzoek")
    assert cpu["cpu_ms"] == {"app": 100.0, "database": 50.0, "locust": 5.0}
    assert cpu["mediaan"] == 150.0 and cpu["gehaald"] is None


def test_two_servers_pass_when_every_mail_arrived_exactly_once():
    result = {"stats": load.parse_stats(LOGIN_CSV), "failures": [], "cpu": None}
    sent = {"states": {"verzonden": 2}, "ids": ["<a@h>", "<b@h>"]}
    rows = cluster.rows(result, sent, {"<a@h>": 1, "<b@h>": 1}, queued=2)
    mail = rows[-1]
    assert mail["sleutel"] == "cluster_mail_precies_een_keer" and mail["gehaald"] is True
    assert rows[0]["sleutel"] == "cluster_fouten" and rows[0]["gehaald"] is True
    assert all(set(r) >= ROW_KEYS for r in rows)


def test_a_mail_received_twice_or_not_at_all_fails_the_two_server_goal():
    result = {"stats": load.parse_stats(LOGIN_CSV), "failures": [], "cpu": None}
    sent = {"states": {"verzonden": 3}, "ids": ["<a@h>", "<b@h>", "<c@h>"]}
    mail = cluster.rows(result, sent, {"<a@h>": 2, "<b@h>": 1}, queued=3)[-1]
    assert mail["gehaald"] is False
    assert "1 dubbel, 1 niet ontvangen" in mail["noot"]
