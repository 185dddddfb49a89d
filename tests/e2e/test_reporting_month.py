"""One district's month through every state in the browser: the district submits (on a
phone), its mentor checks, the strategy office returns it with a reason, the district
submits again, the office approves (the month is locked), then unlocks it with a reason."""

import pytest
from playwright.sync_api import expect

from reporting.models import ReportingMonth
from tests.e2e.conftest import DESKTOP, PHONE, log_in
from tests.reporting.factories import last_month, pair

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_month_goes_through_every_state(
    browser, live_server, staff_mentee, staff_bangphlat, strategy, bangphlat, phranakhon
):
    pair(bangphlat, phranakhon)
    month = last_month()
    address = f"/reporting/{phranakhon.code}/{month:%Y-%m}/"

    def page_for(user, viewport=DESKTOP):
        page = browser.new_context(viewport=viewport, base_url=live_server.url).new_page()
        page.set_default_timeout(15_000)
        log_in(page, user.username)
        return page

    staff = page_for(staff_mentee, PHONE)
    mentor = page_for(staff_bangphlat)
    office = page_for(strategy)

    staff.goto("/reporting/")
    row = staff.locator("tr[data-district='1001']")
    expect(row).to_contain_text("ยังไม่ส่ง")
    staff.goto(address)
    expect(staff.locator("#month-status")).to_have_text("ยังไม่ส่ง")
    staff.click("button[name=action][value=submit]")
    expect(staff.locator("#month-status")).to_have_text("ส่งแล้ว รอตรวจ")

    mentor.goto(address)
    mentor.fill("textarea[name=comment]", "ตัวเลขครบถ้วน")
    mentor.click("button[name=action][value=check]")
    expect(mentor.locator("#month-status")).to_have_text("พี่เลี้ยงตรวจแล้ว")

    office.goto("/reporting/")
    expect(office.locator("#notice-bell")).to_contain_text("2")  # submitted, then checked
    office.click(f"#waiting a[href='{address}']")
    office.fill("textarea[name=comment]", "ขอเพิ่มกิจกรรมวันที่ 15 ที่ยังไม่ได้บันทึก")
    office.click("button[name=action][value=return]")
    expect(office.locator("#month-status")).to_have_text("ส่งกลับให้แก้ไข")

    staff.goto("/reporting/notices/")
    expect(staff.locator("#notices")).to_contain_text("ขอเพิ่มกิจกรรมวันที่ 15")
    staff.goto(address)
    expect(staff.locator("#thread")).to_contain_text("ขอเพิ่มกิจกรรมวันที่ 15 ที่ยังไม่ได้บันทึก")
    staff.click("button[name=action][value=submit]")
    expect(staff.locator("#month-status")).to_have_text("ส่งแล้ว รอตรวจ")

    office.goto(address)
    office.click("button[name=action][value=approve]")
    expect(office.locator("#month-status")).to_have_text("อนุมัติแล้ว")
    expect(office.locator("#locked-note")).to_be_visible()

    staff.goto("/reporting/")
    expect(staff.locator("tr[data-district='1001']")).to_contain_text("อนุมัติแล้ว")
    staff.goto(address)
    expect(staff.locator("button[name=action]")).to_have_count(0)

    office.goto(address)
    office.click("button[name=action][value=unlock]")  # no reason: refused
    expect(office.locator(".alert-danger")).to_contain_text("กรุณาระบุเหตุผลที่ปลดล็อกเดือนนี้")
    office.fill("textarea[name=comment]", "เขตขอแก้จำนวนผู้เข้าร่วม")
    office.click("button[name=action][value=unlock]")
    expect(office.locator("#month-status")).to_have_text("ยังไม่ส่ง")

    period = ReportingMonth.objects.get(district=phranakhon, month=month)
    assert [t.action for t in period.transitions.all()] == [
        "submit", "check", "return", "submit", "approve", "unlock",
    ]  # fmt: skip
