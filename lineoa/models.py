"""LINE as a notice channel: who is linked, the one-time linking codes, the outbox of pushes
(each notice and each day's digest once), the webhook events seen and the quota warnings."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LineLink(models.Model):
    """A portal account linked to the LINE user who sent its code to the Official Account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_link"
    )
    line_user_id = models.CharField(_("รหัสผู้ใช้ LINE"), max_length=64, unique=True)
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("บัญชี LINE ที่เชื่อมแล้ว")
        verbose_name_plural = _("บัญชี LINE ที่เชื่อมแล้ว")

    def __str__(self):
        return f"{self.user} ↔ LINE"


class LinkCode(models.Model):
    """A one-time code shown on /accounts/line/; the webhook links whoever sends it in time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("รหัสเชื่อมบัญชี LINE")
        verbose_name_plural = _("รหัสเชื่อมบัญชี LINE")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class MessageStatus(models.TextChoices):
    HELD = "held", _("รอสรุปรายวัน")
    PENDING = "pending", _("รอส่ง")
    SENDING = "sending", _("กำลังส่ง")
    SENT = "sent", _("ส่งแล้ว")
    IN_DIGEST = "in_digest", _("ส่งในสรุปรายวัน")
    SKIPPED = "skipped", _("ไม่ส่ง")
    FAILED = "failed", _("ส่งไม่สำเร็จ")


class LineMessage(models.Model):
    """One push to one user: a notice (immediate) or a day's digest. The unique notice and
    (user, day) make each go out once however often the worker and the digests run; the
    retry key makes LINE itself drop a second delivery of the same push."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notice = models.OneToOneField(
        "notices.Notice", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    digest_day = models.DateField(null=True, blank=True)
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="included"
    )
    brief = models.CharField(max_length=300, blank=True)  # a notice's, for the digest
    text = models.TextField()
    status = models.CharField(max_length=10, choices=MessageStatus.choices)
    retry_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ข้อความ LINE")
        verbose_name_plural = _("ข้อความ LINE")
        constraints = [
            models.UniqueConstraint(fields=["user", "digest_day"], name="line_digest_once_a_day"),
        ]
        indexes = [models.Index(fields=["user", "status"], name="line_message_user_status")]

    def __str__(self):
        return f"{self.user} {self.status}"


class WebhookEvent(models.Model):
    """A webhook event handled: LINE redelivers events it is not sure we got."""

    event_id = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("เหตุการณ์จาก LINE")
        verbose_name_plural = _("เหตุการณ์จาก LINE")

    def __str__(self):
        return self.event_id


class QuotaWarning(models.Model):
    """The strategy office was told this month that the message quota runs low."""

    month = models.DateField(unique=True)  # first day of the month
    used = models.PositiveIntegerField()
    limit = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("คำเตือนโควตาข้อความ LINE")
        verbose_name_plural = _("คำเตือนโควตาข้อความ LINE")

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.used}/{self.limit}"
