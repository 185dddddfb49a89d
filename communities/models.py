import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bangphlat.reversing import reverse_id
from bangphlat.thai import COMMUNITY_PREFIX, search_key_sql, thai_collate
from bangphlat.validators import validate_programme_date
from communities.choices import (  # re-exported: callers import them from the models
    ACTIVITY_STEPS,
    COMMUNITY_TYPE_ALIASES,
    CommunityStatus,
    CommunityType,
    FundingSource,
    ModelStep,
    Principle,
    community_type_from_text,
)

EARLIEST_DATE = dt.date(2000, 1, 1)


class AliveQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(is_deleted=False)


class CommunityQuerySet(AliveQuerySet):
    def engaged(self):
        return self.exclude(model_step=ModelStep.NOT_ENGAGED)

    def thai_order(self):
        return self.order_by(thai_collate("name"), "pk")


class Community(models.Model):
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="communities",
        verbose_name=_("เขต"),
    )
    # The permanent identity (district code + serial, never reused, never renumbered): shown,
    # exported and used as the import key. Given by services.community_create.
    code = models.CharField(_("รหัสชุมชน"), max_length=12, unique=True, editable=False)
    name = models.CharField(_("ชื่อชุมชน"), max_length=200)
    # The name as search and matching compare it (no ชุมชน prefix, no spaces, Arabic digits).
    name_key = models.GeneratedField(
        expression=search_key_sql("name", prefix=COMMUNITY_PREFIX),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    number = models.PositiveIntegerField(
        _("ลำดับชุมชนของเขต"),
        validators=[MinValueValidator(1)],
        blank=True,
        help_text=_("ไม่บังคับ: เว้นว่างเพื่อให้ระบบใช้ลำดับถัดไปของเขต"),
    )
    community_type = models.CharField(_("ประเภทชุมชน"), max_length=20, choices=CommunityType.choices)
    households = models.PositiveIntegerField(_("จำนวนครัวเรือน"), null=True, blank=True)
    population = models.PositiveIntegerField(_("จำนวนประชากร"), default=0)
    male = models.PositiveIntegerField(_("ชาย"), null=True, blank=True)
    female = models.PositiveIntegerField(_("หญิง"), null=True, blank=True)
    registered_on = models.DateField(
        _("วันที่จดทะเบียน"), null=True, blank=True, validators=[validate_programme_date]
    )
    address = models.CharField(_("ที่ตั้ง"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("ละติจูด"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("13.4")), MaxValueValidator(Decimal("14.1"))],
    )
    longitude = models.DecimalField(
        _("ลองจิจูด"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("100.2")), MaxValueValidator(Decimal("101.0"))],
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=CommunityStatus.choices, default=CommunityStatus.ACTIVE
    )
    # Personal data: shown only to the district's own staff and administrators.
    chair_name = models.CharField(_("ชื่อประธานกรรมการชุมชน"), max_length=200, blank=True)
    chair_phone = models.CharField(_("โทรศัพท์ประธานกรรมการชุมชน"), max_length=30, blank=True)
    model_step = models.CharField(
        _("ขั้นตามรูปแบบบางพลัดโมเดล"),
        max_length=20,
        choices=ModelStep.choices,
        default=ModelStep.NOT_ENGAGED,
    )
    step_changed_on = models.DateField(
        _("วันที่เปลี่ยนขั้นล่าสุด"), null=True, blank=True, validators=[validate_programme_date]
    )
    is_deleted = models.BooleanField(_("ลบแล้ว"), default=False)
    # Optimistic locking: every save increments it; a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "name_key"])
    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = [thai_collate("name"), "pk"]
        verbose_name = pgettext_lazy("singular", "ชุมชน")
        verbose_name_plural = pgettext_lazy("plural", "ชุมชน")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "number"],
                condition=Q(is_deleted=False),
                name="community_unique_number_in_district",
                violation_error_message=_("เขตนี้มีชุมชนลำดับนี้อยู่แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["district", "name_key"],
                condition=Q(is_deleted=False),
                name="community_unique_name_in_district",
                violation_error_message=_("เขตนี้มีชุมชนชื่อนี้อยู่แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(households__isnull=True) | Q(population__gte=F("households")),
                name="community_population_at_least_households",
            ),
            models.CheckConstraint(
                condition=Q(male__isnull=True)
                | Q(female__isnull=True)
                | Q(population__gte=F("male") + F("female")),
                name="community_population_at_least_male_and_female",
            ),
            models.CheckConstraint(
                condition=Q(registered_on__isnull=True) | Q(registered_on__gte=dt.date(1950, 1, 1)),
                name="community_registered_on_plausible",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="community_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="community_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["district", "model_step"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_id("communities:detail", self.pk)

    def clean(self):
        errors = {}
        if (
            self.population is not None
            and self.households is not None
            and self.population < self.households
        ):
            errors["population"] = _(
                "จำนวนประชากร (%(population)s) ต้องไม่น้อยกว่าจำนวนครัวเรือน (%(households)s)"
            ) % {"population": self.population, "households": self.households}
        if (
            self.population is not None
            and self.male is not None
            and self.female is not None
            and self.population < self.male + self.female
        ):
            errors["population"] = _(
                "จำนวนประชากร (%(population)s) ต้องไม่น้อยกว่าชายรวมหญิง (%(sum)s)"
            ) % {"population": self.population, "sum": self.male + self.female}
        if self.registered_on and self.registered_on > timezone.localdate():
            errors["registered_on"] = _("วันที่จดทะเบียนต้องไม่เป็นวันในอนาคต")
        elif self.registered_on and self.registered_on < dt.date(1950, 1, 1):
            errors["registered_on"] = _("วันที่จดทะเบียนเก่าเกินไป (ก่อน พ.ศ. 2493)")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("กรุณากรอกทั้งละติจูดและลองจิจูด หรือเว้นว่างทั้งคู่")
        if errors:
            raise ValidationError(errors)


class CommunityStepChange(models.Model):
    """Each change of a community's model step, dated and kept."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="step_changes")
    step = models.CharField(_("ขั้น"), max_length=20, choices=ModelStep.choices)
    previous_step = models.CharField(max_length=20, choices=ModelStep.choices, blank=True)
    changed_on = models.DateField(_("วันที่"), validators=[validate_programme_date])
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("การเปลี่ยนขั้นของชุมชน")
        verbose_name_plural = _("การเปลี่ยนขั้นของชุมชน")

    def __str__(self):
        return f"{self.community} → {self.get_step_display()} ({self.changed_on})"


# Snapshot counts that can never exceed the households surveyed.
SNAPSHOT_COUNT_FIELDS = [
    "income_in_need",
    "living_in_need",
    "health_in_need",
    "education_in_need",
    "services_in_need",
    "welfare_card_households",
]


class IndicatorSnapshot(models.Model):
    """A yearly picture of a community along TPMAP's five dimensions: how many households are
    in need in each, plus the households reached by the state's welfare measures."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="snapshots")
    year = models.PositiveSmallIntegerField(
        _("ปี (พ.ศ.)"), validators=[MinValueValidator(2540), MaxValueValidator(2700)]
    )
    households_surveyed = models.PositiveIntegerField(_("ครัวเรือนที่สำรวจ"))
    income_in_need = models.PositiveIntegerField(_("ครัวเรือนที่ขาดด้านรายได้"), default=0)
    living_in_need = models.PositiveIntegerField(_("ครัวเรือนที่ขาดด้านความเป็นอยู่"), default=0)
    health_in_need = models.PositiveIntegerField(_("ครัวเรือนที่ขาดด้านสุขภาพ"), default=0)
    education_in_need = models.PositiveIntegerField(_("ครัวเรือนที่ขาดด้านการศึกษา"), default=0)
    services_in_need = models.PositiveIntegerField(_("ครัวเรือนที่ขาดด้านการเข้าถึงบริการรัฐ"), default=0)
    welfare_card_households = models.PositiveIntegerField(_("ครัวเรือนที่ถือบัตรสวัสดิการแห่งรัฐ"), default=0)
    old_age_allowance = models.PositiveIntegerField(_("ผู้รับเบี้ยยังชีพผู้สูงอายุ"), default=0)
    disability_allowance = models.PositiveIntegerField(_("ผู้รับเบี้ยความพิการ"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    DIMENSION_FIELDS = SNAPSHOT_COUNT_FIELDS

    class Meta:
        ordering = ["-year"]
        verbose_name = _("ตัวชี้วัดรายปี")
        verbose_name_plural = _("ตัวชี้วัดรายปี")
        constraints = [
            models.UniqueConstraint(fields=["community", "year"], name="snapshot_one_per_year"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__lte": F("households_surveyed")}),
                    name=f"snapshot_{field}_within_surveyed",
                )
                for field in SNAPSHOT_COUNT_FIELDS
            ],
        ]

    def __str__(self):
        return f"{self.community} {self.year}"

    def clean(self):
        errors = {}
        for field in self.DIMENSION_FIELDS:
            value = getattr(self, field)
            surveyed = self.households_surveyed
            if value is not None and surveyed is not None and value > surveyed:
                errors[field] = _("ต้องไม่เกินจำนวนครัวเรือนที่สำรวจ")
        if errors:
            raise ValidationError(errors)


class ActivityType(models.Model):
    """Admin-editable list of activity types (household accounts, savings group, …)."""

    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name_th"]
        verbose_name = _("ประเภทกิจกรรม")
        verbose_name_plural = _("ประเภทกิจกรรม")

    def __str__(self):
        return self.name_en if (get_language() or "th").startswith("en") else self.name_th


PARTICIPANT_BREAKDOWN = [
    "participants_women",
    "participants_elderly",
    "participants_disabled",
    "participants_youth",
    "participants_welfare_card",
]


class Activity(models.Model):
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=pgettext_lazy("singular", "ชุมชน"),
    )
    # Copy of community.district (set by the services) for fast per-district aggregation.
    district = models.ForeignKey(
        "districts.District", on_delete=models.PROTECT, related_name="activities", editable=False
    )
    date = models.DateField(_("วันที่จัดกิจกรรม"), validators=[validate_programme_date])
    title = models.CharField(_("ชื่อกิจกรรม"), max_length=200)
    # The title as search compares it (no spaces, Arabic digits, lower case), like name_key.
    title_key = models.GeneratedField(
        expression=search_key_sql("title"),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, verbose_name=_("ประเภทกิจกรรม")
    )
    model_step = models.CharField(
        _("ขั้นที่กิจกรรมนี้สนับสนุน"),
        max_length=20,
        choices=[(s.value, s.label) for s in ACTIVITY_STEPS],
    )
    principles = models.JSONField(_("หลักปรัชญาเศรษฐกิจพอเพียงที่ใช้"), default=list, blank=True)
    participants_total = models.PositiveIntegerField(_("ผู้เข้าร่วมทั้งหมด"))
    participants_women = models.PositiveIntegerField(_("ผู้หญิง"), default=0)
    participants_elderly = models.PositiveIntegerField(_("ผู้สูงอายุ (60 ปีขึ้นไป)"), default=0)
    participants_disabled = models.PositiveIntegerField(_("ผู้พิการ"), default=0)
    participants_youth = models.PositiveIntegerField(_("เด็กและเยาวชน"), default=0)
    participants_welfare_card = models.PositiveIntegerField(_("ผู้ถือบัตรสวัสดิการแห่งรัฐ"), default=0)
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    funding_source = models.CharField(
        _("แหล่งงบประมาณ"), max_length=20, choices=FundingSource.choices, default=FundingSource.NONE
    )
    outcome = models.TextField(_("ผลลัพธ์"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้แก้ไขล่าสุด"),
    )
    is_deleted = models.BooleanField(_("ลบแล้ว"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "district", "title_key"])
    objects = AliveQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = pgettext_lazy("singular", "กิจกรรม")
        verbose_name_plural = _("กิจกรรม")
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__lte": F("participants_total")}),
                    name=f"activity_{field}_within_total",
                )
                for field in PARTICIPANT_BREAKDOWN
            ],
            models.CheckConstraint(condition=Q(budget__gte=0), name="activity_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="activity_date_plausible"
            ),
        ]
        indexes = [
            models.Index(fields=["district", "date"]),
            models.Index(fields=["community", "date"]),
            models.Index(fields=["date"]),
            # The activity list's order: its first page reads 25 entries, not every activity of
            # the newest day (160 on the large dataset) to sort them by id.
            models.Index(
                fields=["-date", "-id"], condition=Q(is_deleted=False), name="activity_newest"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_id("communities:activity_detail", self.pk)

    def clean(self):
        errors = {}
        total = self.participants_total
        if total is not None:
            for field in PARTICIPANT_BREAKDOWN:
                value = getattr(self, field)
                if value is not None and value > total:
                    label = self._meta.get_field(field).verbose_name
                    errors[field] = _("%(label)s (%(value)s) เกินจำนวนผู้เข้าร่วมทั้งหมด (%(total)s)") % {
                        "label": label,
                        "value": value,
                        "total": total,
                    }
        if self.date:
            if self.date > timezone.localdate():
                errors["date"] = _("วันที่จัดกิจกรรมต้องไม่เป็นวันในอนาคต")
            elif self.date < EARLIEST_DATE:
                errors["date"] = _("วันที่จัดกิจกรรมเก่าเกินไป (ก่อน พ.ศ. 2543)")
        unknown = set(self.principles or []) - set(Principle.values)
        if unknown:
            errors["principles"] = _("หลักที่ไม่รู้จัก: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        if (
            self.budget is not None
            and self.budget > 0
            and self.funding_source == FundingSource.NONE
        ):
            errors["funding_source"] = _("กรุณาระบุแหล่งงบประมาณ เมื่อมีงบประมาณ")
        if errors:
            raise ValidationError(errors)

    def principle_labels(self):
        labels = dict(Principle.choices)
        return [labels[code] for code in self.principles or [] if code in labels]


def photo_upload_to(instance, filename):
    return f"activities/{instance.activity_id}/{filename}"


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("รูปภาพ"), upload_to=photo_upload_to)
    thumbnail = models.ImageField(upload_to=photo_upload_to, blank=True)
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("รูปกิจกรรม")
        verbose_name_plural = _("รูปกิจกรรม")

    def __str__(self):
        return self.caption or self.image.name


from communities.outlier_models import ConfirmedOutlier  # noqa: E402 - the app's model

__all__ = [
    "ConfirmedOutlier",
    "ACTIVITY_STEPS",
    "COMMUNITY_TYPE_ALIASES",
    "EARLIEST_DATE",
    "Activity",
    "ActivityPhoto",
    "ActivityType",
    "AliveQuerySet",
    "Community",
    "CommunityQuerySet",
    "CommunityStatus",
    "CommunityStepChange",
    "CommunityType",
    "FundingSource",
    "IndicatorSnapshot",
    "ModelStep",
    "PARTICIPANT_BREAKDOWN",
    "Principle",
    "SNAPSHOT_COUNT_FIELDS",
    "community_type_from_text",
    "photo_upload_to",
]
