"""An officer on a phone finds what they entered last and the activities of a month."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS")  # a folder: save pages at phone and desktop widths


def shoot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{page.viewport_size['width']}.png", full_page=True)


def test_officer_edits_a_recent_entry_and_filters_the_list_by_month(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    ActivityFactory(community=community, title="ออมทรัพย์เดือนสิงหา", date=dt.date(2025, 8, 4))
    ActivityFactory(
        community=community,
        title="อบรมบัญชีครัวเรือน",
        date=dt.date(2025, 9, 3),
        created_by=staff_bangphlat,
    )
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto("/districts/1025/")
    panel = page.locator("#my-recent-entries")
    expect(panel.get_by_text("รายการล่าสุดของฉัน")).to_be_visible()
    expect(panel.locator(".recent-entry")).to_have_count(1)
    shoot(page, "district-recent")
    panel.get_by_role("link", name="แก้ไข").click()
    page.fill("input[name=title]", "อบรมบัญชีครัวเรือน รุ่น 2")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("อบรมบัญชีครัวเรือน รุ่น 2")

    page.goto("/communities/activities/")
    expect(page.locator(".activity-title")).to_have_count(2)
    expect(page.locator("#activity-table th", has_text="เขต")).to_have_count(0)
    page.fill("input[name=month]", "2025-08")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.locator(".activity-title")).to_have_text(["ออมทรัพย์เดือนสิงหา"])
    shoot(page, "activity-list")


def test_desktop_screenshots_of_the_lists(page, strategy, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา", number=1)
    ActivityFactory(community=community, title="อบรมบัญชีครัวเรือน", created_by=staff_bangphlat)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, staff_bangphlat.username)
    page.goto("/districts/1025/")
    expect(page.locator("#my-recent-entries .recent-entry")).to_have_count(1)
    shoot(page, "district-recent")
    page.goto("/communities/activities/")
    expect(page.locator(".activity-title")).to_have_count(1)
    shoot(page, "activity-list")
    page.goto("/communities/new/")
    expect(page.locator("input[name=number]")).to_have_attribute("placeholder", "2")
    shoot(page, "community-form")
