"""An index for the work queues: open human tasks, newest first (viewflow's own indexes
cover each column alone; the queue filters on type and status and sorts on creation)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workflows", "0003_opvolging"), ("viewflow", "0015_task_scheduled")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS workflows_task_queue_idx "
            "ON viewflow_task (flow_task_type, status, created)",
            "DROP INDEX IF EXISTS workflows_task_queue_idx",
        )
    ]
