"""A save that fails says so where the eye is: the focus is on a summary of what to fix, each
line a link to its field; on a phone the first red field is on the screen."""

import pytest
from playwright.sync_api import expect

from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)
FORM = "/communities/activities/new/"


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_failed_save_focuses_the_summary_whose_links_lead_to_each_field(
    page, staff_bangphlat, bangphlat
):
    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    page.fill("input[name=title]", "ประชุมชุมชน")
    page.fill("input[name=date]", "31/2/2568")
    page.click("button[name=save]")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("ยังบันทึกไม่ได้")
    expect(summary.get_by_role("link", name="ชุมชน: กรุณากรอกช่องนี้")).to_be_visible()
    date_link = summary.get_by_role("link", name="วันที่จัดกิจกรรม: วันที่ไม่ถูกต้อง", exact=False)
    expect(date_link).to_be_visible()
    shoot(page, "error-summary")
    date_link.click()
    field = page.locator("input[name=date]")
    expect(field).to_be_focused()
    assert in_view(page, page.locator("label[for=id_date]"))
    # The radio-like lists and the participant counts are reached as well.
    summary.get_by_role("link", name="ผู้เข้าร่วมทั้งหมด", exact=False).click()
    expect(page.locator("input[name=participants_total]")).to_be_focused()


def test_on_a_phone_the_first_red_field_is_in_view_after_a_failed_save(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", "ประชุมชุมชน")
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.fill("input[name=participants_total]", "10")
    page.fill("input[name=participants_women]", "30")  # more than all the participants
    page.click("button[name=save]")
    expect(page.locator("#error-summary")).to_be_focused()
    women = page.locator("input[name=participants_women]")
    expect(women).to_have_attribute("aria-invalid", "true")
    assert in_view(page, women)
    shoot(page, "error-summary-phone")


def test_a_failed_login_and_a_failed_community_save_show_the_same_summary(
    page, staff_bangphlat, bangphlat
):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", staff_bangphlat.username)
    page.fill("input[name=password]", "wrong")
    page.press("input[name=password]", "Enter")
    expect(page.locator("#error-summary")).to_be_focused()
    log_in(page, staff_bangphlat.username)
    page.goto("/communities/new/")
    page.click("form[data-geo-form] button[type=submit]")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="ชื่อชุมชน", exact=False)).to_be_visible()
