"""DataVersion moves from the dashboard to the kernel (bangphlat/versions.py): the model's state
only; its table ``dashboard_dataversion`` and its rows stay as they are."""

from django.db import migrations, models
from django.utils import timezone


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="bangphlat", model="dataversion").exists():
        ContentType.objects.filter(app_label="dashboard", model="dataversion").update(
            app_label="bangphlat"
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="dashboard", model="dataversion").exists():
        ContentType.objects.filter(app_label="bangphlat", model="dataversion").update(
            app_label="dashboard"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bangphlat", "0002_export_job"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dashboard", "0003_activity_month"),  # the table exists, with its changed_at column
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DataVersion",
                    fields=[
                        ("key", models.CharField(max_length=20, primary_key=True, serialize=False)),
                        ("token", models.CharField(max_length=16)),
                        ("changed_at", models.DateTimeField(default=timezone.now)),
                    ],
                    options={"db_table": "dashboard_dataversion"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
