"""ConfirmedOutlier moves here from reporting (reporting 0002): state only; the table
reporting_confirmedoutlier keeps its rows."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0006_fold_sara_e_twice"),
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ConfirmedOutlier",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("participants", models.PositiveIntegerField(verbose_name="ผู้เข้าร่วม")),
                        (
                            "district_median",
                            models.PositiveIntegerField(verbose_name="ค่ามัธยฐานของเขต"),
                        ),
                        ("confirmed_at", models.DateTimeField(auto_now=True)),
                        (
                            "activity",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="confirmed_outlier",
                                to="communities.activity",
                            ),
                        ),
                        (
                            "confirmed_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reporting_confirmedoutlier",
                        "verbose_name": "ค่าผิดปกติที่ยืนยันแล้ว",
                        "verbose_name_plural": "ค่าผิดปกติที่ยืนยันแล้ว",
                        "ordering": ["-confirmed_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
