"""The training app's tables; curriculum modules taken over from the handbook (state only)."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import training.models.runs


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("handbook", "0005_forget_pre_consent_interviewees"),
        ("communities", "0005_activity_title_search_key"),
        ("districts", "0004_pilot_stages"),
        ("lessons", "0009_merge_20261125_2113"),
        ("mentoring", "0006_session_history_date_window"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The curriculum modules' table was born in the handbook app and keeps its name and
        # rows: the state moves here, the database is left as it is (handbook/0006 drops the
        # handbook's state after this).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TrainingModule",
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
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="ลำดับ")),
                        ("title", models.CharField(max_length=200, verbose_name="ชื่อหน่วยการเรียนรู้")),
                        ("objectives", models.TextField(verbose_name="วัตถุประสงค์")),
                        ("audience", models.CharField(max_length=200, verbose_name="กลุ่มเป้าหมาย")),
                        (
                            "hours",
                            models.DecimalField(
                                decimal_places=1, max_digits=4, verbose_name="จำนวนชั่วโมง"
                            ),
                        ),
                        ("outline", models.TextField(verbose_name="เนื้อหาโดยสังเขป (Markdown)")),
                        (
                            "lessons",
                            models.ManyToManyField(
                                blank=True, to="lessons.lesson", verbose_name="บทเรียนที่ใช้"
                            ),
                        ),
                        (
                            "teaching_district",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="districts.district",
                                verbose_name="เขตนำร่องที่สอน",
                            ),
                        ),
                        (
                            "topics",
                            models.ManyToManyField(
                                blank=True, to="lessons.topic", verbose_name="หัวข้อ"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "หน่วยการเรียนรู้",
                        "verbose_name_plural": "หลักสูตร",
                        "db_table": "handbook_trainingmodule",
                        "ordering": ["order", "pk"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="trainingmodule",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("hours__gt", 0), ("hours__lte", 100)),
                        name="module_hours_range",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="Course",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="ชื่อหลักสูตร")),
                ("version", models.PositiveSmallIntegerField(default=1, verbose_name="ฉบับที่")),
                ("objectives", models.TextField(blank=True, verbose_name="วัตถุประสงค์")),
                (
                    "pass_mark",
                    models.PositiveSmallIntegerField(
                        default=60,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="คะแนนผ่าน (ร้อยละ)",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="เปิดใช้")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="courses",
                        to="districts.district",
                        verbose_name="เขตนำร่องที่จัดทำ",
                    ),
                ),
            ],
            options={
                "verbose_name": "หลักสูตรอบรม",
                "verbose_name_plural": "หลักสูตรอบรม",
                "ordering": ["title", "-version", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CourseRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="วันที่เริ่ม")),
                ("ends_on", models.DateField(verbose_name="วันที่สิ้นสุด")),
                ("venue", models.CharField(blank=True, max_length=300, verbose_name="สถานที่")),
                ("online_url", models.URLField(blank=True, verbose_name="ลิงก์ออนไลน์")),
                ("capacity", models.PositiveSmallIntegerField(verbose_name="จำนวนที่รับ")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "วางแผน"),
                            ("open", "เปิดรับสมัคร"),
                            ("running", "กำลังอบรม"),
                            ("completed", "จบการอบรม"),
                            ("cancelled", "ยกเลิก"),
                        ],
                        default="planned",
                        max_length=10,
                        verbose_name="สถานะ",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="runs",
                        to="training.course",
                        verbose_name="หลักสูตร",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "host",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hosted_runs",
                        to="districts.district",
                        verbose_name="เขตนำร่องที่จัด",
                    ),
                ),
                (
                    "target_districts",
                    models.ManyToManyField(
                        blank=True,
                        related_name="invited_runs",
                        to="districts.district",
                        verbose_name="เขตเป้าหมาย",
                    ),
                ),
                (
                    "trainers",
                    models.ManyToManyField(
                        blank=True,
                        related_name="runs",
                        to="mentoring.trainer",
                        verbose_name="วิทยากร",
                    ),
                ),
            ],
            options={
                "verbose_name": "รุ่นการอบรม",
                "verbose_name_plural": "รุ่นการอบรม",
                "ordering": ["-starts_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Participant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("staff", "เจ้าหน้าที่เขต"), ("leader", "แกนนำชุมชน")],
                        default="leader",
                        max_length=10,
                        verbose_name="ประเภท",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="ชื่อ-สกุล")),
                ("role", models.CharField(blank=True, max_length=200, verbose_name="บทบาท/ตำแหน่ง")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="โทรศัพท์")),
                ("consent", models.BooleanField(default=False, verbose_name="ยินยอมให้เก็บข้อมูล")),
                ("consent_recorded_at", models.DateTimeField(blank=True, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("enrolled", "ลงทะเบียนแล้ว"),
                            ("waitlisted", "รอที่ว่าง"),
                            ("withdrawn", "ถอนตัว"),
                        ],
                        default="enrolled",
                        max_length=10,
                        verbose_name="สถานะ",
                    ),
                ),
                (
                    "waitlist_position",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="ลำดับรอ"),
                ),
                ("personal_code", models.CharField(blank=True, max_length=12)),
                ("enrolled_at", models.DateTimeField(auto_now_add=True)),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="communities.community",
                        verbose_name="ชุมชน",
                    ),
                ),
                (
                    "consent_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="training_participants",
                        to="districts.district",
                        verbose_name="เขต",
                    ),
                ),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="training.courserun",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="training_participations",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ผู้ใช้งาน",
                    ),
                ),
            ],
            options={
                "verbose_name": "ผู้เข้าอบรม",
                "verbose_name_plural": "ผู้เข้าอบรม",
                "ordering": ["run", "status", "waitlist_position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Certificate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        default=training.models.runs.certificate_code,
                        editable=False,
                        max_length=32,
                        unique=True,
                    ),
                ),
                (
                    "issued_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="ออกเมื่อ"),
                ),
                (
                    "revoked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="เพิกถอนเมื่อ"),
                ),
                (
                    "revoke_reason",
                    models.CharField(blank=True, max_length=300, verbose_name="เหตุผลที่เพิกถอน"),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="certificate",
                        to="training.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "วุฒิบัตร",
                "verbose_name_plural": "วุฒิบัตร",
                "ordering": ["-issued_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Assessment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("pre", "ก่อนอบรม"), ("post", "หลังอบรม")],
                        max_length=4,
                        verbose_name="ประเภทการทดสอบ",
                    ),
                ),
                (
                    "score",
                    models.DecimalField(
                        decimal_places=1,
                        max_digits=4,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="คะแนน (ร้อยละ)",
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now=True)),
                (
                    "submission_key",
                    models.CharField(blank=True, max_length=80, null=True, unique=True),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessments",
                        to="training.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "ผลการทดสอบ",
                "verbose_name_plural": "ผลการทดสอบ",
                "ordering": ["participant", "kind"],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="ลำดับ")),
                ("text", models.TextField(verbose_name="คำถาม")),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="training.course",
                    ),
                ),
            ],
            options={
                "verbose_name": "คำถาม",
                "verbose_name_plural": "คำถาม",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Choice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="ลำดับ")),
                ("text", models.CharField(max_length=300, verbose_name="ตัวเลือก")),
                ("is_correct", models.BooleanField(default=False, verbose_name="คำตอบที่ถูก")),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="choices",
                        to="training.question",
                    ),
                ),
            ],
            options={
                "verbose_name": "ตัวเลือก",
                "verbose_name_plural": "ตัวเลือก",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="RunSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="วันที่")),
                ("title", models.CharField(max_length=200, verbose_name="หัวข้อ")),
                ("checkin_code", models.CharField(blank=True, max_length=8)),
                ("checkin_expires_at", models.DateTimeField(blank=True, null=True)),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="training.courserun",
                    ),
                ),
            ],
            options={
                "verbose_name": "ช่วงการอบรม",
                "verbose_name_plural": "ช่วงการอบรม",
                "ordering": ["date", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Attendance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("present", models.BooleanField(default=True, verbose_name="มาเข้าอบรม")),
                (
                    "source",
                    models.CharField(
                        choices=[("trainer", "วิทยากรบันทึก"), ("self", "เช็กอินด้วยตนเอง")],
                        default="trainer",
                        max_length=10,
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now=True)),
                (
                    "submission_key",
                    models.CharField(blank=True, max_length=80, null=True, unique=True),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendance",
                        to="training.participant",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendance",
                        to="training.runsession",
                    ),
                ),
            ],
            options={
                "verbose_name": "การเข้าอบรม",
                "verbose_name_plural": "การเข้าอบรม",
                "ordering": ["session", "participant"],
            },
        ),
        migrations.AddField(
            model_name="runsession",
            name="module",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="training.trainingmodule",
                verbose_name="หน่วยการเรียนรู้",
            ),
        ),
        migrations.CreateModel(
            name="CourseModule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="ลำดับ")),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="course_modules",
                        to="training.course",
                    ),
                ),
                (
                    "module",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="training.trainingmodule",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="course",
            name="modules",
            field=models.ManyToManyField(
                blank=True,
                through="training.CourseModule",
                to="training.trainingmodule",
                verbose_name="หน่วยการเรียนรู้",
            ),
        ),
        migrations.AddConstraint(
            model_name="courserun",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="run_ends_after_it_starts",
            ),
        ),
        migrations.AddConstraint(
            model_name="courserun",
            constraint=models.CheckConstraint(
                condition=models.Q(("capacity__gte", 1), ("capacity__lte", 1000)),
                name="run_capacity_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="courserun",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("venue", ""), _negated=True),
                    models.Q(("online_url", ""), _negated=True),
                    _connector="OR",
                ),
                name="run_has_venue_or_link",
            ),
        ),
        migrations.AddConstraint(
            model_name="courserun",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["planned", "open", "running", "completed", "cancelled"])
                ),
                name="run_status_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("user__isnull", False)),
                fields=("run", "user"),
                name="participant_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("personal_code", ""), _negated=True),
                fields=("personal_code",),
                name="participant_personal_code",
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("user__isnull", False), models.Q(("name", ""), _negated=True), _connector="OR"
                ),
                name="participant_has_name",
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("user__isnull", False),
                    models.Q(("consent", True), ("consent_recorded_at__isnull", False)),
                    _connector="OR",
                ),
                name="participant_without_account_consented",
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "waitlisted"), ("waitlist_position__isnull", False)),
                    models.Q(
                        models.Q(("status", "waitlisted"), _negated=True),
                        ("waitlist_position__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="participant_waitlist_position",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("revoked_at__isnull", True),
                    models.Q(("revoke_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="certificate_revoked_with_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                fields=("participant", "kind"), name="assessment_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(("score__gte", 0), ("score__lte", 100)),
                name="assessment_score_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["pre", "post"])), name="assessment_kind"
            ),
        ),
        migrations.AddConstraint(
            model_name="choice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_correct", True)),
                fields=("question",),
                name="choice_one_correct",
            ),
        ),
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.UniqueConstraint(
                fields=("session", "participant"), name="attendance_once_per_session"
            ),
        ),
        migrations.AddConstraint(
            model_name="runsession",
            constraint=models.UniqueConstraint(
                condition=models.Q(("checkin_code", ""), _negated=True),
                fields=("checkin_code",),
                name="session_checkin_code",
            ),
        ),
        migrations.AddConstraint(
            model_name="coursemodule",
            constraint=models.UniqueConstraint(
                fields=("course", "module"), name="course_module_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.UniqueConstraint(
                fields=("title", "version"), name="course_title_version"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.CheckConstraint(
                condition=models.Q(("pass_mark__lte", 100)), name="course_pass_mark_range"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.CheckConstraint(
                condition=models.Q(("version__gte", 1)), name="course_version_positive"
            ),
        ),
    ]
