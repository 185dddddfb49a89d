"""Writes for notices: a notice in the bell (and an e-mail for those who chose immediate),
marking them read, the user's choice of e-mail mode."""

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notices import selectors
from notices.channels import registered_channels
from notices.models import Notice, NoticeMode, NoticePreference


def _unread_key(user_id) -> str:
    return f"reporting:unread:{user_id}"


def cached_unread_count(user) -> int:
    """The bell's number, cached so that every page does not pay a query for it."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = selectors.unread_count(user)
        # Short: without a shared cache (REDIS_URL) other processes learn of changes late.
        cache.set(key, count, 60)
    return count


def forget_unread(user_ids) -> None:
    keys = [_unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    # and again after commit: a page may have cached the old count in between
    transaction.on_commit(lambda: cache.delete_many(keys))


def mode_of(user) -> str:
    preference = getattr(user, "notice_preference", None)
    return preference.mode if preference else NoticeMode.DAILY


def notify(
    users, text: str, url: str = "", *, subject: str = "", body: str = "", brief: str = ""
) -> list[Notice]:
    """A notice in each user's bell; e-mailed at once to those who chose immediate, the
    others read it in the bell or in the next daily digest ("none": the bell only). The
    registered channels (LINE) follow the same choice.

    Every notice of the portal goes through here, so each user's choice holds for all of
    them. ``subject`` and ``body`` let an immediate e-mail say more than the bell's 300
    characters (a reviewer's whole comment). ``brief`` is what may leave the portal on a
    chat channel: short, without free-text comments (they may name people); the text when
    not given."""
    users = [u for u in users if u.is_active]
    text = text if len(text) <= 300 else text[:299] + "…"
    modes = {u.pk: mode_of(u) for u in users}
    with transaction.atomic():  # the channels' queue stands or falls with the notices
        notices = Notice.objects.bulk_create([Notice(user=u, text=text, url=url) for u in users])
        forget_unread([u.pk for u in users])
        for channel in registered_channels():
            channel.notified(notices=notices, modes=modes, brief=brief or text)
    immediate = [
        n for n, u in zip(notices, users, strict=True) if mode_of(u) == NoticeMode.IMMEDIATE
    ]
    if immediate:
        transaction.on_commit(lambda: _email_now(immediate, subject=subject, body=body))
    return notices


def _email_now(notices, *, subject: str = "", body: str = "") -> None:
    for notice in notices:
        if not notice.user.email:
            continue
        send_mail(
            subject=subject or _("[บางพลัดโมเดล] %(text)s") % {"text": notice.text[:120]},
            message=f"{body or notice.text}\n\n{notice.url}".strip(),
            from_email=None,
            recipient_list=[notice.user.email],
        )
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())


@transaction.atomic
def notices_mark_read(*, user) -> int:
    count = Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread([user.pk])
    return count


@transaction.atomic
def notice_preference_set(*, user, mode: str) -> NoticePreference:
    preference, _created = NoticePreference.objects.get_or_create(user=user)
    preference.mode = mode
    preference.full_clean()
    preference.save()
    return preference
