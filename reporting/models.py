"""Monthly reporting: one row per district and month of the Thai fiscal year (October to
September), the due day the strategy office sets per fiscal year, every transition, in-app
notices and the users' notice preferences.

A district-month without a row is open; rows are created on the first transition."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangphlat.thai import MONTHS_TH_FULL, be_year

DEFAULT_DUE_DAY = 5


class ReportStatus(models.TextChoices):
    OPEN = "open", _("ยังไม่ส่ง")
    SUBMITTED = "submitted", _("ส่งแล้ว รอตรวจ")
    CHECKED = "checked", _("พี่เลี้ยงตรวจแล้ว")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")
    APPROVED = "approved", _("อนุมัติแล้ว")


# A month counts as reported once it was sent and not sent back.
REPORTED_STATUSES = [ReportStatus.SUBMITTED, ReportStatus.CHECKED, ReportStatus.APPROVED]
WAITING_STATUSES = [ReportStatus.SUBMITTED, ReportStatus.CHECKED]


class ReportAction(models.TextChoices):
    SUBMIT = "submit", _("ส่งรายงาน")
    CHECK = "check", _("พี่เลี้ยงตรวจ")
    APPROVE = "approve", _("อนุมัติ")
    RETURN = "return", _("ส่งกลับให้แก้ไข")
    UNLOCK = "unlock", _("ปลดล็อก")


def month_label(month: dt.date) -> str:
    """สิงหาคม 2568 — always Thai: the name is stored in messages and notices."""
    return f"{MONTHS_TH_FULL[month.month - 1]} {be_year(month.year)}"


class ReportingDeadline(models.Model):
    """The day of the following month by which each month of a fiscal year is due."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"),
        unique=True,
        validators=[MinValueValidator(2560), MaxValueValidator(2700)],
    )
    due_day = models.PositiveSmallIntegerField(
        _("กำหนดส่งภายในวันที่ของเดือนถัดไป"),
        default=DEFAULT_DUE_DAY,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("กำหนดส่งรายงาน")
        verbose_name_plural = _("กำหนดส่งรายงาน")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_day__gte=1, due_day__lte=28), name="deadline_due_day_in_month"
            )
        ]

    def __str__(self):
        return f"{self.fiscal_year}: {self.due_day}"


class ReportingMonthQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReportStatus.APPROVED)

    def waiting(self):
        return self.filter(status__in=WAITING_STATUSES)

    def in_range(self, first: dt.date, last: dt.date):
        return self.filter(month__gte=first, month__lte=last)


class ReportingMonth(models.Model):
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="reporting_months",
        verbose_name=_("เขต"),
    )
    month = models.DateField(_("เดือน"), help_text=_("วันที่ 1 ของเดือน"))
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    # What the district had entered for the month when it last submitted (counts only).
    summary = models.JSONField(_("สรุปข้อมูลของเดือน"), default=dict, blank=True)
    first_submitted_at = models.DateTimeField(_("ส่งครั้งแรกเมื่อ"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("ส่งล่าสุดเมื่อ"), null=True, blank=True)
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportingMonthQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "month"]
        verbose_name = _("รายงานประจำเดือน")
        verbose_name_plural = _("รายงานประจำเดือน")
        constraints = [
            models.UniqueConstraint(fields=["district", "month"], name="reporting_month_once"),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="reporting_month_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN) | Q(first_submitted_at__isnull=False),
                name="reporting_month_submitted_once_before_review",
            ),
        ]
        indexes = [models.Index(fields=["month", "status"])]

    def __str__(self):
        return f"{self.district} {month_label(self.month)}"

    @property
    def label(self) -> str:
        return month_label(self.month)

    def clean(self):
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("เดือนต้องเป็นวันที่ 1 ของเดือน")})


class ReportingTransition(models.Model):
    """One step of a month's review, kept for good: who, when, from what to what, and why."""

    period = models.ForeignKey(ReportingMonth, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=10, choices=ReportAction.choices)
    from_status = models.CharField(max_length=12, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=12, choices=ReportStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("ความเห็น/เหตุผล"), blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("ขั้นตอนของรายงาน")
        verbose_name_plural = _("ขั้นตอนของรายงาน")
        constraints = [
            models.CheckConstraint(
                condition=~Q(action__in=["return", "unlock"]) | ~Q(comment=""),
                name="reporting_transition_reason_given",
            )
        ]

    def __str__(self):
        return f"{self.period}: {self.from_status} → {self.to_status}"


class NoticeMode(models.TextChoices):
    IMMEDIATE = "immediate", _("ส่งอีเมลทันที")
    DAILY = "daily", _("สรุปรายวัน")
    NONE = "none", _("ไม่ต้องส่งอีเมล")


class NoticePreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference"
    )
    mode = models.CharField(
        _("การแจ้งเตือนทางอีเมล"), max_length=10, choices=NoticeMode.choices, default=NoticeMode.DAILY
    )

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self):
        return f"{self.user}: {self.mode}"


class Notice(models.Model):
    """An in-app notice (the bell). ``emailed_at`` is set once it went out by e-mail, alone
    (immediate) or in a digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(_("ข้อความ"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text


class DigestSent(models.Model):
    """One row per user and day a digest went out: running the command twice sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("สรุปรายวันที่ส่งแล้ว")
        verbose_name_plural = _("สรุปรายวันที่ส่งแล้ว")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self):
        return f"{self.user} {self.day}"


class ConfirmedOutlier(models.Model):
    """An activity saved although its participants were far above the district's usual
    figure for that type, after the user confirmed the number (for the strategy office)."""

    activity = models.OneToOneField(
        "communities.Activity", on_delete=models.CASCADE, related_name="confirmed_outlier"
    )
    participants = models.PositiveIntegerField(_("ผู้เข้าร่วม"))
    district_median = models.PositiveIntegerField(_("ค่ามัธยฐานของเขต"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("ค่าผิดปกติที่ยืนยันแล้ว")
        verbose_name_plural = _("ค่าผิดปกติที่ยืนยันแล้ว")

    def __str__(self):
        return f"{self.activity}: {self.participants}"
