"""District staff on a phone write a lesson: each section previews as they type, and an old
activity is found with the picker and linked."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from lessons.models import SECTION_FIELDS, Lesson
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_preview_sections_and_pick_an_old_activity_on_a_phone(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    old = ActivityFactory(community=community, title="ธนาคารขยะ", date=dt.date(2020, 1, 5))
    ActivityFactory.create_batch(12, community=community, title="ประชุมประจำเดือน")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto("/lessons/new/")
    page.fill("input[name=title]", "ธนาคารขยะริมคลอง")
    page.select_option("select[name=step]", "understand")
    page.fill("textarea[name=background]", "ชุมชน **ริมคลอง** มีขยะมาก\n\n- ข้อ 1")
    preview = page.locator("[data-preview-for=background]")
    expect(preview.locator("strong")).to_have_text("ริมคลอง")
    expect(preview.locator("li")).to_have_text("ข้อ 1")
    for name in SECTION_FIELDS:
        if name != "background":
            page.fill(f"textarea[name={name}]", f"ข้อความ {name}")

    expect(page.locator("#div_id_activities").get_by_text("ธนาคารขยะ", exact=False)).to_have_count(
        0
    )
    page.fill("#activity-search", "ธนาคาร")
    page.locator("#activity-results button").first.click()
    expect(page.locator(f"input[name=activities][value='{old.pk}']")).to_be_checked()
    shoot(page, "lesson-form")
    page.click("#lesson-form button[type=submit]")
    expect(page.locator(".alert-success:not([hidden])")).to_contain_text("บันทึกฉบับร่างแล้ว")
    assert list(Lesson.objects.get().activities.all()) == [old]


def test_related_communities_are_found_by_typing_not_among_dozens_of_boxes(
    page, staff_bangphlat, bangphlat
):
    for n in range(30):
        CommunityFactory(district=bangphlat, name=f"ชุมชนซอย {n + 1}")
    riverside = CommunityFactory(district=bangphlat, name="ชุมชนริมคลองบางพลัด")
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, staff_bangphlat.username)
    page.goto("/lessons/new/")
    places = page.locator("#div_id_communities .form-check")
    expect(places.first).to_be_hidden()  # none ticked, nothing typed: no wall of boxes
    page.fill("#community-search", "ริมคลอง")
    expect(page.locator("#div_id_communities .form-check:visible")).to_have_count(1)
    page.get_by_label("ชุมชนริมคลองบางพลัด").check()
    page.fill("#community-search", "ซอย 1")
    expect(page.get_by_label("ชุมชนริมคลองบางพลัด")).to_be_visible()  # the ticked one stays
    expect(page.locator("#div_id_communities")).to_contain_text("เลือกแล้ว 1 ชุมชน")
    page.get_by_role("button", name="แสดงทุกชุมชน").click()
    expect(page.locator("#div_id_communities .form-check:visible")).to_have_count(31)
    page.fill("#community-search", "")
    page.get_by_role("button", name="แสดงทุกชุมชน").click()
    expect(page.locator("#div_id_communities .form-check:visible")).to_have_count(1)
    assert page.locator(f"input[name=communities][value='{riverside.pk}']").is_checked()
    shoot(page, "lesson-communities")
