"""The reporting calendar's models move here from reporting (reporting 0002): state only; the
tables reporting_reportingdeadline and reporting_reportingmonth keep their rows."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reporting", "0001_initial"),
        ("districts", "0004_pilot_stages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportingDeadline",
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
                            "fiscal_year",
                            models.PositiveSmallIntegerField(
                                unique=True,
                                validators=[
                                    django.core.validators.MinValueValidator(2560),
                                    django.core.validators.MaxValueValidator(2700),
                                ],
                                verbose_name="ปีงบประมาณ (พ.ศ.)",
                            ),
                        ),
                        (
                            "due_day",
                            models.PositiveSmallIntegerField(
                                default=5,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(28),
                                ],
                                verbose_name="กำหนดส่งภายในวันที่ของเดือนถัดไป",
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "set_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reporting_reportingdeadline",
                        "verbose_name": "กำหนดส่งรายงาน",
                        "verbose_name_plural": "กำหนดส่งรายงาน",
                        "ordering": ["-fiscal_year"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("due_day__gte", 1), ("due_day__lte", 28)),
                                name="deadline_due_day_in_month",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReportingMonth",
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
                        ("month", models.DateField(help_text="วันที่ 1 ของเดือน", verbose_name="เดือน")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "ยังไม่ส่ง"),
                                    ("submitted", "ส่งแล้ว รอตรวจ"),
                                    ("checked", "พี่เลี้ยงตรวจแล้ว"),
                                    ("returned", "ส่งกลับให้แก้ไข"),
                                    ("approved", "อนุมัติแล้ว"),
                                ],
                                default="open",
                                max_length=12,
                                verbose_name="สถานะ",
                            ),
                        ),
                        (
                            "summary",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="สรุปข้อมูลของเดือน"
                            ),
                        ),
                        (
                            "first_submitted_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="ส่งครั้งแรกเมื่อ"),
                        ),
                        (
                            "submitted_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="ส่งล่าสุดเมื่อ"),
                        ),
                        (
                            "approved_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="อนุมัติเมื่อ"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "district",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="reporting_months",
                                to="districts.district",
                                verbose_name="เขต",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reporting_reportingmonth",
                        "verbose_name": "รายงานประจำเดือน",
                        "verbose_name_plural": "รายงานประจำเดือน",
                        "ordering": ["district__code", "month"],
                        "indexes": [
                            models.Index(
                                fields=["month", "status"], name="reporting_r_month_7c540d_idx"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("district", "month"), name="reporting_month_once"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "status__in",
                                        ["open", "submitted", "checked", "returned", "approved"],
                                    )
                                ),
                                name="reporting_month_status_known",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status", "open"),
                                    ("first_submitted_at__isnull", False),
                                    _connector="OR",
                                ),
                                name="reporting_month_submitted_once_before_review",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
