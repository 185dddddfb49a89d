"""Course runs, their sessions, participants, attendance, scores and certificates."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from training.models.courses import SCORE_VALIDATORS, Course, TrainingModule


class RunStatus(models.TextChoices):
    PLANNED = "planned", _("วางแผน")
    OPEN = "open", _("เปิดรับสมัคร")
    RUNNING = "running", _("กำลังอบรม")
    COMPLETED = "completed", _("จบการอบรม")
    CANCELLED = "cancelled", _("ยกเลิก")


# The only moves a run's status may make (training.services.course_run_transition).
RUN_TRANSITIONS = {
    RunStatus.PLANNED: {RunStatus.OPEN, RunStatus.CANCELLED},
    RunStatus.OPEN: {RunStatus.RUNNING, RunStatus.CANCELLED},
    RunStatus.RUNNING: {RunStatus.COMPLETED, RunStatus.CANCELLED},
    RunStatus.COMPLETED: set(),
    RunStatus.CANCELLED: set(),
}


class CourseRunQuerySet(models.QuerySet):
    def hosted_by(self, district):
        return self.filter(host=district)

    def live(self):
        return self.exclude(status=RunStatus.CANCELLED)


class CourseRun(models.Model):
    """One holding (รุ่น) of a course by a pilot district for the districts it invites."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="runs", verbose_name=_("หลักสูตร")
    )
    host = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="hosted_runs",
        verbose_name=_("เขตนำร่องที่จัด"),
    )
    trainers = models.ManyToManyField(
        "mentoring.Trainer", blank=True, related_name="runs", verbose_name=_("วิทยากร")
    )
    target_districts = models.ManyToManyField(
        "districts.District", blank=True, related_name="invited_runs", verbose_name=_("เขตเป้าหมาย")
    )
    starts_on = models.DateField(_("วันที่เริ่ม"))
    ends_on = models.DateField(_("วันที่สิ้นสุด"))
    venue = models.CharField(_("สถานที่"), max_length=300, blank=True)
    online_url = models.URLField(_("ลิงก์ออนไลน์"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("จำนวนที่รับ"))
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=RunStatus.choices, default=RunStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = CourseRunQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("รุ่นการอบรม")
        verbose_name_plural = _("รุ่นการอบรม")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="run_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=1000), name="run_capacity_range"
            ),
            models.CheckConstraint(
                condition=~Q(venue="") | ~Q(online_url=""), name="run_has_venue_or_link"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="run_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.course.title} — {self.host} ({self.starts_on})"

    def clean(self):
        errors = {}
        if self.host_id and not self.host.is_pilot:
            errors["host"] = _("เขตที่จัดอบรมต้องเป็นเขตนำร่อง")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม")
        if self.capacity is not None and not (1 <= self.capacity <= 1000):
            errors["capacity"] = _("จำนวนที่รับต้องอยู่ระหว่าง 1 ถึง 1,000 คน")
        if not self.venue.strip() and not self.online_url:
            errors["venue"] = _("กรุณาระบุสถานที่หรือลิงก์ออนไลน์")
        if errors:
            raise ValidationError(errors)


class RunSession(models.Model):
    """One day or half-day of a run; attendance is taken per session."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("วันที่"))
    title = models.CharField(_("หัวข้อ"), max_length=200)
    module = models.ForeignKey(
        TrainingModule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("หน่วยการเรียนรู้"),
    )
    # The projector's check-in code (training.services.checkin_open): short, and valid until
    # ``checkin_expires_at`` only; blank while no check-in is open.
    checkin_code = models.CharField(max_length=8, blank=True)
    checkin_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("ช่วงการอบรม")
        verbose_name_plural = _("ช่วงการอบรม")
        constraints = [
            models.UniqueConstraint(
                fields=["checkin_code"], condition=~Q(checkin_code=""), name="session_checkin_code"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.title}"

    def clean(self):
        if self.run_id and self.date and not (self.run.starts_on <= self.date <= self.run.ends_on):
            raise ValidationError({"date": _("วันที่ต้องอยู่ในช่วงวันอบรมของรุ่นนี้")})


class ParticipantKind(models.TextChoices):
    STAFF = "staff", _("เจ้าหน้าที่เขต")
    LEADER = "leader", _("แกนนำชุมชน")


class ParticipantStatus(models.TextChoices):
    ENROLLED = "enrolled", _("ลงทะเบียนแล้ว")
    WAITLISTED = "waitlisted", _("รอที่ว่าง")
    WITHDRAWN = "withdrawn", _("ถอนตัว")


class Participant(models.Model):
    """A person in a run: a portal user, or someone without an account (name and district,
    consent recorded by whom and when, since their details are personal data)."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_participations",
        verbose_name=_("ผู้ใช้งาน"),
    )
    kind = models.CharField(
        _("ประเภท"), max_length=10, choices=ParticipantKind.choices, default=ParticipantKind.LEADER
    )
    name = models.CharField(_("ชื่อ-สกุล"), max_length=200, blank=True)
    role = models.CharField(_("บทบาท/ตำแหน่ง"), max_length=200, blank=True)
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("singular", "ชุมชน"),
    )
    # The district the person belongs to (a user's own district, copied at enrolment): the
    # coverage figures count by it.
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="training_participants",
        verbose_name=_("เขต"),
    )
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    consent = models.BooleanField(_("ยินยอมให้เก็บข้อมูล"), default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("สถานะ"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.ENROLLED,
    )
    waitlist_position = models.PositiveIntegerField(_("ลำดับรอ"), null=True, blank=True)
    # A one-time personal check-in code for someone without an account (checkin_by_code).
    personal_code = models.CharField(max_length=12, blank=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "status", "waitlist_position", "pk"]
        verbose_name = _("ผู้เข้าอบรม")
        verbose_name_plural = _("ผู้เข้าอบรม")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "user"], condition=Q(user__isnull=False), name="participant_once"
            ),
            models.UniqueConstraint(
                fields=["personal_code"],
                condition=~Q(personal_code=""),
                name="participant_personal_code",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="participant_has_name"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | (Q(consent=True) & Q(consent_recorded_at__isnull=False)),
                name="participant_without_account_consented",
            ),
            models.CheckConstraint(
                condition=Q(status=ParticipantStatus.WAITLISTED, waitlist_position__isnull=False)
                | (~Q(status=ParticipantStatus.WAITLISTED) & Q(waitlist_position__isnull=True)),
                name="participant_waitlist_position",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.display_name
        return self.name

    def clean(self):
        errors = {}
        if not self.user_id and not self.name.strip():
            errors["name"] = _("กรุณากรอกชื่อ-สกุลของผู้ที่ไม่มีบัญชีผู้ใช้")
        if not self.user_id and not self.consent:
            errors["consent"] = _("ต้องได้รับความยินยอมก่อนบันทึกข้อมูลของผู้ที่ไม่มีบัญชีผู้ใช้")
        if errors:
            raise ValidationError(errors)


class AttendanceSource(models.TextChoices):
    TRAINER = "trainer", _("วิทยากรบันทึก")
    SELF = "self", _("เช็กอินด้วยตนเอง")


class Attendance(models.Model):
    session = models.ForeignKey(RunSession, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("มาเข้าอบรม"), default=True)
    source = models.CharField(
        max_length=10, choices=AttendanceSource.choices, default=AttendanceSource.TRAINER
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    # The sender's one-time key (an offline queue resends it): the same key is the same row.
    submission_key = models.CharField(max_length=80, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["session", "participant"]
        verbose_name = _("การเข้าอบรม")
        verbose_name_plural = _("การเข้าอบรม")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.session_id}/{self.participant_id}: {self.present}"

    def clean(self):
        both = self.session_id and self.participant_id
        if both and self.session.run_id != self.participant.run_id:
            raise ValidationError({"participant": _("ผู้เข้าอบรมไม่ได้อยู่ในรุ่นนี้")})


class AssessmentKind(models.TextChoices):
    PRE = "pre", _("ก่อนอบรม")
    POST = "post", _("หลังอบรม")


class Assessment(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(_("ประเภทการทดสอบ"), max_length=4, choices=AssessmentKind.choices)
    score = models.DecimalField(
        _("คะแนน (ร้อยละ)"), max_digits=4, decimal_places=1, validators=SCORE_VALIDATORS
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    submission_key = models.CharField(max_length=80, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["participant", "kind"]
        verbose_name = _("ผลการทดสอบ")
        verbose_name_plural = _("ผลการทดสอบ")
        constraints = [
            models.UniqueConstraint(fields=["participant", "kind"], name="assessment_once"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="assessment_score_range"
            ),
            models.CheckConstraint(condition=Q(kind__in=["pre", "post"]), name="assessment_kind"),
        ]

    def __str__(self):
        return f"{self.participant_id} {self.kind}: {self.score}"


def certificate_code() -> str:
    """128 random bits, URL-safe: a code cannot be guessed or derived from another."""
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    """Proof that a participant completed a run; public at /certificates/<code>/."""

    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=32, unique=True, default=certificate_code, editable=False)
    issued_at = models.DateTimeField(_("ออกเมื่อ"), default=timezone.now)
    revoked_at = models.DateTimeField(_("เพิกถอนเมื่อ"), null=True, blank=True)
    revoke_reason = models.CharField(_("เหตุผลที่เพิกถอน"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("วุฒิบัตร")
        verbose_name_plural = _("วุฒิบัตร")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="certificate_revoked_with_reason",
            )
        ]

    def __str__(self):
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
