"""An existing database survives the move of models to an app of their own (ADR 0006):
migrated back to the last migrations before the move, filled through the historical
models, and migrated forward, it keeps every row, every foreign key between them, the
content types (so what refers to a row by content type still finds it) and every
permission each role held."""

import datetime
import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from viewflow.workflow.fields import get_flow_ref

from regio.roles import ROLES

pytestmark = pytest.mark.django_db(transaction=True)

# The last migrations before the move.
BEFORE = [("dossieroverleg", "0007_onderzoek_afgerond"), ("termijnen", None), ("juridisch", None)]
# Each moved model: the app it was in, the app it is in.
MOVED = {
    "termijn": ("dossieroverleg", "termijnen"),
    "opschorting": ("dossieroverleg", "termijnen"),
    "termijnwijziging": ("dossieroverleg", "termijnen"),
    "juridischtraject": ("dossieroverleg", "juridisch"),
    "trajectstap": ("dossieroverleg", "juridisch"),
}
# Rows that refer to moved rows (their counts must not change either).
REFERRING = [
    ("dossieroverleg", "dossier"),
    ("dossieroverleg", "document"),
    ("dossieroverleg", "nazorgverzoek"),
    ("dossieroverleg", "verbeterplan"),
    ("dossieroverleg", "meerwerkverzoek"),
]


