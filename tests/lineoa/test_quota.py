"""The month's message quota is read from LINE (GET /v2/bot/message/quota and
/quota/consumption) after pushes; at 80 % the strategy office gets a notice, once a month."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import TestCase

from lineoa.delivery import check_quota
from lineoa.models import QuotaWarning
from notices.models import Notice, NoticeMode
from notices.services import notice_preference_set, notify

pytestmark = pytest.mark.django_db


def push_one(user):
    with TestCase.captureOnCommitCallbacks(execute=True):
        notify([user], "ข่าว", "/")


@pytest.fixture
def immediate(linked_staff):
    notice_preference_set(user=linked_staff, mode=NoticeMode.IMMEDIATE)
    linked_staff.refresh_from_db()
    return linked_staff


def warnings_to(user):
    return Notice.objects.filter(user=user, text__startswith="โควตาข้อความ LINE")


def test_below_80_percent_nobody_is_warned(line, immediate, strategy_office):
    line.used = 799
    push_one(immediate)
    assert line.of("/v2/bot/message/quota") and line.of("/v2/bot/message/quota/consumption")
    assert not warnings_to(strategy_office).exists()


def test_at_80_percent_the_strategy_office_is_warned_once_a_month(
    line, immediate, strategy_office, frozen
):
    frozen(dt.datetime(2026, 12, 7, 9, 0))
    line.used = 800
    push_one(immediate)
    (warning,) = warnings_to(strategy_office)
    assert warning.text == "โควตาข้อความ LINE เดือนนี้ใช้ไปแล้ว 800 จาก 1,000 ข้อความ (80%)"
    assert not warnings_to(immediate).exists()  # district staff are not told
    line.used = 950
    cache.clear()
    push_one(immediate)
    assert check_quota(force=True) is None
    assert warnings_to(strategy_office).count() == 1
    frozen(dt.datetime(2027, 1, 3, 9, 0))  # a new month: warned again
    cache.clear()
    push_one(immediate)
    assert warnings_to(strategy_office).count() == 2
    assert list(QuotaWarning.objects.values_list("month", flat=True)) == [
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
    ]


def test_the_quota_is_read_at_most_every_quarter_hour(line, immediate):
    push_one(immediate)
    push_one(immediate)
    assert len(line.pushes) == 2
    assert len(line.of("/v2/bot/message/quota")) == 1


def test_an_unlimited_quota_warns_nobody(line, strategy_office):
    line.quota = {"type": "none"}
    line.used = 10**6
    assert check_quota(force=True) is None
    assert not warnings_to(strategy_office).exists()


def test_a_quota_that_cannot_be_read_does_not_fail_the_push(line, immediate, settings):
    from lineoa.models import LineMessage, MessageStatus

    line.quota = {"unexpected": True}
    push_one(immediate)
    assert LineMessage.objects.get().status == MessageStatus.SENT
