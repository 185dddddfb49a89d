"""Monthly reporting's review: every transition of a district's month (the months themselves,
their due days and locks are in periods/; the notices in notices/)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from periods.models import ReportingMonth, ReportStatus


class ReportAction(models.TextChoices):
    SUBMIT = "submit", _("ส่งรายงาน")
    # Sent before the month ended: its own step, with the reason kept (the reviewer sees why).
    SUBMIT_EARLY = "early", _("ส่งก่อนสิ้นเดือน")
    CHECK = "check", _("พี่เลี้ยงตรวจ")
    APPROVE = "approve", _("อนุมัติ")
    RETURN = "return", _("ส่งกลับให้แก้ไข")
    UNLOCK = "unlock", _("ปลดล็อก")


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
                condition=~Q(action__in=["return", "unlock", "early"]) | ~Q(comment=""),
                name="reporting_transition_reason_given",
            )
        ]

    def __str__(self):
        return f"{self.period}: {self.from_status} → {self.to_status}"
