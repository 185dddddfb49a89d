"""An officer types a Buddhist-Era date, or picks one from the B.E. calendar by keyboard alone,
saves, and reads the same date back; the field says how it reads what was typed."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import Activity
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)
FORM = "/communities/activities/new/"
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]  # fmt: skip


def fill_the_rest(page, community, title):
    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", title)
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.fill("input[name=participants_total]", "12")


def test_a_typed_buddhist_era_date_is_read_aloud_saved_and_shown_again(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    day = timezone.localdate().replace(day=1)
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    field = page.locator("input[name=date]")
    assert field.get_attribute("type") == "text"  # not the browser's Gregorian picker
    field.fill("")
    field.press_sequentially(f"วันที่ 1 {MONTHS[day.month - 1]} พ.ศ. {day.year + 543}")
    field.press("Tab")
    echo = page.locator(".thai-date-echo")
    expect(echo).to_contain_text(f"1 {MONTHS[day.month - 1]} พ.ศ. {day.year + 543}")
    fill_the_rest(page, community, "ประชุมวางแผน")
    shoot(page, "date-typed")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("ประชุมวางแผน")
    activity = Activity.objects.get()
    assert activity.date == day
    page.goto(f"/communities/activities/{activity.pk}/edit/")
    expect(page.locator("input[name=date]")).to_have_value(f"1/{day.month}/{day.year + 543}")


def test_the_calendar_picks_a_day_by_keyboard_in_buddhist_era(page, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    today = timezone.localdate()
    start = today.replace(day=2) if today.day > 3 else today.replace(day=1) - dt.timedelta(days=20)
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    field = page.locator("input[name=date]")
    field.fill(f"{start.day}/{start.month}/{start.year + 543}")
    field.focus()
    page.keyboard.press("Tab")  # to the calendar button
    opener = page.get_by_role("button", name="เลือกวันที่จากปฏิทิน")
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="เลือกวันที่จากปฏิทิน")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("ปี พ.ศ.")).to_have_value(str(start.year))
    expect(dialog.locator("select").first.locator("option:checked")).to_have_text(
        MONTHS[start.month - 1]
    )
    focused = page.locator("button[data-day]:focus")
    expect(focused).to_have_attribute("data-day", start.isoformat())
    # Each day says itself in full, in B.E.
    spoken = f"{start.day} {MONTHS[start.month - 1]} พ.ศ. {start.year + 543}"
    expect(focused).to_have_attribute("aria-label", re.compile(spoken))
    page.keyboard.press("ArrowRight")
    picked = start + dt.timedelta(days=1)
    expect(page.locator("button[data-day]:focus")).to_have_attribute("data-day", picked.isoformat())
    shoot(page, "date-calendar")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(field).to_be_focused()
    expect(field).to_have_value(f"{picked.day}/{picked.month}/{picked.year + 543}")
    # Escape closes without choosing.
    page.keyboard.press("Alt+ArrowDown")
    expect(dialog).to_be_visible()
    page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(field).to_have_value(f"{picked.day}/{picked.month}/{picked.year + 543}")
    fill_the_rest(page, community, "อบรมบัญชีครัวเรือน")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("อบรมบัญชีครัวเรือน")
    assert Activity.objects.get().date == picked


def test_the_calendar_on_a_phone_fits_the_screen(phone_page, staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat)
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    page.get_by_role("button", name="เลือกวันที่จากปฏิทิน").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "date-calendar")
