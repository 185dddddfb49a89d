from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DistrictTarget(models.Model):
    """The strategy office's yearly targets for a district (Thai fiscal year, BE)."""

    district = models.ForeignKey(
        "districts.District", on_delete=models.CASCADE, related_name="targets"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2560), MaxValueValidator(2700)]
    )
    communities_engaged = models.PositiveIntegerField(_("ชุมชนที่เข้าร่วม"), default=0)
    activities = models.PositiveIntegerField(_("กิจกรรม"), default=0)
    lessons_approved = models.PositiveIntegerField(_("บทเรียนที่อนุมัติ"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("เป้าหมายรายเขต")
        verbose_name_plural = _("เป้าหมายรายเขต")
        constraints = [
            models.UniqueConstraint(fields=["district", "fiscal_year"], name="target_one_per_year"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2560, fiscal_year__lte=2700), name="target_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.district} {self.fiscal_year}"


class DataVersion(models.Model):
    """Tokens that change whenever the records the dashboard counts change (dashboard/signals.py).

    Cached figures are keyed by these tokens. They live in the database, not in the cache, so a
    change made by any worker process is seen by every other one at once (also with the
    per-process local-memory cache), and a token changes in the writer's own transaction, so a
    reader never caches old figures under a new token. Keys: ``epoch`` (everything, e.g. after
    a bulk seed), ``all`` (any counted record), ``act:<fiscal year>`` (activities of that year).
    """

    key = models.CharField(max_length=20, primary_key=True)
    token = models.CharField(max_length=16)

    def __str__(self):
        return f"{self.key}={self.token}"
