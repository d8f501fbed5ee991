# The term watch leaves the workflow timers for a sweep (termijnen.bewaking): the watch
# processes and their waiting timers go; the terms, their history and their planned next
# moment (termijnen 0005) stay.

from django.db import migrations


def drop_term_watches(apps, schema_editor):
    Process = apps.get_model("viewflow", "Process")
    Task = apps.get_model("viewflow", "Task")
    watches = Process.objects.filter(flow_class="workflows/flows.TermijnFlow")
    Task.objects.filter(process__in=watches).delete()
    watches.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0004_task_queue_index"),
        ("termijnen", "0005_bewaking_zonder_timers"),
    ]

    operations = [
        migrations.RunPython(drop_term_watches, migrations.RunPython.noop),
        migrations.DeleteModel(
            name="TermijnProcess",
        ),
    ]
