"""The reporting calendar: one row per district and month of the Thai fiscal year (October to
September) once the month's review began, and the due day the strategy office sets per fiscal
year. An approved month is locked: activities dated in it cannot change (periods/services.py).

A district-month without a row is open; rows are created on the first transition (the review
workflow is reporting's: reporting/services.py)."""

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
        db_table = "reporting_reportingdeadline"  # moved from reporting with its rows
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
        db_table = "reporting_reportingmonth"  # moved from reporting with its rows
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
