from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from bangphlat.reversing import reverse_id
from bangphlat.validators import validate_programme_date
from districts.models import RolloutStage


class PairingStatus(models.TextChoices):
    PROPOSED = "proposed", _("เสนอ")
    ACTIVE = "active", _("ดำเนินการ")
    ENDED = "ended", _("สิ้นสุด")


class PairingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=PairingStatus.ACTIVE)


class Pairing(models.Model):
    """A pilot district (mentor, พี่เลี้ยง) paired with a non-pilot district (mentee).

    The database enforces the rules too: one active mentor per mentee (partial unique index)
    and pilot/non-pilot roles (a trigger, see migration 0002, since a CHECK cannot look at
    another table)."""

    mentor = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="mentee_pairings",
        verbose_name=_("เขตพี่เลี้ยง"),
    )
    mentee = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="mentor_pairings",
        verbose_name=_("เขตที่ได้รับการดูแล"),
    )
    start_date = models.DateField(_("วันที่เริ่ม"), validators=[validate_programme_date])
    end_date = models.DateField(
        _("วันที่สิ้นสุด"), null=True, blank=True, validators=[validate_programme_date]
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=PairingStatus.choices, default=PairingStatus.PROPOSED
    )
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["mentor__code", "mentee__code"]
        verbose_name = _("การจับคู่พี่เลี้ยง")
        verbose_name_plural = _("การจับคู่พี่เลี้ยง")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status=PairingStatus.ACTIVE),
                name="pairing_one_active_mentor_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="pairing_mentor_is_not_mentee"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pairing_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"

    def clean(self):
        errors = {}
        if self.mentor_id and not self.mentor.is_pilot:
            errors["mentor"] = _("เขตพี่เลี้ยงต้องเป็นเขตนำร่อง")
        if self.mentee_id and self.mentee.is_pilot:
            errors["mentee"] = _("เขตนำร่องไม่เป็นเขตที่ได้รับการดูแล")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม")
        if (
            self.status == PairingStatus.ACTIVE
            and self.mentee_id
            and Pairing.objects.active()
            .filter(mentee_id=self.mentee_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["mentee"] = _("เขตนี้มีพี่เลี้ยงที่ดำเนินการอยู่แล้ว")
        if errors:
            raise ValidationError(errors)


class StageChangeStatus(models.TextChoices):
    APPLIED = "applied", _("มีผลแล้ว")
    PROPOSED = "proposed", _("รอพิจารณา")
    REJECTED = "rejected", _("ไม่อนุมัติ")


class StageChange(models.Model):
    """A district's rollout stage change: dated, with a reason and an author, kept forever.
    District staff propose; the strategy office applies or rejects."""

    district = models.ForeignKey(
        "districts.District", on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(_("ขั้น"), max_length=20, choices=RolloutStage.choices)
    previous_stage = models.CharField(
        _("ขั้นก่อนหน้า"), max_length=20, choices=RolloutStage.choices, blank=True
    )
    changed_on = models.DateField(
        _("วันที่"), default=timezone.localdate, validators=[validate_programme_date]
    )
    reason = models.TextField(_("เหตุผล"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    status = models.CharField(
        _("สถานะ"),
        max_length=10,
        choices=StageChangeStatus.choices,
        default=StageChangeStatus.APPLIED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("หมายเหตุการพิจารณา"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("การเปลี่ยนขั้นการขยายผล")
        verbose_name_plural = _("การเปลี่ยนขั้นการขยายผล")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="stage_change_has_reason"),
            # A district waits for the decision on its proposal before proposing again.
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(status=StageChangeStatus.PROPOSED),
                name="stage_change_one_pending_per_district",
            ),
        ]

    def __str__(self):
        return f"{self.district} → {self.get_stage_display()} ({self.changed_on})"


class Trainer(models.Model):
    """A model trainer (วิทยากรต้นแบบ) from a pilot district."""

    name = models.CharField(_("ชื่อ-สกุล"), max_length=200)
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="trainers",
        verbose_name=_("เขต"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    topics = models.CharField(_("หัวข้อที่สอน"), max_length=300)
    # Contact details are personal data: shown only to logged-in users.
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    is_active = models.BooleanField(_("ยังปฏิบัติงาน"), default=True)

    class Meta:
        ordering = ["district__code", "name"]
        verbose_name = _("วิทยากรต้นแบบ")
        verbose_name_plural = _("วิทยากรต้นแบบ")

    def __str__(self):
        return self.name

    def clean(self):
        if self.district_id and not self.district.is_pilot:
            raise ValidationError({"district": _("วิทยากรต้นแบบต้องมาจากเขตนำร่อง")})


class SessionKind(models.TextChoices):
    SITE_VISIT = "site_visit", _("ลงพื้นที่")
    TRAINING = "training", _("อบรม")
    WORKSHOP = "workshop", _("ประชุมเชิงปฏิบัติการ")
    ONLINE = "online", _("ออนไลน์")


class MentoringSession(models.Model):
    date = models.DateField(_("วันที่"), validators=[validate_programme_date])
    mentor = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        related_name="sessions_led",
        verbose_name=_("เขตพี่เลี้ยง"),
    )
    mentees = models.ManyToManyField(
        "districts.District", related_name="sessions_attended", verbose_name=_("เขตที่เข้าร่วม")
    )
    kind = models.CharField(_("รูปแบบ"), max_length=20, choices=SessionKind.choices)
    topics = models.CharField(_("หัวข้อ"), max_length=300)
    trainers = models.ManyToManyField(
        Trainer, blank=True, related_name="sessions", verbose_name=_("วิทยากร")
    )
    attendee_count = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม"))
    notes = models.TextField(pgettext_lazy("notes", "บันทึก"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[mentees, trainers])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("การเป็นพี่เลี้ยง")
        verbose_name_plural = _("การเป็นพี่เลี้ยง")
        constraints = [
            models.CheckConstraint(
                condition=Q(date__gte="2015-01-01"), name="session_date_plausible"
            )
        ]
        indexes = [models.Index(fields=["mentor", "date"])]

    def __str__(self):
        return f"{self.mentor} {self.date}: {self.topics}"

    def get_absolute_url(self):
        return reverse_id("mentoring:session_detail", self.pk)

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("วันที่ต้องไม่เป็นวันในอนาคต (บันทึกหลังจัดกิจกรรม)")})
        if self.mentor_id and not self.mentor.is_pilot:
            raise ValidationError({"mentor": _("เขตพี่เลี้ยงต้องเป็นเขตนำร่อง")})


class FollowUpQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(done=False, due_date__lt=today or timezone.localdate())


class FollowUp(models.Model):
    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="follow_ups"
    )
    who = models.CharField(_("ผู้รับผิดชอบ"), max_length=200)
    what = models.CharField(_("สิ่งที่ต้องทำ"), max_length=300)
    due_date = models.DateField(_("กำหนดเสร็จ"), validators=[validate_programme_date])
    done = models.BooleanField(_("เสร็จแล้ว"), default=False)
    done_on = models.DateField(
        _("วันที่เสร็จ"), null=True, blank=True, validators=[validate_programme_date]
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("งานติดตาม")
        verbose_name_plural = _("งานติดตาม")
        constraints = [
            models.CheckConstraint(
                condition=Q(done=False) | Q(done_on__isnull=False), name="followup_done_has_date"
            )
        ]

    def __str__(self):
        return self.what

    @property
    def is_overdue(self) -> bool:
        return not self.done and self.due_date < timezone.localdate()
