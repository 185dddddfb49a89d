"""An officer standing in a community fills its position from the phone's GPS; a point far
from the district is warned before saving and refused until confirmed."""

import pytest
from playwright.sync_api import expect

from communities.models import Community
from tests.e2e.conftest import PHONE, log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gps_phone(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, locale="th-TH", base_url=live_server.url, is_mobile=True,
        has_touch=True, geolocation={"latitude": 13.79321, "longitude": 100.49876},
        permissions=["geolocation"],
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_officer_uses_the_current_location_and_is_warned_of_a_far_point(
    gps_phone, staff_bangphlat, bangphlat
):
    page = gps_phone
    log_in(page, staff_bangphlat.username)
    page.goto("/communities/new/")
    page.fill("input[name=name]", "ชุมชนริมน้ำ")
    page.select_option("select[name=community_type]", "urban")
    page.fill("input[name=population]", "850")  # required, and no longer pre-filled with 0
    page.click("text=ใช้ตำแหน่งปัจจุบัน")
    expect(page.locator("input[name=latitude]")).to_have_value("13.79321")
    expect(page.locator("input[name=longitude]")).to_have_value("100.49876")
    expect(page.locator("[data-geolocate-warning]")).to_be_hidden()

    page.fill("input[name=longitude]", "100.89876")  # a digit off: ~43 km away
    expect(page.locator("[data-geolocate-warning]")).to_contain_text("ห่างจากกลางเขตบางพลัด")
    shoot(page, "community-gps-warning")
    page.click("button[type=submit]:has-text('บันทึก')")
    expect(page.locator("main")).to_contain_text("ติ๊ก “ยืนยันตำแหน่ง”")
    assert not Community.objects.exists()

    page.fill("input[name=longitude]", "100.49876")
    page.click("button[type=submit]:has-text('บันทึก')")
    expect(page.locator("h1")).to_contain_text("ชุมชนริมน้ำ")
    community = Community.objects.get()
    assert (str(community.latitude), str(community.longitude)) == ("13.79321", "100.49876")
