from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FrontMatter(models.Model):
    """Editable opening sections of the handbook (Markdown)."""

    class Key(models.TextChoices):
        FOREWORD = "foreword", _("คำนำ")
        PRINCIPLES = "principles", _("หลักการของรูปแบบบางพลัดโมเดล")
        HOW_TO_USE = "how_to_use", _("วิธีใช้คู่มือ")

    key = models.CharField(max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(_("หัวเรื่อง"), max_length=200)
    body = models.TextField(_("เนื้อหา (Markdown)"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    ORDER = ["foreword", "principles", "how_to_use"]

    class Meta:
        verbose_name = _("ส่วนนำของคู่มือ")
        verbose_name_plural = _("ส่วนนำของคู่มือ")

    def __str__(self):
        return self.title


class EditionStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    BUILDING = "building", _("กำลังสร้าง")
    READY = "ready", _("พร้อมดาวน์โหลด")
    FAILED = "failed", _("ล้มเหลว")


class Selection(models.TextChoices):
    ALL = "all", _("บทเรียนที่อนุมัติทั้งหมด")
    DISTRICT = "district", _("เฉพาะเขต")
    STEP = "step", _("เฉพาะขั้น")
    TOPIC = "topic", _("เฉพาะหัวข้อ")


class Edition(models.Model):
    """One build of the handbook. ``inputs`` is the complete snapshot it was rendered from,
    so the same content always gives the same ``content_hash`` and an old edition can be
    rebuilt identically."""

    title = models.CharField(_("ชื่อคู่มือ"), max_length=300)
    number = models.PositiveIntegerField(_("ครั้งที่พิมพ์"))
    selection = models.CharField(
        _("ขอบเขต"), max_length=10, choices=Selection.choices, default=Selection.ALL
    )
    selection_value = models.CharField(max_length=50, blank=True)
    content_hash = models.CharField(max_length=64, unique=True)
    inputs = models.JSONField(default=dict)
    lesson_revisions = models.ManyToManyField(
        "lessons.LessonRevision", blank=True, related_name="editions"
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.QUEUED
    )
    error = models.TextField(_("สาเหตุที่ล้มเหลว"), blank=True)
    warnings = models.JSONField(default=list, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    file = models.FileField(upload_to="handbooks/", blank=True)
    # The same book as PDF/A for the archive (the tagged PDF/UA ``file`` is for reading).
    archival_file = models.FileField(upload_to="handbooks/", blank=True)
    published = models.BooleanField(_("เผยแพร่"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The building worker's last sign of life (every HANDBOOK_BUILD_HEARTBEAT_SECONDS): a build
    # silent for longer than HANDBOOK_BUILD_STALE_SECONDS lost its worker and is queued again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ฉบับของคู่มือ")
        verbose_name_plural = _("ฉบับของคู่มือ")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EditionStatus.READY) | (Q(page_count__gt=0) & ~Q(file="")),
                name="edition_ready_has_file",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"

    def get_absolute_url(self):
        return reverse("handbook:edition", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (EditionStatus.READY, EditionStatus.FAILED)
