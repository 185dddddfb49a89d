from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bangphlat.reversing import reverse_cached
from bangphlat.thai import thai_collate


class ZoneGroup(models.Model):
    """One of the BMA's six district groups (กลุ่มเขต)."""

    slug = models.SlugField(_("รหัส"), unique=True)
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)

    class Meta:
        ordering = [thai_collate("name_th")]
        verbose_name = _("กลุ่มเขต")
        verbose_name_plural = _("กลุ่มเขต")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "th").startswith("en") else self.name_th


class RolloutStage(models.TextChoices):
    """Where a district stands in rolling out the model (history kept by the mentoring app)."""

    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    PREPARING = "preparing", _("เตรียมการ")
    IMPLEMENTING = "implementing", _("ดำเนินการ")
    SELF_RUNNING = "self_running", _("ดำเนินการได้เอง")
    MENTOR_READY = "mentor_ready", _("พร้อมเป็นพี่เลี้ยง")


class DistrictQuerySet(models.QuerySet):
    def pilots(self):
        return self.filter(is_pilot=True)

    def non_pilots(self):
        return self.filter(is_pilot=False)

    def thai_order(self):
        return self.order_by(thai_collate("name_th"))


class District(models.Model):
    """A Bangkok district (เขต), addressed everywhere by its official code."""

    code = models.CharField(_("รหัสเขต"), max_length=4, unique=True)
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)
    zone_group = models.ForeignKey(
        ZoneGroup, on_delete=models.PROTECT, related_name="districts", verbose_name=_("กลุ่มเขต")
    )
    is_pilot = models.BooleanField(_("เขตนำร่อง"), default=False)
    is_original_pilot = models.BooleanField(_("เขตนำร่องแห่งแรก"), default=False)
    # Current stage; every change goes through mentoring.services, which keeps the history.
    rollout_stage = models.CharField(
        _("ขั้นการขยายผล"),
        max_length=20,
        choices=RolloutStage.choices,
        default=RolloutStage.NOT_STARTED,
    )
    # Centroid and tile-map cell (see districts/data/SOURCES.md).
    lat = models.DecimalField(_("ละติจูด"), max_digits=6, decimal_places=3, null=True, blank=True)
    lon = models.DecimalField(_("ลองจิจูด"), max_digits=6, decimal_places=3, null=True, blank=True)
    tile_col = models.PositiveSmallIntegerField(null=True, blank=True)
    tile_row = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = [thai_collate("name_th")]
        verbose_name = _("เขต")
        verbose_name_plural = _("เขต")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_original_pilot=False) | models.Q(is_pilot=True),
                name="district_original_pilot_is_pilot",
            ),
            models.UniqueConstraint(
                fields=["is_original_pilot"],
                condition=models.Q(is_original_pilot=True),
                name="district_one_original_pilot",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("districts:detail", [self.code])

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "th").startswith("en") else self.name_th

    @property
    def display_name(self) -> str:
        """เขตบางพลัด / Bang Phlat District."""
        if (get_language() or "th").startswith("en"):
            return f"{self.name_en} District"
        return f"เขต{self.name_th}"
