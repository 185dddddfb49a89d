"""A lesson goes through review in the browser: write, submit, return, revise, approve."""

import pytest
from playwright.sync_api import expect

from lessons.models import Lesson
from tests.e2e.conftest import DESKTOP, log_in
from tests.lessons.factories import TEXT

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_write_and_submit_strategy_returns_staff_revise_strategy_approves(
    browser, live_server, staff_bangphlat, strategy
):
    staff = browser.new_context(viewport=DESKTOP, base_url=live_server.url).new_page()
    office = browser.new_context(viewport=DESKTOP, base_url=live_server.url).new_page()
    log_in(staff, staff_bangphlat.username)
    log_in(office, strategy.username)

    staff.goto("/lessons/")
    staff.click("text=+ เขียนบทเรียน")
    staff.fill("input[name=title]", "ธนาคารขยะของชุมชนริมคลอง")
    staff.select_option("select[name=step]", "develop")
    for name, text in TEXT.items():
        staff.fill(f"textarea[name={name}]", text)
    staff.fill("textarea[name=results]", "ขยะลดลงร้อยละ 20")
    staff.click("#lesson-form button[type=submit]")
    staff.click("button[name=action][value=submit]")
    expect(staff.locator(".alert-success:not([hidden])")).to_have_text("ส่งพิจารณาแล้ว")
    expect(staff.locator("#lesson-status")).to_have_text("รอพิจารณา")

    office.goto("/lessons/review/")
    office.click("text=ธนาคารขยะของชุมชนริมคลอง")
    office.fill("textarea[name=comment]", "ขอตัวเลขปริมาณขยะก่อนและหลัง")
    office.click("button[name=action][value=request_changes]")
    expect(office.locator("#lesson-status")).to_have_text("ขอให้แก้ไข")

    staff.reload()
    expect(staff.locator("#thread")).to_contain_text("ขอตัวเลขปริมาณขยะก่อนและหลัง")
    staff.click("a[href$='/edit/']")
    staff.fill("textarea[name=results]", "ขยะลดลงจาก 500 กก. เหลือ 400 กก. ต่อเดือน (ร้อยละ 20)")
    staff.click("#lesson-form button[type=submit]")
    staff.click("button[name=action][value=submit]")
    expect(staff.locator(".alert-success:not([hidden])")).to_have_text("ส่งพิจารณาแล้ว")
    expect(staff.locator("#lesson-status")).to_have_text("รอพิจารณา")

    office.goto("/lessons/review/")
    office.click("text=ธนาคารขยะของชุมชนริมคลอง")
    expect(office.locator("#revision-2")).to_be_visible()
    office.click("button[name=action][value=approve]")
    expect(office.locator("#lesson-status")).to_have_text("อนุมัติแล้ว")

    lesson = Lesson.objects.get()
    assert lesson.approved_revision.number == 2
    assert "400 กก." in lesson.approved_revision.results
