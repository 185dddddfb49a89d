"""The strategy office on a phone: lands on the dashboard, opens the lessons waiting from the
nav, approves one and goes straight to the next with "ถัดไป"."""

import re

import pytest
from playwright.sync_api import expect

from lessons import services
from lessons.models import Lesson
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db(transaction=True)


def test_strategy_works_through_the_review_queue_on_a_phone(phone_page, strategy, staff_bangphlat):
    for title in ("ธนาคารขยะริมคลอง", "ออมวันละบาท"):
        services.lesson_submit(lesson=make_lesson(staff_bangphlat, title=title), by=staff_bangphlat)
    page = phone_page
    log_in(page, strategy.username)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.click(".navbar-toggler")
    expect(page.locator("#lessons-waiting")).to_contain_text("2")
    shoot(page, "strategy-nav")
    page.click("#lessons-waiting")
    page.click("text=ธนาคารขยะริมคลอง")
    page.click("button[name=action][value=approve]")
    expect(page.locator(".alert-success:not([hidden])")).to_contain_text("บันทึกการพิจารณาแล้ว")
    expect(page.locator("#next-in-queue-note")).to_contain_text("ออมวันละบาท")
    shoot(page, "lesson-next")
    page.click("#next-in-queue")
    expect(page.locator("h1")).to_contain_text("ออมวันละบาท")
    page.fill("#id_comment", "เพิ่มตัวเลขผลลัพธ์")
    page.click("button[name=action][value=request_changes]")
    expect(page.locator(".alert-success:not([hidden])")).to_be_visible()
    expect(page.locator("#next-in-queue")).to_have_count(0)  # the queue is empty
    assert sorted(Lesson.objects.values_list("status", flat=True)) == [
        "approved",
        "changes_requested",
    ]
