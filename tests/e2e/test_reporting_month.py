"""One district's month through every state in the browser, each step by the role it
belongs to: the district enters an activity of the month and submits (on a phone), its
mentor checks (Phra Nakhon is not a pilot district), the strategy office returns it with a
reason, the district submits again, the office approves: the month is locked, and the
district's edit by form and by import are refused with the month named. The office unlocks
it with a reason, the district corrects and submits again, the office approves again."""

import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from communities.io.resources import ACTIVITY_COLUMNS
from communities.models import Activity
from periods.models import ReportingMonth, month_label
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.e2e.conftest import DESKTOP, PHONE, log_in
from tests.reporting.factories import last_month, pair

pytestmark = pytest.mark.django_db(transaction=True)


def import_file(path, community, day) -> str:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ACTIVITY_COLUMNS.values()))
    sheet.append(["1001", community.code, "", "", f"{day.day}/{day.month}/{day.year + 543}",
                  "นำเข้าหลังอนุมัติ", "บัญชีครัวเรือน", "เข้าใจ", "", "12",
                  "0", "0", "0", "0", "0", "0", "", ""])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_month_goes_through_every_state(
    browser, live_server, tmp_path, staff_mentee, staff_bangphlat, strategy, bangphlat, phranakhon
):
    pair(bangphlat, phranakhon)
    month = last_month()
    address = f"/reporting/{phranakhon.code}/{month:%Y-%m}/"
    locked = f"เดือน{month_label(month)} ของเขตนี้อนุมัติแล้วและถูกล็อก"
    community = CommunityFactory(district=phranakhon, name="ชุมชนท่าช้าง", population=500)
    earlier = ActivityFactory(
        community=community, date=month.replace(day=3), title="ประชุมกรรมการชุมชน",
        participants_total=15, participants_women=5,
    )  # fmt: skip

    def page_for(user, viewport=DESKTOP):
        page = browser.new_context(viewport=viewport, base_url=live_server.url).new_page()
        page.set_default_timeout(15_000)
        # Sending asks "this sends …: N activities … to …" first: the user agrees.
        page.on("dialog", lambda dialog: dialog.accept())
        log_in(page, user.username)
        return page

    staff = page_for(staff_mentee, PHONE)
    mentor = page_for(staff_bangphlat)
    office = page_for(strategy)

    # open: the district enters one more activity of the month from the month's page
    # (up to its due date, early in this month, an open month reads "not due yet", not late)
    open_words = re.compile("ยังไม่ส่ง|ยังไม่ถึงกำหนด")
    staff.goto("/reporting/")
    expect(staff.locator(f"#my-months li[data-month='{month:%Y-%m}']")).to_contain_text(open_words)
    staff.goto(address)
    expect(staff.locator("#month-status")).to_have_text(open_words)
    staff.click("#add-activity-in-month")
    staff.select_option("select[name=community]", str(community.pk))
    staff.fill("input[name=title]", "อบรมการทำบัญชีครัวเรือน")
    staff.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    staff.select_option("select[name=model_step]", "understand")
    staff.fill("input[name=participants_total]", "25")
    staff.fill("input[name=participants_women]", "10")
    staff.click("button[name=save]")
    expect(staff.locator("h1")).to_have_text("อบรมการทำบัญชีครัวเรือน")

    # open → submitted, by the district
    staff.goto(address)
    expect(staff.locator("#live-summary")).to_contain_text("40")  # 15 + 25 participants
    staff.click("button[name=action][value=submit]")
    expect(staff.locator("#month-status")).to_have_text("ส่งแล้ว รอตรวจ")
    expect(staff.locator("button[name=action]")).to_have_count(0)  # nothing more is theirs

    # submitted → checked, by the mentor (who may not approve)
    mentor.goto(address)
    expect(mentor.locator("button[name=action][value=approve]")).to_have_count(0)
    mentor.fill("textarea[name=comment]", "ตัวเลขครบถ้วน")
    mentor.click("button[name=action][value=check]")
    expect(mentor.locator("#month-status")).to_have_text("พี่เลี้ยงตรวจแล้ว")

    # checked → returned with a reason, by the strategy office
    office.goto("/reporting/")
    expect(office.locator("#notice-bell")).to_contain_text("2")  # submitted, then checked
    office.click(f"#waiting a[href='{address}']")
    office.click("button[name=action][value=return]")  # no reason: refused
    expect(office.locator(".alert-danger")).to_contain_text("กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข")
    office.fill("textarea[name=comment]", "ขอเพิ่มกิจกรรมวันที่ 15 ที่ยังไม่ได้บันทึก")
    office.click("button[name=action][value=return]")
    expect(office.locator("#month-status")).to_have_text("ส่งกลับให้แก้ไข")

    # returned → submitted again, by the district, who read the reason
    staff.goto("/reporting/notices/")
    expect(staff.locator("#notices")).to_contain_text("ขอเพิ่มกิจกรรมวันที่ 15")
    staff.goto(address)
    expect(staff.locator("#thread")).to_contain_text("ขอเพิ่มกิจกรรมวันที่ 15 ที่ยังไม่ได้บันทึก")
    staff.click("button[name=action][value=submit]")
    expect(staff.locator("#month-status")).to_have_text("ส่งแล้ว รอตรวจ")

    # submitted → approved, by the strategy office: the month is locked
    office.goto(address)
    office.click("button[name=action][value=approve]")
    expect(office.locator("#month-status")).to_have_text("อนุมัติแล้ว")
    expect(office.locator("#locked-note")).to_be_visible()
    staff.goto("/reporting/")
    expect(staff.locator(f"#my-months li[data-month='{month:%Y-%m}']")).to_contain_text("อนุมัติแล้ว")
    staff.goto(address)
    expect(staff.locator("button[name=action]")).to_have_count(0)
    expect(staff.locator("#add-activity-in-month")).to_have_count(0)

    # a locked month refuses the district's edit by form …
    staff.goto(f"/communities/activities/{earlier.pk}/edit/")
    staff.fill("input[name=participants_total]", "18")
    staff.click("button[name=save]")
    expect(staff.get_by_text(locked).last).to_be_visible()
    # … and by import (the preview names the month; nothing can be confirmed)
    staff.goto("/communities/import/?kind=activities")
    staff.set_input_files("input[name=file]", import_file(tmp_path / "a.xlsx", community, month))
    staff.get_by_role("button", name="ตรวจสอบไฟล์").click()
    expect(staff.locator("#import-rows")).to_contain_text(locked)
    expect(staff.locator("button[name=mode][value=all]")).to_have_count(0)
    earlier.refresh_from_db()
    assert earlier.participants_total == 15
    assert not Activity.objects.filter(title="นำเข้าหลังอนุมัติ").exists()

    # approved → open, unlocked with a reason by the strategy office
    office.goto(address)
    office.click("button[name=action][value=unlock]")  # no reason: refused
    expect(office.locator(".alert-danger")).to_contain_text("กรุณาระบุเหตุผลที่ปลดล็อกเดือนนี้")
    office.fill("textarea[name=comment]", "เขตขอแก้จำนวนผู้เข้าร่วม")
    office.click("button[name=action][value=unlock]")
    expect(office.locator("#month-status")).to_have_text("ยังไม่ส่ง")

    # the district corrects the figure, submits; the office approves again (locked again)
    staff.goto(f"/communities/activities/{earlier.pk}/edit/")
    staff.fill("input[name=participants_total]", "18")
    staff.click("button[name=save]")
    expect(staff.locator("h1")).to_have_text("ประชุมกรรมการชุมชน")
    staff.goto(address)
    staff.click("button[name=action][value=submit]")
    expect(staff.locator("#month-status")).to_have_text("ส่งแล้ว รอตรวจ")
    office.goto(address)
    office.click("button[name=action][value=approve]")
    expect(office.locator("#month-status")).to_have_text("อนุมัติแล้ว")
    expect(office.locator("#locked-note")).to_be_visible()

    period = ReportingMonth.objects.get(district=phranakhon, month=month)
    assert [(t.action, t.by) for t in period.transitions.all()] == [
        ("submit", staff_mentee), ("check", staff_bangphlat), ("return", strategy),
        ("submit", staff_mentee), ("approve", strategy), ("unlock", strategy),
        ("submit", staff_mentee), ("approve", strategy),
    ]  # fmt: skip
    assert period.status == "approved" and period.summary["participants"] == 43
    assert period.transitions.get(action="unlock").comment == "เขตขอแก้จำนวนผู้เข้าร่วม"
