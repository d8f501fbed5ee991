"""Fill the database with realistic, reproducible volume for benchmarks (seeded)."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from dossieroverleg.models import Besluit, Dossier, Maatregel
from meldpunt.models import Aannemelijkheid, Aard, Ernst, Kanaal, Melding, Route, Weging
from regio.models import Contract, Domein, Gemeente, Vestiging, Zorgaanbieder
from regio.progress import ProgressBar

BATCH = 5_000


class Command(BaseCommand):
    help = "Vult de database met realistische, herhaalbare aantallen (voor benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--meldingen", type=int, default=100_000)
        parser.add_argument("--dossiers", type=int, default=20_000)
        parser.add_argument("--zaad", type=int, default=2026)

    def progress(self, label: str, done: int, total: int) -> None:
        if getattr(self, "_bar", None) is None or self._bar.label != label:
            self._bar = ProgressBar(self.stdout, label, total)
        self._bar.update(done)

    @transaction.atomic
    def handle(self, *args, meldingen: int, dossiers: int, zaad: int, **options):
        rnd = random.Random(zaad)
        call_command("load_regio", verbosity=0)
        gemeenten = list(Gemeente.objects.all())
        rob = [
            g
            for g in gemeenten
            if g.code in {"GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"}
        ]
        user, _ = get_user_model().objects.get_or_create(username="volume")
        providers = Zorgaanbieder.objects.bulk_create(
            [
                Zorgaanbieder(naam=f"Zorgaanbieder {i:04d}", kvk_nummer=f"{50000000 + i}")
                for i in range(1000)
            ],
            batch_size=BATCH,
        )
        Vestiging.objects.bulk_create(
            [
                Vestiging(zorgaanbieder=p, naam="Hoofdlocatie", gemeente=rnd.choice(gemeenten))
                for p in providers
            ],
            batch_size=BATCH,
        )
        contracts = []
        for i, provider in enumerate(providers):
            contract = Contract.objects.create(
                referentie=f"VOL-{i:05d}",
                domein=rnd.choice([Domein.WMO, Domein.JEUGD]),
                zorgaanbieder=provider,
                ingangsdatum=datetime.date(2024, 1, 1),
            )
            contract.gemeenten.set(rnd.sample(rob, k=rnd.randint(3, 7)))
            contracts.append(contract)
        start = timezone.now() - datetime.timedelta(days=730)
        rows = []
        for i in range(meldingen):
            ontvangen = start + datetime.timedelta(minutes=rnd.randint(0, 730 * 24 * 60))
            rows.append(
                Melding(
                    nummer=f"RMZ-V-{i:07d}",
                    kanaal=rnd.choice(Kanaal.values),
                    ontvangen_op=ontvangen,
                    omschrijving="volume",
                    domein=rnd.choice(Domein.values),
                    aard=rnd.choice(Aard.values),
                    zorgaanbieder=rnd.choice(providers),
                    status="gewogen",
                )
            )
            if len(rows) == BATCH or i == meldingen - 1:
                created = Melding.objects.bulk_create(rows)
                Weging.objects.bulk_create(
                    [
                        Weging(
                            melding=m,
                            aard=m.aard,
                            domein=m.domein,
                            ernst=rnd.choice(Ernst.values),
                            aannemelijkheid=rnd.choice(Aannemelijkheid.values),
                            motivering="volume",
                            route=rnd.choice(Route.values),
                            gewogen_door=user,
                            gewogen_op=m.ontvangen_op + datetime.timedelta(days=rnd.randint(0, 20)),
                        )
                        for m in created
                    ]
                )
                rows = []
                self.progress("meldingen", i + 1, meldingen)
        for i in range(0, dossiers, BATCH):
            batch = []
            for j in range(i, min(i + BATCH, dossiers)):
                contract = rnd.choice(contracts)
                opened = start + datetime.timedelta(days=rnd.randint(0, 700))
                closed = rnd.random() < 0.5
                batch.append(
                    Dossier(
                        nummer=f"HH-V-{j:06d}",
                        zorgaanbieder=contract.zorgaanbieder,
                        domein=contract.domein,
                        geopend_op=opened,
                        status="afgesloten"
                        if closed
                        else rnd.choice(
                            ["geopend", "in_onderzoek", "geagendeerd", "advies", "besluit"]
                        ),
                        afgesloten_op=opened + datetime.timedelta(days=rnd.randint(30, 300))
                        if closed
                        else None,
                    )
                )
            created = Dossier.objects.bulk_create(batch)
            through = Dossier.betrokken_gemeenten.through
            through.objects.bulk_create(
                [
                    through(dossier_id=d.pk, gemeente_id=g.pk)
                    for d in created
                    for g in rnd.sample(rob, k=3)
                ]
            )
            Besluit.objects.bulk_create(
                [
                    Besluit(
                        dossier=d,
                        datum=timezone.localtime(d.geopend_op).date() + datetime.timedelta(days=60),
                        maatregelen=[rnd.choice(Maatregel.values)],
                        bekendmaking_op=timezone.localtime(d.geopend_op).date()
                        + datetime.timedelta(days=62),
                        vastgelegd_door=user,
                    )
                    for d in created
                    if d.status in ("afgesloten", "besluit")
                ]
            )
            self._follow_up(rnd, created, user, rob)
            self.progress("dossiers", min(i + BATCH, dossiers), dossiers)
        self._link_reports(rnd, meldingen)
        self._meetings(rnd, user)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would have them after such a load.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"{meldingen} meldingen en {dossiers} dossiers aangemaakt (zaad {zaad})."
            )
        )

    def _link_reports(self, rnd, meldingen: int) -> None:
        """Every dossier has one to three of the reports behind it."""
        through = Dossier.meldingen.through
        melding_ids = list(Melding.objects.values_list("pk", flat=True)[: max(meldingen, 1)])
        rows = []
        for dossier_id in Dossier.objects.values_list("pk", flat=True).iterator():
            for melding_id in rnd.sample(melding_ids, k=min(len(melding_ids), rnd.randint(1, 3))):
                rows.append(through(dossier_id=dossier_id, melding_id=melding_id))
            if len(rows) >= BATCH:
                through.objects.bulk_create(rows, ignore_conflicts=True)
                rows = []
        through.objects.bulk_create(rows, ignore_conflicts=True)

    def _follow_up(self, rnd, dossiers, user, rob) -> None:
        """Per dossier: status history, sent mails and audit rows; for decided ones a legal
        trajectory with its terms; for open ones a task in the work queue and a watched
        term (viewflow processes with their waiting timer)."""
        from django.contrib.contenttypes.models import ContentType
        from viewflow.workflow.models import Process, Task

        from dossieroverleg.models import StatusWijziging
        from juridisch.models import JuridischTraject, TrajectStap
        from notifications.models import Notificatie
        from privacy.models import AuditRegel
        from termijnen.models import Termijn
        from workflows.flows import HandhavingFlow, TermijnFlow

        now = timezone.now()
        dossier_type = ContentType.objects.get_for_model(Dossier)
        termijn_type = ContentType.objects.get_for_model(Termijn)
        history, mails, audit, processes, terms = [], [], [], [], []
        for d in dossiers:
            history.append(
                StatusWijziging(dossier=d, van="", naar="geopend", op=d.geopend_op, door=user)
            )
            if d.status != "geopend":
                history.append(
                    StatusWijziging(
                        dossier=d, van="geopend", naar=d.status, op=d.geopend_op, door=user
                    )
                )
            for gemeente in rob[:3]:
                mails.append(
                    Notificatie(
                        event="dossier.geopend",
                        event_id=f"volume:{d.pk}",
                        content_type=dossier_type,
                        object_id=d.pk,
                        nummer=d.nummer,
                        ontvanger=f"handhaving@{gemeente.code.lower()}.example.org",
                        gemeente=gemeente,
                        onderwerp=f"Dossier {d.nummer} geopend",
                        tekst="volume",
                        status="verzonden",
                        verzonden_op=d.geopend_op,
                    )
                )
            audit += [
                AuditRegel(
                    op=d.geopend_op,
                    gebruiker_id=user.pk,
                    gebruikersnaam=user.username,
                    actie=actie,
                    object_type="dossieroverleg.dossier",
                    object_id=str(d.pk),
                    nummer=d.nummer,
                )
                for actie in ("wijzigen", "lezen", "lezen")
            ]
            if d.status != "afgesloten":
                processes.append(
                    Process(
                        flow_class=HandhavingFlow,
                        status="NEW",
                        artifact_content_type=dossier_type,
                        artifact_object_id=d.pk,
                        created=d.geopend_op,
                    )
                )
                start = timezone.localdate() + datetime.timedelta(days=rnd.randint(-20, 60))
                terms.append(
                    Termijn(
                        dossier=d,
                        soort="herinspectie",
                        omschrijving="Herinspectie verbeterplan",
                        start=start,
                        uiterlijk=start,
                        uiterlijk_kalender=start,
                        eigenaar=user,
                    )
                )
        StatusWijziging.objects.bulk_create(history)
        Notificatie.objects.bulk_create(mails)
        AuditRegel.objects.bulk_create(audit)
        processes = Process.objects.bulk_create(processes)
        Task.objects.bulk_create(
            [
                Task(
                    process=p,
                    flow_task=HandhavingFlow.onderzoek,
                    flow_task_type="HUMAN",
                    status="NEW",
                    created=p.created,
                )
                for p in processes
            ]
        )
        terms = Termijn.objects.bulk_create(terms)
        watches = Process.objects.bulk_create(
            [
                Process(
                    flow_class=TermijnFlow,
                    status="NEW",
                    artifact_content_type=termijn_type,
                    artifact_object_id=t.pk,
                )
                for t in terms
            ]
        )
        Task.objects.bulk_create(
            [
                Task(
                    process=w,
                    flow_task=TermijnFlow.wachten,
                    flow_task_type="TIMER",
                    status="SCHEDULED",
                    scheduled=now + datetime.timedelta(days=rnd.randint(1, 90)),
                )
                for w in watches
            ]
        )
        decided = [d for d in dossiers if d.status in ("besluit", "afgesloten")]
        besluiten = {b.dossier_id: b for b in Besluit.objects.filter(dossier__in=decided)}
        trajecten = JuridischTraject.objects.bulk_create(
            [
                JuridischTraject(
                    dossier=d,
                    besluit=besluiten[d.pk],
                    maatregel="aanwijzing",
                    spoor="bestuursrecht",
                    eigenaar=user,
                    fase="afgerond" if d.status == "afgesloten" else "besluit",
                )
                for d in decided
                if d.pk in besluiten
            ]
        )
        TrajectStap.objects.bulk_create(
            [
                TrajectStap(
                    traject=t,
                    soort="besluit",
                    datum=besluiten[t.dossier_id].bekendmaking_op,
                    vastgelegd_door=user,
                )
                for t in trajecten
            ]
        )

    def _meetings(self, rnd, user) -> None:
        """A Dossieroverleg every two weeks, each discussing dossiers that got that far."""
        from dossieroverleg.models import Agendapunt, Overleg

        discussed = list(
            Dossier.objects.exclude(status__in=["geopend", "in_onderzoek"])
            .order_by("geopend_op")
            .values_list("pk", "geopend_op")
        )
        if not discussed:
            return
        first, last = discussed[0][1], discussed[-1][1]
        weeks = max(1, (last - first).days // 14)
        meetings = Overleg.objects.bulk_create(
            [
                Overleg(
                    datum=first + datetime.timedelta(days=14 * (i + 1)),
                    voorzitter=user,
                    secretaris=user,
                    status="verslag_vastgesteld",
                )
                for i in range(weeks)
            ]
        )
        items = []
        for pk, opened in discussed:
            index = min(len(meetings) - 1, max(0, (opened - first).days // 14))
            items.append(
                Agendapunt(
                    overleg=meetings[index],
                    dossier_id=pk,
                    conclusie=rnd.choice(["advies_voorbereiden", "meer_onderzoek"]),
                )
            )
        Agendapunt.objects.bulk_create(items, batch_size=BATCH)
