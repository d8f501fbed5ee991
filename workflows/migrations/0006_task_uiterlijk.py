# The due date kept on open tasks (workflows.deadlines): written on the open human tasks
# there are, and an index in the order of the work queues (PostgreSQL; SQLite sorts the
# few tasks of a test).

from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS workflows_task_uiterlijk_idx ON viewflow_task "
    "((COALESCE((data ->> 'uiterlijk'), (data ->> 'termijn_uiterlijk'))), id) "
    "WHERE flow_task_type = 'HUMAN' AND status IN ('NEW', 'ASSIGNED', 'STARTED')"
)


def write_due_dates(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("viewflow", "Task")
    Termijn = apps.get_model("termijnen", "Termijn")

    def type_of(app_label, model):
        ct = ContentType.objects.filter(app_label=app_label, model=model).first()
        return ct.pk if ct else None

    via = {
        type_of(app_label, name.lower()): apps.get_model(app_label, name)
        for app_label, name in (
            ("juridisch", "JuridischTraject"),
            ("dossieroverleg", "MeerwerkVerzoek"),
        )
    }
    via.pop(None, None)
    dossier_type = type_of("dossieroverleg", "dossier")
    first = {}
    for dossier_id, day in (
        Termijn.objects.filter(status="lopend", dossier__isnull=False)
        .order_by("-uiterlijk")
        .values_list("dossier_id", "uiterlijk")
        .iterator()
    ):
        first[dossier_id] = day.isoformat()  # the earliest comes last
    tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED", "STARTED"]
    ).select_related("process")
    for task in tasks.iterator():
        process = task.process
        if process.artifact_content_type_id == dossier_type:
            dossier_id = process.artifact_object_id
        elif process.artifact_content_type_id in via:
            model = via[process.artifact_content_type_id]
            dossier_id = (
                model.objects.filter(pk=process.artifact_object_id)
                .values_list("dossier_id", flat=True)
                .first()
            )
        else:
            continue
        if dossier_id in first:
            task.data = {**(task.data or {}), "termijn_uiterlijk": first[dossier_id]}
            task.save(update_fields=["data"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS workflows_task_uiterlijk_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0005_termijnbewaking_zonder_timers"),
        ("termijnen", "0006_open_uiterlijk"),
        ("dossieroverleg", "0012_besluit_mandaat"),
        ("juridisch", "0002_sancties_mandaat"),
    ]

    operations = [
        migrations.RunPython(write_due_dates, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
