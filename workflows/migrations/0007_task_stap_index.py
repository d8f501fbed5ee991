"""An index for a flow's dashboard (its index page, e.g. /werk-meldingen/): per step the
newest open tasks, and the newest finished ones. viewflow filters on the step and sorts on
creation; without this index each of its columns read every task (at a million reports
~130,000 rows, 15-35 ms a column)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workflows", "0006_task_uiterlijk"), ("viewflow", "0015_task_scheduled")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS workflows_task_stap_idx "
            "ON viewflow_task (flow_task, created)",
            "DROP INDEX IF EXISTS workflows_task_stap_idx",
        )
    ]
