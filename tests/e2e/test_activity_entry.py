"""District staff record an activity from a phone in the field."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import Activity
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff1025_adds_an_activity_on_a_phone(phone_page, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.get_by_role("link", name="+ บันทึกกิจกรรม").first.click()
    expect(page.locator("h1")).to_have_text("บันทึกกิจกรรม")

    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", "อบรมการทำบัญชีครัวเรือน")
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.check("input[name=principles][value=moderation]")
    page.fill("input[name=participants_total]", "25")
    page.fill("input[name=participants_women]", "30")  # more than the total: must be refused
    page.click("button[name=save]")
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    # Said twice: in the error summary (a link to the field) and under the field itself.
    expect(page.get_by_text("เกินจำนวนผู้เข้าร่วมทั้งหมด").last).to_be_visible()
    assert page.input_value("input[name=title]") == "อบรมการทำบัญชีครัวเรือน"  # nothing lost

    page.fill("input[name=participants_women]", "15")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("อบรมการทำบัญชีครัวเรือน")
    activity = Activity.objects.get()
    assert (activity.community, activity.participants_women, activity.created_by) == (
        community,
        15,
        staff_bangphlat,
    )
    assert activity.date == timezone.localdate()  # the form's default: today in Bangkok


def test_a_double_tap_on_save_sends_the_activity_once(phone_page, staff_bangphlat, bangphlat):
    """After the first tap the form sends nothing more and its buttons are disabled (the
    server would apply a repeat once anyway, by the form's one-time key). The page sends the
    form itself (static/js/offline_entry.js: progress bar, kept when offline)."""
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto("/communities/activities/new/")
    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", "ตลาดนัดชุมชน")
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.fill("input[name=participants_total]", "12")
    page.fill("input[name=participants_women]", "4")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    # Tap twice within one moment.
    disabled = page.evaluate(
        """() => new Promise((resolve) => {
            const save = document.querySelector("button[name=save]");
            save.click();
            save.form.requestSubmit(save);
            setTimeout(() => resolve(save.disabled), 0);
        })"""
    )
    assert disabled
    expect(page.locator("h1")).to_have_text("ตลาดนัดชุมชน")
    assert len(posts) == 1  # the second tap sent nothing
    assert Activity.objects.filter(title="ตลาดนัดชุมชน").count() == 1
