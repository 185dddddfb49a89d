"""A linked user gets each notice on LINE once, in their mode: immediate pushes leave from the
task worker after commit; daily ones ride in the digest. Bearer token, X-Line-Retry-Key,
429/5xx retried with backoff; other people's personal data never leaves."""

import datetime as dt
import io
import uuid

import pytest
from django.core.management import call_command
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from lineoa.delivery import deliver
from lineoa.models import LineLink, LineMessage, MessageStatus
from notices.digests import send_digests
from notices.models import NoticeMode
from notices.services import notice_preference_set, notices_mark_read, notify
from tests.lineoa.conftest import run_worker_once

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 7)


def tell(users, text="รายงานเดือนพฤศจิกายน 2569 ของเขตบางพลัด ได้รับอนุมัติแล้ว", **kwargs):
    """notify() as a service calls it, the transaction then committing."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return notify(users, text, "/reporting/1025/2026-11/", **kwargs)


def digests(day=DAY):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_digests(today=day)


def texts(line):
    return [p.body["messages"][0]["text"] for p in line.pushes]


@pytest.fixture
def immediate(linked_staff):
    notice_preference_set(user=linked_staff, mode=NoticeMode.IMMEDIATE)
    linked_staff.refresh_from_db()
    return linked_staff


def test_an_immediate_notice_is_pushed_once_with_the_token_and_a_retry_key(line, immediate):
    tell([immediate])
    (push,) = line.pushes
    assert push.headers["authorization"] == "Bearer test-channel-token"
    uuid.UUID(push.headers["x-line-retry-key"])
    assert push.body["to"] == "U-staff"
    text = push.body["messages"][0]["text"]
    assert text.startswith("บางพลัดโมเดล: รายงานเดือนพฤศจิกายน 2569")
    assert text.endswith("https://portal.example.org/reporting/1025/2026-11/")
    assert LineMessage.objects.get().status == MessageStatus.SENT
    digests()  # the digest has the staff's reminders, not the notice again
    assert len(line.pushes) == 2
    assert "ได้รับอนุมัติแล้ว" not in texts(line)[1]


def test_the_digests_reminders_go_on_line_too(line, linked_staff):
    digests()
    (text,) = texts(line)
    assert "เลยกำหนดส่ง: รายงานเดือนพฤศจิกายน 2569" in text


@pytest.mark.django_db(transaction=True)
def test_nothing_is_pushed_inside_the_request_only_by_the_worker_and_once(
    line, immediate, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tell([immediate])
    assert not line.pushes  # queued, not sent
    assert DBTaskResult.objects.count() == 1
    for _ in range(2):
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO()
        )
    assert len(line.pushes) == 1
    deliver(LineMessage.objects.get().pk)  # a stray second task
    assert len(line.pushes) == 1


def test_a_daily_users_notices_wait_for_the_digest_and_go_once(line, linked_strategy):
    tell([linked_strategy])
    tell([linked_strategy], "บทเรียน “ครัวชุมชน” ของเขตบางพลัด เปลี่ยนสถานะเป็น อนุมัติแล้ว")
    assert not line.pushes
    digests()
    digests()  # a second run the same day
    (text,) = texts(line)
    assert text.startswith("บางพลัดโมเดล สรุปประจำวันที่ 7 ธ.ค. 2569")
    assert "• รายงานเดือนพฤศจิกายน 2569" in text and "• บทเรียน “ครัวชุมชน”" in text
    assert text.endswith("https://portal.example.org/reporting/notices/")
    digests(DAY + dt.timedelta(days=1))  # nothing new the next day
    assert len(line.pushes) == 1
    assert set(
        LineMessage.objects.filter(notice__isnull=False).values_list("status", flat=True)
    ) == {MessageStatus.IN_DIGEST}


def test_notices_read_in_the_bell_before_the_digest_are_not_pushed(line, linked_strategy):
    tell([linked_strategy], "ข่าวที่อ่านแล้ว")
    notices_mark_read(user=linked_strategy)
    digests()
    assert not line.pushes
    tell([linked_strategy], "ข่าวใหม่")
    digests(DAY + dt.timedelta(days=1))
    (text,) = texts(line)
    assert "ข่าวใหม่" in text and "ข่าวที่อ่านแล้ว" not in text
    assert LineMessage.objects.get(brief="ข่าวที่อ่านแล้ว").status == MessageStatus.SKIPPED


def test_none_mode_sends_nothing_on_line(line, linked_staff):
    notice_preference_set(user=linked_staff, mode=NoticeMode.NONE)
    linked_staff.refresh_from_db()
    tell([linked_staff])
    digests()
    assert not line.pushes and not LineMessage.objects.exists()


def test_users_without_a_link_get_nothing_on_line(line, staff_mentee):
    tell([staff_mentee])
    digests()
    assert not line.pushes and not LineMessage.objects.exists()


def test_without_a_token_the_channel_is_off_and_notices_still_work(line, immediate, settings):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    (notice,) = tell([immediate])
    digests()
    assert notice.pk and not line.requests and not LineMessage.objects.exists()


@pytest.mark.parametrize("failure", [500, 503, 429])
def test_429_and_5xx_are_retried_with_backoff(line, immediate, failure):
    line.push_statuses.extend([failure, failure])
    tell([immediate])
    assert len(line.pushes) == 3
    keys = {p.headers["x-line-retry-key"] for p in line.pushes}
    assert len(keys) == 1  # the same key each time: LINE drops repeats
    assert line.waits == [2.0, 4.0]
    message = LineMessage.objects.get()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 3)


def test_a_push_that_keeps_failing_is_given_up_after_five_tries(line, immediate):
    line.push_statuses.extend([500] * 5)
    tell([immediate])
    message = LineMessage.objects.get()
    assert (message.status, message.attempts, message.error) == (
        MessageStatus.FAILED,
        5,
        "HTTP 500 Internal Server Error",
    )
    assert line.waits == [2.0, 4.0, 8.0, 16.0]


def test_a_rejected_push_is_not_retried(line, immediate):
    line.push_statuses.append(400)
    tell([immediate])
    assert len(line.pushes) == 1
    assert LineMessage.objects.get().status == MessageStatus.FAILED


def test_an_abandoned_push_is_sent_again_with_the_same_key_and_line_drops_it(line, immediate):
    tell([immediate])
    message = LineMessage.objects.get()
    # a worker that died after LINE accepted the push, before it wrote "sent"
    old = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    LineMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, claimed_at=old)
    assert deliver(message.pk) == MessageStatus.SENT  # LINE answered 409: already accepted
    assert len(line.pushes) == 2 and len(line.accepted_retry_keys) == 1


def test_a_push_queued_before_unlinking_is_not_sent(line, immediate, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    tell([immediate])
    LineLink.objects.filter(user=immediate).delete()  # e.g. an administrator deleted it
    assert deliver(LineMessage.objects.get().pk) == MessageStatus.SKIPPED
    assert not line.pushes


def test_unlinking_drops_what_was_queued(line, linked_strategy, settings):
    from lineoa.services import line_unlink

    tell([linked_strategy])  # held for the digest
    line_unlink(user=linked_strategy)
    assert LineMessage.objects.get().status == MessageStatus.SKIPPED
    digests()
    assert not line.pushes


@pytest.mark.django_db(transaction=True)
def test_a_return_in_the_web_request_is_pushed_by_the_worker_afterwards(
    line, immediate, bangphlat, strategy, login, settings
):
    from reporting.services import reporting_month_submit

    reporting_month_submit(district=bangphlat, month=dt.date(2025, 10, 1), by=immediate)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(strategy)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/reporting/1025/2025-10/transition/", {"action": "return", "comment": "ขาดรูป"}
        )
    assert response.status_code == 302
    assert not line.pushes  # the request queued it, sent nothing
    run_worker_once()
    (text,) = texts(line)
    assert "รายงานเดือนตุลาคม 2568 ของเขตบางพลัด ถูกส่งกลับให้แก้ไข" in text
    assert "ขาดรูป" not in text


def test_a_reviewers_reason_stays_in_the_portal(line, immediate, bangphlat, strategy):
    from reporting.services import reporting_month_return, reporting_month_submit

    month = dt.date(2025, 10, 1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        reporting_month_submit(district=bangphlat, month=month, by=immediate)
        reporting_month_return(
            district=bangphlat, month=month, by=strategy, comment="โทรหาคุณสมศรี 081-234-5678"
        )
    (text,) = texts(line)
    assert "ถูกส่งกลับให้แก้ไข" in text
    assert "สมศรี" not in text and "5678" not in text
    assert immediate.notices.filter(text__contains="สมศรี").exists()  # the bell has it all


def test_a_lesson_reviewers_comment_and_name_stay_in_the_portal(line, immediate, strategy):
    from lessons.services import lesson_request_changes, lesson_submit
    from tests.lessons.factories import make_lesson

    lesson = make_lesson(immediate, title="ครัวชุมชน")
    lesson_submit(lesson=lesson, by=immediate)
    with TestCase.captureOnCommitCallbacks(execute=True):
        lesson_request_changes(lesson=lesson, by=strategy, comment="เพิ่มชื่อคุณสมศรีผู้ให้ข้อมูล")
    (text,) = texts(line)
    assert "บทเรียน “ครัวชุมชน” ของเขตบางพลัด" in text
    assert "สมศรี" not in text and strategy.display_name not in text


def test_phone_numbers_are_masked(line, immediate):
    tell([immediate], "ติดต่อคุณสมชาย 081-234-5678 หรือ 02 123 4567")
    text = texts(line)[0]
    assert "5678" not in text and "4567" not in text and "•••" in text


def test_housekeeping_sends_a_push_whose_task_was_lost_once_and_forgets_old_events(
    line, immediate, settings
):
    from lineoa.models import WebhookEvent

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    tell([immediate])  # queued on a queue that loses it
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    LineMessage.objects.update(created_at=an_hour_ago)
    old = WebhookEvent.objects.create(event_id="E-old")
    WebhookEvent.objects.filter(pk=old.pk).update(received_at=an_hour_ago - dt.timedelta(days=31))
    WebhookEvent.objects.create(event_id="E-new")
    out = io.StringIO()
    call_command("line_housekeeping", stdout=out)
    call_command("line_housekeeping", stdout=out)
    assert len(line.pushes) == 1
    assert "1 push(es) queued again, 1 webhook event id(s)" in out.getvalue()
    assert list(WebhookEvent.objects.values_list("event_id", flat=True)) == ["E-new"]


def test_an_unreachable_line_is_retried_then_given_up(line, immediate, settings):
    settings.LINE_API_BASE = "http://127.0.0.1:8829"  # nothing listens there
    tell([immediate])
    message = LineMessage.objects.get()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 5)
    assert line.waits == [2.0, 4.0, 8.0, 16.0]
