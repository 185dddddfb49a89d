"""The reporting calendar (ReportingDeadline, ReportingMonth) moves to periods, notices and
digests (Notice, NoticePreference, DigestSent) to notices, ConfirmedOutlier to communities:
state only, every table keeps its name and rows; the content types follow their models."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "reportingdeadline": "periods",
    "reportingmonth": "periods",
    "notice": "notices",
    "noticepreference": "notices",
    "digestsent": "notices",
    "confirmedoutlier": "communities",
}


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app_label in MOVED.items():
        if not ContentType.objects.filter(app_label=app_label, model=model).exists():
            ContentType.objects.filter(app_label="reporting", model=model).update(
                app_label=app_label
            )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app_label in MOVED.items():
        if not ContentType.objects.filter(app_label="reporting", model=model).exists():
            ContentType.objects.filter(app_label=app_label, model=model).update(
                app_label="reporting"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("periods", "0001_initial"),
        ("notices", "0001_initial"),
        ("communities", "0007_confirmed_outlier_from_reporting"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="reportingtransition",
                    name="period",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="transitions",
                        to="periods.reportingmonth",
                    ),
                ),
                migrations.DeleteModel(name="ReportingDeadline"),
                migrations.DeleteModel(name="ReportingMonth"),
                migrations.DeleteModel(name="Notice"),
                migrations.DeleteModel(name="NoticePreference"),
                migrations.DeleteModel(name="DigestSent"),
                migrations.DeleteModel(name="ConfirmedOutlier"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
