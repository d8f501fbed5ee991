"""Fill the database with realistic, reproducible volume for benchmarks (seeded).

The rows are written with PostgreSQL's COPY (``bench.bulk``): a million reports and two
hundred thousand dossiers with everything behind them in a few minutes. On another
database (SQLite) the same rows go through ``bulk_create``, fit for a small volume.
"""

import datetime
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from bench.bulk import Writer
from dossieroverleg.models import Agendapunt, Besluit, Dossier, Maatregel, Overleg
from dossieroverleg.models import StatusWijziging as DossierStatusWijziging
from juridisch.models import JuridischTraject, TrajectStap
from meldpunt.models import Aannemelijkheid, Aard, Ernst, Kanaal, Melding, Route, Weging
from notifications.models import Notificatie
from privacy.models import AuditRegel
from regio.models import Contract, Domein, Gemeente, Vestiging, Zorgaanbieder
from regio.progress import ProgressBar
from termijnen.models import Termijn
from workflows import deadlines, flows

MELDING_BATCH = 50_000
DOSSIER_BATCH = 20_000
ROB = {"GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"}
# The tables filled here (with their many-to-many tables): their indexes and foreign keys
# are made once, after the load.
LOADED = [
    Zorgaanbieder,
    Vestiging,
    Contract,
    Melding,
    Weging,
    Dossier,
    Besluit,
    DossierStatusWijziging,
    Notificatie,
    AuditRegel,
    Process,
    Task,
    Termijn,
    JuridischTraject,
    TrajectStap,
    Overleg,
    Agendapunt,
]
OPEN = ["geopend", "in_onderzoek", "geagendeerd", "advies", "besluit"]


