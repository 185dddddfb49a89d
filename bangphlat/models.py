import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A create form's one-time key, claimed by the first POST that carries it
    (bangphlat/submissions.py). Kept in the database so a repeat that reaches another worker
    process, or arrives while the first is still saving, finds it."""

    key = models.CharField(max_length=80, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return self.key


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังสร้างไฟล์")
    READY = "ready", _("พร้อมดาวน์โหลด")
    FAILED = "failed", _("สร้างไม่สำเร็จ")


def _export_code() -> str:
    return secrets.token_urlsafe(12)


class ExportJob(models.Model):
    """A large export built by the task worker (bangphlat/export_jobs.py): its progress, and
    the file, which only its owner may download until it expires."""

    code = models.CharField(max_length=32, unique=True, default=_export_code, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    fmt = models.CharField(max_length=4)
    query = models.CharField(max_length=2000, blank=True)  # the list's filters, as in its URL
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self):
        return f"{self.kind}.{self.fmt} ({self.status})"

    def get_absolute_url(self):
        return reverse("export_job", args=[self.code])

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0


class DataVersion(models.Model):
    """Tokens that change whenever the records they stand for change (bangphlat/versions.py): any
    app caches under them (the dashboard, open data).

        Cached figures are keyed by the tokens of the districts they count. They live in the
        database, not in the cache, so a change made by any worker process is seen by every other
        one at once (also with the per-process local-memory cache). A token changes after the
        writer's transaction commits, once per transaction, so writers never queue on a shared row.
        Keys: ``epoch`` (everything, e.g. after a bulk seed), ``d<district id>`` (the district's
        undated records: communities, lessons, pairings, follow-ups) and ``d<district id>:<fiscal
        year>`` (its activities, mentoring sessions and targets of that year).
    """

    key = models.CharField(max_length=20, primary_key=True)
    token = models.CharField(max_length=16)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "dashboard_dataversion"  # created by the dashboard, moved to the kernel

    def __str__(self):
        return f"{self.key}={self.token}"
