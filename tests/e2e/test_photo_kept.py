"""An officer on a phone picks a photo, mistypes a number, fixes it: the photo is still there
and is saved with the activity."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from communities.models import ActivityPhoto
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_photo_survives_a_validation_error_on_a_phone(phone_page, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "orange").save(buffer, "JPEG")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto("/communities/activities/new/")
    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", "อบรมบัญชีครัวเรือน")
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.fill("input[name=participants_total]", "25")
    page.fill("input[name=participants_women]", "30")
    page.set_input_files(
        "input[name=photo]",
        files=[{"name": "field.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}],
    )
    page.fill("input[name=photo_caption]", "ผู้เข้าร่วมอบรม")
    page.click("button[name=save]")
    expect(page.get_by_text("เกินจำนวนผู้เข้าร่วมทั้งหมด").last).to_be_visible()  # summary + field
    thumb = page.locator("#pending-photo img")
    expect(thumb).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", thumb.element_handle()) > 0  # it loads
    shoot(page, "activity-photo-kept")

    page.fill("input[name=participants_women]", "15")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("อบรมบัญชีครัวเรือน")
    photo = ActivityPhoto.objects.get()
    assert photo.caption == "ผู้เข้าร่วมอบรม"