class Command(BaseCommand):
    help = "Vult de database met realistische, herhaalbare aantallen (voor benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--meldingen", type=int, default=100_000)
        parser.add_argument("--dossiers", type=int, default=20_000)
        parser.add_argument(
            "--zorgaanbieders",
            type=int,
            default=None,
            help="Standaard één per 100 meldingen, minstens 1000.",
        )
        parser.add_argument("--zaad", type=int, default=2026)

    def progress(self, label: str, done: int, total: int) -> None:
        if getattr(self, "_bar", None) is None or self._bar.label != label:
            self._bar = ProgressBar(self.stdout, label, total)
        self._bar.update(done)

    def handle(self, *args, meldingen: int, dossiers: int, zorgaanbieders, zaad: int, **options):
        started = time.perf_counter()
        self.rnd = random.Random(zaad)
        self.out = Writer()
        self.tz = timezone.get_current_timezone()
        self.now = timezone.now()
        self.start = self.now - datetime.timedelta(days=730)
        with transaction.atomic():
            call_command("load_regio", verbosity=0)
            self.rob = [g.pk for g in Gemeente.objects.filter(code__in=ROB).order_by("code")]
            self.gemeenten = list(Gemeente.objects.values_list("pk", flat=True))
            self.user, _ = get_user_model().objects.get_or_create(username="volume")
            with self.out.indexes_after(LOADED):
                self._providers(zorgaanbieders or max(1000, meldingen // 100))
                self.melding_ids = self._reports(meldingen)
                discussed = []
                for first in range(0, dossiers, DOSSIER_BATCH):
                    discussed += self._dossiers(first, min(first + DOSSIER_BATCH, dossiers))
                    self.progress("dossiers", min(first + DOSSIER_BATCH, dossiers), dossiers)
                self._meetings(discussed)
                loaded = time.perf_counter()
            indexed = time.perf_counter()
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility maps, as autovacuum would have them after
            # such a load; without them the planner chose poor plans. VACUUM cannot run
            # in a caller's transaction (a test): there only the statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        done = time.perf_counter()
        self.stdout.write(
            self.style.SUCCESS(
                f"{meldingen} meldingen en {dossiers} dossiers aangemaakt (zaad {zaad}) "
                f"in {done - started:.0f} s: rijen {loaded - started:.0f} s, indexen en "
                f"sleutels {indexed - loaded:.0f} s, VACUUM ANALYZE {done - indexed:.0f} s."
            )
        )

    def _providers(self, count: int) -> None:
        """Providers with one location and one contract each, with three to seven of the
        region's municipalities."""
        rnd, out = self.rnd, self.out
        ids = out.reserve(Zorgaanbieder, count)
        out.write(
            Zorgaanbieder,
            ["id", "naam", "kvk_nummer"],
            ((pk, f"Zorgaanbieder {i:05d}", f"{50000000 + i}") for i, pk in enumerate(ids)),
        )
        out.write(
            Vestiging,
            ["zorgaanbieder_id", "naam", "gemeente_id"],
            ((pk, "Hoofdlocatie", rnd.choice(self.gemeenten)) for pk in ids),
        )
        contract_ids = out.reserve(Contract, count)
        self.contracts = [(pk, rnd.choice([Domein.WMO, Domein.JEUGD])) for pk in ids]
        out.write(
            Contract,
            ["id", "referentie", "domein", "zorgaanbieder_id", "ingangsdatum"],
            (
                (cid, f"VOL-{i:05d}", domein, pk, datetime.date(2024, 1, 1))
                for i, (cid, (pk, domein)) in enumerate(
                    zip(contract_ids, self.contracts, strict=True)
                )
            ),
        )
        out.write(
            Contract.gemeenten.through,
            ["contract_id", "gemeente_id"],
            (
                (cid, gemeente)
                for cid in contract_ids
                for gemeente in rnd.sample(self.rob, k=rnd.randint(3, 7))
            ),
        )
        self.provider_ids = list(ids)

    def _reports(self, total: int) -> range:
        """Weighed reports over the past two years, each with its weighing."""
        rnd, out, user = self.rnd, self.out, self.user.pk
        ids = out.reserve(Melding, total)
        minutes = 730 * 24 * 60
        kanalen, domeinen, aarden = Kanaal.values, Domein.values, Aard.values
        ernst, aannemelijk, routes = Ernst.values, Aannemelijkheid.values, Route.values
        for first in range(0, total, MELDING_BATCH):
            batch = []
            for i in range(first, min(first + MELDING_BATCH, total)):
                ontvangen = self.start + datetime.timedelta(minutes=rnd.randint(0, minutes))
                batch.append(
                    (
                        ids[i],
                        f"RMZ-V-{i:07d}",
                        rnd.choice(kanalen),
                        ontvangen,
                        rnd.choice(domeinen),
                        rnd.choice(aarden),
                        rnd.choice(self.provider_ids),
                    )
                )
            out.write(
                Melding,
                [
                    "id",
                    "nummer",
                    "kanaal",
                    "ontvangen_op",
                    "domein",
                    "aard",
                    "zorgaanbieder_id",
                    "omschrijving",
                    "status",
                ],
                ((*row, "volume", "gewogen") for row in batch),
            )
            out.write(
                Weging,
                [
                    "melding_id",
                    "aard",
                    "domein",
                    "ernst",
                    "aannemelijkheid",
                    "motivering",
                    "route",
                    "gewogen_door_id",
                    "gewogen_op",
                ],
                (
                    (
                        pk,
                        aard,
                        domein,
                        rnd.choice(ernst),
                        rnd.choice(aannemelijk),
                        "volume",
                        rnd.choice(routes),
                        user,
                        ontvangen + datetime.timedelta(days=rnd.randint(0, 20)),
                    )
                    for pk, _, _, ontvangen, domein, aard, _ in batch
                ),
            )
            self.progress("meldingen", min(first + MELDING_BATCH, total), total)
        return ids

    def _dossiers(self, first: int, last: int) -> list[tuple[int, datetime.datetime]]:
        """Dossiers ``first`` up to ``last`` with what follows them: three municipalities
        involved, one to three of the reports behind them, a decision for decided ones;
        then :meth:`_follow_up`. Returns (id, opened) of those far enough to be discussed
        in a meeting."""
        rnd, out, user = self.rnd, self.out, self.user.pk
        ids = out.reserve(Dossier, last - first)
        rows = []
        for j, pk in zip(range(first, last), ids, strict=True):
            provider, domein = rnd.choice(self.contracts)
            opened = self.start + datetime.timedelta(days=rnd.randint(0, 700))
            closed = rnd.random() < 0.5
            rows.append(
                (
                    pk,
                    f"HH-V-{j:06d}",
                    provider,
                    domein,
                    opened,
                    "afgesloten" if closed else rnd.choice(OPEN),
                    opened + datetime.timedelta(days=rnd.randint(30, 300)) if closed else None,
                )
            )
        out.write(
            Dossier,
            ["id", "nummer", "zorgaanbieder_id", "domein", "geopend_op", "status", "afgesloten_op"],
            rows,
        )
        out.write(
            Dossier.betrokken_gemeenten.through,
            ["dossier_id", "gemeente_id"],
            ((row[0], g) for row in rows for g in rnd.sample(self.rob, k=3)),
        )
        reports = self.melding_ids
        out.write(
            Dossier.meldingen.through,
            ["dossier_id", "melding_id"],
            (
                (row[0], m)
                for row in rows
                for m in rnd.sample(reports, k=min(len(reports), rnd.randint(1, 3)))
            ),
        )
        decided = [row for row in rows if row[5] in ("besluit", "afgesloten")]
        besluiten = {}  # dossier id: (decision id, publication date)
        decisions = []
        for bid, row in zip(out.reserve(Besluit, len(decided)), decided, strict=True):
            day = row[4].astimezone(self.tz).date()
            published = day + datetime.timedelta(days=62)
            besluiten[row[0]] = (bid, published)
            decisions.append(
                (
                    bid,
                    row[0],
                    day + datetime.timedelta(days=60),
                    [rnd.choice(Maatregel.values)],
                    published,
                    user,
                )
            )
        out.write(
            Besluit,
            ["id", "dossier_id", "datum", "maatregelen", "bekendmaking_op", "vastgelegd_door_id"],
            decisions,
        )
        self._follow_up(rows, besluiten)
        return [(row[0], row[4]) for row in rows if row[5] not in ("geopend", "in_onderzoek")]

    def _follow_up(self, rows: list[tuple], besluiten: dict) -> None:
        """Per dossier: status history, sent mails and audit rows; for decided ones a legal
        trajectory with its first step; for open ones a task in the work queue (a viewflow
        process with its task) and a term for the re-inspection."""
        rnd, out, user = self.rnd, self.out, self.user
        dossier_type = ContentType.objects.get_for_model(Dossier).pk
        rob = list(Gemeente.objects.filter(pk__in=self.rob[:3]).values_list("pk", "code"))
        out.write(
            DossierStatusWijziging,
            ["dossier_id", "van", "naar", "op", "door_id"],
            (
                change
                for pk, _, _, _, opened, status, _ in rows
                for change in (
                    [(pk, "", "geopend", opened, user.pk)]
                    + ([(pk, "geopend", status, opened, user.pk)] if status != "geopend" else [])
                )
            ),
        )
        out.write(
            Notificatie,
            [
                "event",
                "event_id",
                "content_type_id",
                "object_id",
                "nummer",
                "ontvanger",
                "gemeente_id",
                "onderwerp",
                "tekst",
                "status",
                "verzonden_op",
            ],
            (
                (
                    "dossier.geopend",
                    f"volume:{pk}",
                    dossier_type,
                    pk,
                    nummer,
                    f"handhaving@{code.lower()}.example.org",
                    gemeente,
                    f"Dossier {nummer} geopend",
                    "volume",
                    "verzonden",
                    opened,
                )
                for pk, nummer, _, _, opened, _, _ in rows
                for gemeente, code in rob
            ),
        )
        out.write(
            AuditRegel,
            ["op", "gebruiker_id", "gebruikersnaam", "actie", "object_type", "object_id", "nummer"],
            (
                (opened, user.pk, user.username, actie, "dossieroverleg.dossier", str(pk), nummer)
                for pk, nummer, _, _, opened, _, _ in rows
                for actie in ("wijzigen", "lezen", "lezen")
            ),
        )
        still_open = [row for row in rows if row[5] != "afgesloten"]
        process_ids = out.reserve(Process, len(still_open))
        flow_class = Process._meta.get_field("flow_class").get_prep_value(flows.HandhavingFlow)
        out.write(
            Process,
            [
                "id",
                "flow_class",
                "status",
                "artifact_content_type_id",
                "artifact_object_id",
                "created",
            ],
            (
                (process, flow_class, "NEW", dossier_type, row[0], row[4])
                for process, row in zip(process_ids, still_open, strict=True)
            ),
        )
        today = timezone.localdate()
        starts = [today + datetime.timedelta(days=rnd.randint(-20, 60)) for _ in still_open]
        flow_task = Task._meta.get_field("flow_task").get_prep_value(flows.HandhavingFlow.onderzoek)
        out.write(
            Task,
            # Each task carries its dossier's first open term (workflows.deadlines).
            ["process_id", "flow_task", "flow_task_type", "status", "created", "data"],
            (
                (process, flow_task, "HUMAN", "NEW", row[4], {deadlines.KEY: day.isoformat()})
                for process, row, day in zip(process_ids, still_open, starts, strict=True)
            ),
        )
        term_ids = out.reserve(Termijn, len(still_open))
        out.write(
            Termijn,
            [
                "id",
                "dossier_id",
                "soort",
                "omschrijving",
                "start",
                "uiterlijk",
                "uiterlijk_kalender",
                "eigenaar_id",
                "herinnerd_voor",
                "geescaleerd_voor",
                "volgende_controle",
            ],
            (
                (
                    term,
                    row[0],
                    "herinspectie",
                    "Herinspectie verbeterplan",
                    day,
                    day,
                    day,
                    user.pk,
                    *self._watch(day),
                )
                for term, row, day in zip(term_ids, still_open, starts, strict=True)
            ),
        )
        decided = [row for row in rows if row[0] in besluiten]
        traject_ids = out.reserve(JuridischTraject, len(decided))
        out.write(
            JuridischTraject,
            ["id", "dossier_id", "besluit_id", "maatregel", "spoor", "eigenaar_id", "fase"],
            (
                (
                    traject,
                    row[0],
                    besluiten[row[0]][0],
                    "aanwijzing",
                    "bestuursrecht",
                    user.pk,
                    "afgerond" if row[5] == "afgesloten" else "besluit",
                )
                for traject, row in zip(traject_ids, decided, strict=True)
            ),
        )
        out.write(
            TrajectStap,
            ["traject_id", "soort", "datum", "vastgelegd_door_id"],
            (
                (traject, "besluit", besluiten[row[0]][1], user.pk)
                for traject, row in zip(traject_ids, decided, strict=True)
            ),
        )

    def _watch(self, day: datetime.date) -> tuple:
        """As the term watch (termijnen.bewaking) leaves a term ending on ``day``: the
        reminder and the escalation sent when their moment passed, and the next moment to
        look (the reminder three days before at 08:00, else the day after the end)."""
        reminder = timezone.make_aware(
            datetime.datetime.combine(day - datetime.timedelta(days=3), datetime.time(8))
        )
        overdue = timezone.make_aware(
            datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0))
        )
        if reminder > self.now:
            return None, None, reminder
        if overdue > self.now:
            return day, None, overdue
        return day, day, None

    def _meetings(self, discussed: list[tuple[int, datetime.datetime]]) -> None:
        """A Dossieroverleg every two weeks, each discussing dossiers that got that far."""
        if not discussed:
            return
        rnd, out, user = self.rnd, self.out, self.user.pk
        discussed.sort(key=lambda item: item[1])
        first, last = discussed[0][1], discussed[-1][1]
        weeks = max(1, (last - first).days // 14)
        meetings = out.reserve(Overleg, weeks)
        out.write(
            Overleg,
            ["id", "datum", "voorzitter_id", "secretaris_id", "status"],
            (
                (
                    pk,
                    first + datetime.timedelta(days=14 * (i + 1)),
                    user,
                    user,
                    "verslag_vastgesteld",
                )
                for i, pk in enumerate(meetings)
            ),
        )
        out.write(
            Agendapunt,
            ["overleg_id", "dossier_id", "conclusie"],
            (
                (
                    meetings[min(weeks - 1, max(0, (opened - first).days // 14))],
                    pk,
                    rnd.choice(["advies_voorbereiden", "meer_onderzoek"]),
                )
                for pk, opened in discussed
            ),
        )
