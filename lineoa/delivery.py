"""Sending the outbox (run by the task worker, ``lineoa.tasks.push_line_message``).

A message is claimed by a conditional update (``PENDING`` → ``SENDING``), so two workers never
both send it; one claimed longer ago than ``ABANDONED_AFTER`` lost its worker and may be
claimed again — safely, since the same ``X-Line-Retry-Key`` makes LINE drop a repeat (it
answers 409). 429 and 5xx are tried again after 2, 4, 8, … seconds."""

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from lineoa import client, messages
from lineoa.client import PushResult
from lineoa.models import LineLink, LineMessage, MessageStatus, QuotaWarning
from notices.services import notify

logger = logging.getLogger(__name__)

ABANDONED_AFTER = dt.timedelta(minutes=10)
QUOTA_CHECK_SECONDS = 15 * 60  # two GETs at most every quarter of an hour
sleep = time.sleep  # tests replace it


def _claim(message_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=MessageStatus.PENDING) | Q(
        status=MessageStatus.SENDING, claimed_at__lt=now - ABANDONED_AFTER
    )
    return bool(
        LineMessage.objects.filter(claimable, pk=message_id).update(
            status=MessageStatus.SENDING, claimed_at=now
        )
    )


def deliver(message_id: int) -> str:
    """Push one queued message; its final status."""
    if not client.enabled() or not _claim(message_id):
        return "not claimed"
    message = LineMessage.objects.get(pk=message_id)
    link = LineLink.objects.filter(user_id=message.user_id).first()
    if link is None:  # unlinked (or unfollowed) since it was queued
        return _finish(message, MessageStatus.SKIPPED, "not linked")
    result, reason = PushResult.RETRY, ""
    for attempt in range(settings.LINE_PUSH_ATTEMPTS):
        if attempt:
            sleep(settings.LINE_RETRY_BASE_SECONDS * 2 ** (attempt - 1))
        message.attempts += 1
        result, reason = client.push(
            link.line_user_id, message.text, retry_key=str(message.retry_key)
        )
        if result is not PushResult.RETRY:
            break
        logger.info("LINE push %s: %s, attempt %s", message.pk, reason, message.attempts)
    if result is PushResult.SENT:
        _finish(message, MessageStatus.SENT, "")
        check_quota()
        return MessageStatus.SENT
    logger.warning("LINE push %s failed: %s", message.pk, reason)
    return _finish(message, MessageStatus.FAILED, reason)


def _finish(message, status, error) -> str:
    message.status = status
    message.error = error[:300]
    message.sent_at = timezone.now() if status == MessageStatus.SENT else None
    message.save(update_fields=["status", "error", "sent_at", "attempts"])
    return status


def check_quota(*, force: bool = False) -> QuotaWarning | None:
    """Read the month's quota; at ``LINE_QUOTA_WARNING_SHARE`` of it, tell the strategy office
    once per month (the unique month of ``QuotaWarning``)."""
    month = timezone.localdate().replace(day=1)
    if QuotaWarning.objects.filter(month=month).exists():
        return None
    if not force and not cache.add("lineoa:quota-checked", 1, QUOTA_CHECK_SECONDS):
        return None
    try:
        quota = client.quota()
    except Exception as error:  # noqa: BLE001 - a quota we cannot read must not fail the push
        logger.warning(
            "LINE quota not read: %s", str(error).splitlines()[0] if str(error) else error
        )
        return None
    if quota.limit is None or quota.used < settings.LINE_QUOTA_WARNING_SHARE * quota.limit:
        return None
    try:
        with transaction.atomic():
            warning = QuotaWarning.objects.create(month=month, used=quota.used, limit=quota.limit)
            office = User.objects.filter(role=Role.STRATEGY, is_active=True).select_related(
                "notice_preference"
            )
            notify(
                list(office),
                messages.quota_warning_text(quota.used, quota.limit),
                reverse("reporting:notices"),
            )
    except IntegrityError:
        return None  # another worker warned first
    return warning


def requeue_stalled(*, older_than: dt.timedelta = ABANDONED_AFTER) -> int:
    """Queue again what no worker has pushed: a task lost with its queue row, a worker killed
    mid-push. The claim and the retry key keep each one to a single delivery."""
    if not client.enabled():
        return 0
    cutoff = timezone.now() - older_than
    stalled = list(
        LineMessage.objects.filter(
            Q(status=MessageStatus.PENDING, created_at__lt=cutoff)
            | Q(status=MessageStatus.SENDING, claimed_at__lt=cutoff)
        ).values_list("pk", flat=True)
    )
    from lineoa.tasks import push_line_message

    for message_id in stalled:
        push_line_message.enqueue(message_id)
    return len(stalled)


def purge_old(*, days: int = 30) -> tuple[int, int]:
    """Webhook event ids (redeliveries come within hours, not weeks) and spent codes."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    from lineoa.models import LinkCode, WebhookEvent

    events, _ = WebhookEvent.objects.filter(received_at__lt=cutoff).delete()
    codes, _ = LinkCode.objects.filter(
        expires_at__lt=timezone.now() - dt.timedelta(days=1)
    ).delete()
    return events, codes
