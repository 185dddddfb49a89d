"""LINE's side of the notices channel registry (``LineoaConfig.ready()`` registers these).

Both hooks run inside notices' transaction and only write the outbox (``LineMessage``): the
pushes leave from the task worker once the transaction has committed, never inside a web
request. Immediate users' notices are queued at once; daily users' notices wait (``HELD``)
for their digest, which sends them in one message with the day's reminders."""

from django.db import transaction

from bangphlat.thai import format_date_th
from lineoa import client, messages
from lineoa.models import LineLink, LineMessage, MessageStatus
from notices.models import NoticeMode


def _enqueue_after_commit(message_ids: list[int]) -> None:
    if not message_ids:
        return

    def enqueue():
        from lineoa.tasks import push_line_message

        for message_id in message_ids:
            push_line_message.enqueue(message_id)

    transaction.on_commit(enqueue)


def notified(*, notices, modes, brief: str) -> None:
    if not client.enabled() or not notices:
        return
    wanted = {pk for pk, mode in modes.items() if mode != NoticeMode.NONE}
    linked = set(LineLink.objects.filter(user_id__in=wanted).values_list("user_id", flat=True))
    rows = [
        LineMessage(
            user_id=notice.user_id,
            notice=notice,
            brief=messages.short(brief),
            text=messages.notice_text(brief, notice.url),
            status=(
                MessageStatus.PENDING
                if modes[notice.user_id] == NoticeMode.IMMEDIATE
                else MessageStatus.HELD
            ),
        )
        for notice in notices
        if notice.user_id in linked
    ]
    created = LineMessage.objects.bulk_create(rows)
    _enqueue_after_commit([m.pk for m in created if m.status == MessageStatus.PENDING])


def digest(*, user, mode, day, lines, notices) -> None:
    """The day's digest on LINE: the reminders and the held notices still unread. Held
    notices the user has read in the bell meanwhile are not sent any more."""
    if not client.enabled() or mode == NoticeMode.NONE:
        return
    if not LineLink.objects.filter(user=user).exists():
        return
    held = list(LineMessage.objects.filter(user=user, status=MessageStatus.HELD).order_by("pk"))
    unread = {n.pk for n in notices}
    included = [m for m in held if m.notice_id in unread]
    LineMessage.objects.filter(pk__in=[m.pk for m in held if m.notice_id not in unread]).update(
        status=MessageStatus.SKIPPED
    )
    if not lines and not included:
        return
    briefs = [m.brief for m in included]
    message = LineMessage.objects.create(
        user=user,
        digest_day=day,
        text=messages.digest_text(format_date_th(day), lines, briefs),
        status=MessageStatus.PENDING,
    )
    LineMessage.objects.filter(pk__in=[m.pk for m in included]).update(
        status=MessageStatus.IN_DIGEST, digest=message
    )
    _enqueue_after_commit([message.pk])
