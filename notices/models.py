"""In-app notices (the bell), the users' notice preferences and the daily digests sent.

Any app tells users something through ``notices.services.notify``; the digest's sections are
registered by the apps that know what to say (notices/digests.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeMode(models.TextChoices):
    IMMEDIATE = "immediate", _("ส่งอีเมลทันที")
    DAILY = "daily", _("สรุปรายวัน")
    NONE = "none", _("ไม่ต้องส่งอีเมล")


class NoticePreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference"
    )
    mode = models.CharField(
        _("การแจ้งเตือนทางอีเมล"), max_length=10, choices=NoticeMode.choices, default=NoticeMode.DAILY
    )

    class Meta:
        db_table = "reporting_noticepreference"  # moved from reporting with its rows
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self):
        return f"{self.user}: {self.mode}"


class Notice(models.Model):
    """An in-app notice (the bell). ``emailed_at`` is set once it went out by e-mail, alone
    (immediate) or in a digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(_("ข้อความ"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "reporting_notice"  # moved from reporting with its rows
        ordering = ["-created_at", "-pk"]
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        indexes = [models.Index(fields=["user", "read_at"], name="reporting_n_user_id_dc9048_idx")]

    def __str__(self):
        return self.text


class DigestSent(models.Model):
    """One row per user and day a digest went out: running the command twice sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "reporting_digestsent"  # moved from reporting with its rows
        verbose_name = _("สรุปรายวันที่ส่งแล้ว")
        verbose_name_plural = _("สรุปรายวันที่ส่งแล้ว")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self):
        return f"{self.user} {self.day}"
