"""Monthly reports that come by themselves: a user's subscription to the rollout report of
a scope (Bangkok, a zone group or a district) on a day of the month, and one row per report
sent (subscription × period), which is what makes a second run of the day send nothing."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# 29–31 do not come every month: the form offers 1–28 and "the last day" (stored as 31).
LAST_DAY = 31
MAX_PLAIN_DAY = 28
ALREADY = _("คุณรับรายงานของขอบเขตนี้อยู่แล้ว")


class Scope(models.TextChoices):
    CITY = "city", _("ทั้งกรุงเทพมหานคร (50 เขต)")
    ZONE_GROUP = "zone_group", _("กลุ่มเขต")
    DISTRICT = "district", _("เขต")


def scope_label(scope, *, zone_group=None, district=None) -> str:
    """กลุ่มกรุงเทพกลาง, เขตบางพลัด or ทั้งกรุงเทพมหานคร, in the reader's language."""
    if scope == Scope.ZONE_GROUP and zone_group:
        return zone_group.name  # already กลุ่มกรุงเทพกลาง / Central Bangkok
    if scope == Scope.DISTRICT and district:
        return str(_("เขต%(name)s") % {"name": district.name})
    return str(Scope.CITY.label)


def new_code() -> str:
    return secrets.token_urlsafe(9)


class ReportSubscription(models.Model):
    """Addressed by ``code`` in URLs, never by its primary key (healthchecks' practice)."""

    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    scope = models.CharField(_("ขอบเขต"), max_length=12, choices=Scope.choices)
    zone_group = models.ForeignKey(
        "districts.ZoneGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "districts.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.PositiveSmallIntegerField(_("วันที่ส่งของทุกเดือน"))
    by_email = models.BooleanField(_("อีเมล (แนบไฟล์ PDF)"), default=True)
    by_line = models.BooleanField(_("LINE และกระดิ่งแจ้งเตือน (ลิงก์ไปยัง PDF)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scope", "day", "pk"]
        verbose_name = _("การรับรายงานรายเดือน")
        verbose_name_plural = _("การรับรายงานรายเดือน")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="city") & Q(zone_group__isnull=True) & Q(district__isnull=True))
                | (Q(scope="zone_group") & Q(zone_group__isnull=False) & Q(district__isnull=True))
                | (Q(scope="district") & Q(zone_group__isnull=True) & Q(district__isnull=False)),
                name="subscription_scope_matches",
            ),
            models.CheckConstraint(
                condition=Q(day__gte=1, day__lte=MAX_PLAIN_DAY) | Q(day=LAST_DAY),
                name="subscription_day_valid",
            ),
            models.CheckConstraint(
                condition=Q(by_email=True) | Q(by_line=True), name="subscription_has_a_channel"
            ),
            # One subscription per user and scope: a second one would send the same PDF twice.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(scope="city"),
                name="subscription_once_city",
                violation_error_message=ALREADY,
            ),
            models.UniqueConstraint(
                fields=["user", "zone_group"],
                condition=Q(scope="zone_group"),
                name="subscription_once_zone_group",
                violation_error_message=ALREADY,
            ),
            models.UniqueConstraint(
                fields=["user", "district"],
                condition=Q(scope="district"),
                name="subscription_once_district",
                violation_error_message=ALREADY,
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.scope_label} ({self.day})"

    @property
    def scope_label(self) -> str:
        return scope_label(self.scope, zone_group=self.zone_group, district=self.district)

    @property
    def day_label(self) -> str:
        if self.day == LAST_DAY:
            return str(_("วันสุดท้ายของเดือน"))
        return str(_("วันที่ %(day)s") % {"day": self.day})

    def clean(self):
        if not (1 <= (self.day or 0) <= MAX_PLAIN_DAY or self.day == LAST_DAY):
            raise ValidationError({"day": _("วันที่ส่งต้องเป็นวันที่ 1 ถึง 28 หรือวันสุดท้ายของเดือน")})
        if not (self.by_email or self.by_line):
            raise ValidationError(_("เลือกช่องทางรับรายงานอย่างน้อยหนึ่งช่องทาง"))
        needs_zone = self.scope == Scope.ZONE_GROUP
        needs_district = self.scope == Scope.DISTRICT
        if needs_zone != (self.zone_group_id is not None) or needs_district != (
            self.district_id is not None
        ):
            raise ValidationError(_("ขอบเขตของรายงานไม่ครบหรือไม่ถูกต้อง"))


class ReportSent(models.Model):
    """A report of one period (the month it reports on, its first day) for one subscription.

    The row is committed with its PDF and notice before any e-mail goes out; ``emailed_at``
    is set once the e-mail went, so a run that crashed in between e-mails only those left."""

    subscription = models.ForeignKey(
        ReportSubscription, on_delete=models.CASCADE, related_name="sent"
    )
    period = models.DateField()
    file = models.FileField(upload_to="scheduled-reports/", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period", "-pk"]
        verbose_name = _("รายงานรายเดือนที่ส่งแล้ว")
        verbose_name_plural = _("รายงานรายเดือนที่ส่งแล้ว")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="report_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.subscription} {self.period:%Y-%m}"
