"""Writes of the LINE channel: linking codes, linking and unlinking, and the webhook's events
(follow, unfollow, a text message carrying a code), each event handled once."""

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from bangphlat import ratelimit
from lineoa import messages
from lineoa.models import LineLink, LineMessage, LinkCode, MessageStatus, WebhookEvent

CODE_LIFETIME = dt.timedelta(minutes=10)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed on a phone
CODE_LENGTH = 8  # 32⁸ ≈ 10¹²: with the attempt limits below, not guessable
CODES_PER_HOUR = 10  # new codes one portal account may ask for
ATTEMPTS_PER_SENDER = 5  # code messages one LINE user may send in 10 minutes
ATTEMPTS_OVERALL = 200  # and all LINE users together (many throw-away accounts)
ATTEMPT_WINDOW = 10 * 60


class TooManyCodes(Exception):
    pass


def normalized_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def looks_like_code(text: str) -> bool:
    code = normalized_code(text)
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


@transaction.atomic
def link_code_issue(*, user) -> LinkCode:
    """A fresh one-time code; the user's earlier unused codes stop working."""
    if not ratelimit.allow("line-code", str(user.pk), limit=CODES_PER_HOUR, window_seconds=3600):
        raise TooManyCodes
    now = timezone.now()
    LinkCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    link_code = LinkCode(user=user, code=code, expires_at=now + CODE_LIFETIME)
    link_code.full_clean()
    link_code.save()
    return link_code


@transaction.atomic
def line_unlink(*, user) -> bool:
    deleted, _rows = LineLink.objects.filter(user=user).delete()
    _drop_queued(user_ids=[user.pk])
    return bool(deleted)


def _drop_queued(*, user_ids) -> None:
    """Nothing more goes to a LINE account no longer linked."""
    LineMessage.objects.filter(
        user_id__in=user_ids, status__in=[MessageStatus.HELD, MessageStatus.PENDING]
    ).update(status=MessageStatus.SKIPPED, error="unlinked")


def _link(line_user_id: str, text: str) -> str:
    """A code sent to the Official Account: the reply to give."""
    if not ratelimit.allow(
        "line-link", line_user_id, limit=ATTEMPTS_PER_SENDER, window_seconds=ATTEMPT_WINDOW
    ) or not ratelimit.allow(
        "line-link", "all", limit=ATTEMPTS_OVERALL, window_seconds=ATTEMPT_WINDOW
    ):
        return messages.too_many_reply()
    now = timezone.now()
    code = (
        LinkCode.objects.select_for_update()
        .select_related("user")
        .filter(code=normalized_code(text), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if code is None or not code.user.is_active:
        return messages.bad_code_reply()
    code.used_at = now
    code.save(update_fields=["used_at"])
    # One LINE account, one portal account: linking again moves it.
    moved = list(
        LineLink.objects.filter(line_user_id=line_user_id)
        .exclude(user=code.user)
        .values_list("user_id", flat=True)
    )
    LineLink.objects.filter(user_id__in=moved).delete()
    _drop_queued(user_ids=moved)
    LineLink.objects.update_or_create(user=code.user, defaults={"line_user_id": line_user_id})
    return messages.linked_reply(code.user.get_username())


def _unfollow(line_user_id: str) -> None:
    user_ids = list(
        LineLink.objects.filter(line_user_id=line_user_id).values_list("user_id", flat=True)
    )
    LineLink.objects.filter(user_id__in=user_ids).delete()
    _drop_queued(user_ids=user_ids)


def line_event_handle(*, event_id: str, kind: str, line_user_id: str, text: str = "") -> str:
    """One webhook event, once (LINE redelivers what it is not sure we got): the reply to
    send, or "" for none (a redelivery, an unfollow, something else)."""
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(event_id=event_id)
            return _handle(kind, line_user_id, text)
    except IntegrityError:
        return ""


def _handle(kind, line_user_id, text) -> str:
    if not line_user_id:
        return ""
    if kind == "unfollow":
        _unfollow(line_user_id)
        return ""
    linked = LineLink.objects.filter(line_user_id=line_user_id).exists()
    if kind == "follow":
        return messages.already_linked_reply() if linked else messages.welcome_reply()
    if kind != "text":
        return ""
    if looks_like_code(text):
        return _link(line_user_id, text)
    return messages.already_linked_reply() if linked else messages.welcome_reply()