def migrate(targets):
    """Migrate to ``targets`` (None: the latest); return the apps as of that state."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return state.apps


def fill(apps) -> dict:
    """A dossier after its decision, with a legal step, aftercare, a re-inspection and
    extra work, each with its term (one suspended and resumed), and the processes that
    watch the terms: through the models as they were before the move."""
    get = apps.get_model
    User = get("auth", "User")  # noqa: N806
    officer = User.objects.create(username="migratie-behandelaar")
    gemeente = get("regio", "Gemeente").objects.create(code="GM9901", naam="Migratiedorp")
    aanbieder = get("regio", "Zorgaanbieder").objects.create(naam="Zorg bij de migratie")
    dossier = get("dossieroverleg", "Dossier").objects.create(
        nummer="HH-2020-9901", zorgaanbieder=aanbieder, domein="wmo", behandelaar=officer
    )
    besluit = get("dossieroverleg", "Besluit").objects.create(
        dossier=dossier,
        datum=datetime.date(2020, 1, 6),
        maatregelen=["aanwijzing"],
        bekendmaking_op=datetime.date(2020, 1, 7),
        vastgelegd_door=officer,
    )
    Termijn = get(MOVED["termijn"][0], "Termijn")  # noqa: N806
    day = datetime.date(2020, 1, 7)

    def term(soort, **extra):
        return Termijn.objects.create(
            dossier=dossier,
            soort=soort,
            omschrijving=soort,
            start=day,
            weken=6,
            uiterlijk_kalender=day + datetime.timedelta(weeks=6),
            uiterlijk=day + datetime.timedelta(weeks=6),
            eigenaar=officer,
            **extra,
        )

    bezwaartermijn = term("bezwaartermijn")
    nazorgtermijn = term("nazorg", gemeente=gemeente)
    herinspectie = term("herinspectie")
    meerwerktermijn = term("meerwerk")
    get(MOVED["opschorting"][0], "Opschorting").objects.create(
        termijn=bezwaartermijn, van=day, tot=day + datetime.timedelta(days=3), reden="4:15"
    )
    TermijnWijziging = get(MOVED["termijnwijziging"][0], "TermijnWijziging")  # noqa: N806
    for soort in ("gestart", "opgeschort", "hervat"):
        TermijnWijziging.objects.create(termijn=bezwaartermijn, soort=soort, door=officer)
    traject = get(MOVED["juridischtraject"][0], "JuridischTraject").objects.create(
        dossier=dossier,
        besluit=besluit,
        maatregel="aanwijzing",
        spoor="bestuursrecht",
        fase="besluit",
        eigenaar=officer,
    )
    stap = get(MOVED["trajectstap"][0], "TrajectStap").objects.create(
        traject=traject, soort="besluit", datum=day, termijn=bezwaartermijn, vastgelegd_door=officer
    )
    get("dossieroverleg", "Document").objects.create(
        dossier=dossier,
        stap=stap,
        bestand="dossiers/besluit.pdf",
        naam="besluit.pdf",
        content_type="application/pdf",
        grootte=1,
        sha256="0" * 64,
    )
    get("dossieroverleg", "NazorgVerzoek").objects.create(
        dossier=dossier,
        gemeente=gemeente,
        reden="ontbinding",
        termijn=nazorgtermijn,
        gevraagd_door=officer,
    )
    get("dossieroverleg", "Verbeterplan").objects.create(
        dossier=dossier,
        ontvangen_op=day,
        omschrijving="plan",
        herinspectie=herinspectie,
        vastgelegd_door=officer,
    )
    get("dossieroverleg", "MeerwerkVerzoek").objects.create(
        dossier=dossier, omschrijving="meer", termijn=meerwerktermijn, gevraagd_door=officer
    )
    HistoricalContentType = get("contenttypes", "ContentType")  # noqa: N806
    from workflows.flows import BezwaarFlow

    def process(flow, artifact, model):
        return get("viewflow", "Process").objects.create(
            flow_class=flow if isinstance(flow, str) else get_flow_ref(flow),
            artifact_content_type=HistoricalContentType.objects.get(
                app_label=MOVED[model][0], model=model
            ),
            artifact_object_id=artifact.pk,
            created=timezone.now(),
        )

    return {
        "stap": stap.pk,
        "termijn": bezwaartermijn.pk,
        "traject": traject.pk,
        # The term watch as a flow, before the sweep replaced it (termijnen.bewaking).
        "termijnproces": process("workflows/flows.TermijnFlow", bezwaartermijn, "termijn").pk,
        "bezwaarproces": process(BezwaarFlow, traject, "juridischtraject").pk,
    }


def counts(apps, moved: bool) -> dict[str, int]:
    """Rows per table; ``moved``: ``apps`` is the state after the move."""
    models = [(labels[moved], model) for model, labels in MOVED.items()] + REFERRING
    with connection.cursor() as cursor:
        result = {}
        for app, model in models:
            table = apps.get_model(app, model)._meta.db_table
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            result[table] = cursor.fetchone()[0]
    return result


def content_types(apps) -> dict[str, tuple[int, str]]:
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    rows = ContentType.objects.filter(model__in=MOVED)
    return {ct.model: (ct.pk, ct.app_label) for ct in rows}


def grants(apps) -> dict[str, dict[int, str]]:
    """Per group: its permissions, by id, as ``app_label.codename``."""
    Group = apps.get_model("auth", "Group")  # noqa: N806
    return {
        group.name: {
            perm.pk: f"{perm.content_type.app_label}.{perm.codename}"
            for perm in group.permissions.select_related("content_type")
        }
        for group in Group.objects.prefetch_related("permissions")
    }


def moved_model(codename: str) -> str | None:
    """The moved model a permission belongs to (its default ones, or the trajectory's own)."""
    model = codename.split("_", 1)[-1]
    if model in MOVED:
        return model
    if codename in ("voeren_traject", "beslissen_op_bezwaar"):
        return "juridischtraject"
    return None


def test_moving_models_to_their_own_app_keeps_rows_keys_content_types_and_grants():
    old = migrate(BEFORE)
    ids = fill(old)
    before_counts, before_types, before_grants = counts(old, False), content_types(old), grants(old)
    assert all(before_counts.values())
    for perm in ("view_termijn", "voeren_traject", "beslissen_op_bezwaar"):
        assert f"dossieroverleg.{perm}" in before_grants["jurist"].values()
    assert {model: label for model, (_pk, label) in before_types.items()} == {
        model: labels[0] for model, labels in MOVED.items()
    }

    new = migrate(None)

    assert counts(new, True) == before_counts
    # Each content type kept its id and moved to the new app; nothing is left behind.
    assert content_types(new) == {
        model: (before_types[model][0], labels[1]) for model, labels in MOVED.items()
    }
    # Every role has exactly the permissions it had: the same rows, under the new label.
    after_grants = grants(new)
    assert {g: set(perms) for g, perms in after_grants.items()} == {
        g: set(perms) for g, perms in before_grants.items()
    }
    for group, perms in before_grants.items():
        for pk, label in perms.items():
            app, codename = label.split(".")
            if app == "dossieroverleg" and moved_model(codename):
                label = f"{MOVED[moved_model(codename)][1]}.{codename}"
            assert after_grants[group][pk] == label
    # The roles as the code names them resolve to the permissions each group holds.
    for role, (_description, perms) in ROLES.items():
        if role in after_grants:
            missing = set(perms) - set(after_grants[role].values())
            assert not missing, (role, missing)

    # The rows and their keys, through today's models.
    from viewflow.workflow.models import Process

    from juridisch.models import JuridischTraject, TrajectStap
    from termijnen.models import Termijn

    stap = TrajectStap.objects.get(pk=ids["stap"])
    assert (
        stap.traject.pk == ids["traject"] and stap.traject.besluit.dossier == stap.traject.dossier
    )
    assert stap.documenten.get().naam == "besluit.pdf"
    assert stap.termijn.pk == ids["termijn"]
    assert stap.termijn.dossier.nummer == "HH-2020-9901"
    assert stap.termijn.opschortingen.get().reden == "4:15"
    assert stap.termijn.historie.count() == 3
    dossier = stap.termijn.dossier
    assert dossier.nazorg.get().termijn.gemeente.code == "GM9901"
    assert dossier.verbeterplannen.get().herinspectie.soort == "herinspectie"
    assert dossier.meerwerk.get().termijn.soort == "meerwerk"
    assert ContentType.objects.get_for_model(Termijn).pk == before_types["termijn"][0]
    assert (
        ContentType.objects.get_for_model(JuridischTraject).pk
        == before_types["juridischtraject"][0]
    )
    # The watch's process is gone; the sweep looks at the running term next.
    assert not Process.objects.filter(pk=ids["termijnproces"]).exists()
    assert stap.termijn.status == "lopend" and stap.termijn.volgende_controle is not None
    process = Process.objects.get(pk=ids["bezwaarproces"])
    assert isinstance(process.artifact, JuridischTraject) and process.artifact.pk == ids["traject"]


@pytest.mark.django_db
def test_a_content_type_made_twice_during_the_move_is_merged_into_the_old_one():
    """A new database may sync permissions between the two halves of the move, so that
    both labels have a content type: the old one (which others refer to) is kept, with the
    grants of both."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    move = importlib.import_module("dossieroverleg.migrations.0008_termijnen_eigen_app")
    made_twice = ContentType.objects.get(app_label="termijnen", model="termijn")
    old = ContentType.objects.create(app_label="dossieroverleg", model="termijn")
    old_view = Permission.objects.create(content_type=old, codename="view_termijn", name="v")
    only_old = Permission.objects.create(content_type=old, codename="oud_termijn", name="o")
    group = Group.objects.create(name="beide")
    group.permissions.add(Permission.objects.get(content_type=made_twice, codename="view_termijn"))

    move.move_content_types(apps, "dossieroverleg", "termijnen")

    assert not ContentType.objects.filter(pk=made_twice.pk).exists()
    kept = ContentType.objects.get(app_label="termijnen", model="termijn")
    assert kept.pk == old.pk
    assert set(group.permissions.all()) == {old_view}
    codenames = set(Permission.objects.filter(content_type=kept).values_list("codename", flat=True))
    assert {"view_termijn", "add_termijn", "oud_termijn"} <= codenames
    assert Permission.objects.get(pk=only_old.pk).content_type_id == kept.pk
