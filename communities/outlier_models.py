"""The model of an activity confirmed as an outlier at entry (communities/services/entry_checks.py),
kept beside models.py so that module stays short; models.py imports it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        db_table = "reporting_confirmedoutlier"  # moved from reporting with its rows
        ordering = ["-confirmed_at"]
        verbose_name = _("ค่าผิดปกติที่ยืนยันแล้ว")
        verbose_name_plural = _("ค่าผิดปกติที่ยืนยันแล้ว")

    def __str__(self):
        return f"{self.activity}: {self.participants}"
