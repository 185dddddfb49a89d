"""Notices, preferences and digests sent move here from reporting (reporting 0002): state only;
the tables keep their names and rows."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NoticePreference",
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
                        (
                            "mode",
                            models.CharField(
                                choices=[
                                    ("immediate", "ส่งอีเมลทันที"),
                                    ("daily", "สรุปรายวัน"),
                                    ("none", "ไม่ต้องส่งอีเมล"),
                                ],
                                default="daily",
                                max_length=10,
                                verbose_name="การแจ้งเตือนทางอีเมล",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notice_preference",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reporting_noticepreference",
                        "verbose_name": "การตั้งค่าการแจ้งเตือน",
                        "verbose_name_plural": "การตั้งค่าการแจ้งเตือน",
                    },
                ),
                migrations.CreateModel(
                    name="Notice",
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
                        ("text", models.CharField(max_length=300, verbose_name="ข้อความ")),
                        ("url", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("emailed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notices",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reporting_notice",
                        "verbose_name": "การแจ้งเตือน",
                        "verbose_name_plural": "การแจ้งเตือน",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["user", "read_at"], name="reporting_n_user_id_dc9048_idx"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="DigestSent",
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
                        ("day", models.DateField()),
                        ("items", models.PositiveSmallIntegerField(default=0)),
                        ("sent_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reporting_digestsent",
                        "verbose_name": "สรุปรายวันที่ส่งแล้ว",
                        "verbose_name_plural": "สรุปรายวันที่ส่งแล้ว",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "day"), name="digest_once_a_day"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
