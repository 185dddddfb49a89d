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


class ActivityMonth(models.Model):
    """Alive activities of a district in a month, summed: what the dashboard's trends read
    instead of aggregating every activity (300,000 over five years on the large dataset).

    Kept by database triggers on ``communities_activity`` (migration 0003), so it is right
    whatever wrote the activity (a form, an import, a bulk seed, a queryset ``update()``, the
    shell) and in the same transaction, so a reader never sees activities and sums disagree.
    The triggers add and subtract only the changed row's values on the row of its own district
    and month: writers of different districts never touch the same row.
    """

    district = models.ForeignKey("districts.District", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    n = models.IntegerField(default=0)
    total = models.BigIntegerField(default=0)
    women = models.BigIntegerField(default=0)
    elderly = models.BigIntegerField(default=0)
    disabled = models.BigIntegerField(default=0)
    youth = models.BigIntegerField(default=0)
    welfare_card = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "month"], name="activity_month_unique"),
        ]

    def __str__(self):
        return f"{self.district_id} {self.month:%Y-%m}: {self.n}"
