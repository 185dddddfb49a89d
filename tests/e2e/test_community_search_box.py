"""The strategy office finds a community in the activity list by typing part of its name: the
suggestions are a listbox the keyboard can walk, and choosing one filters the list."""

import pytest
from playwright.sync_api import expect

from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_type_part_of_a_name_walk_the_suggestions_and_filter(
    page, phone_page, size, strategy, bangphlat
):
    page = page if size == "desktop" else phone_page
    riverside = CommunityFactory(district=bangphlat, name="ชุมชนริมคลองบางพลัด")
    CommunityFactory(district=bangphlat, name="ชุมชนริมคลองวัดใหม่")
    ActivityFactory(community=riverside, title="ตลาดนัดริมคลอง")
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ประชุมที่อื่น")
    log_in(page, strategy.username)
    page.goto("/communities/activities/")
    box = page.locator("#id_community_name")
    expect(box).to_have_attribute("role", "combobox")
    box.press_sequentially("ริมคลอง")
    options = page.locator("#community-options [role=option]")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    shoot(page, "community-search")
    names = options.evaluate_all("(items) => items.map((li) => li.dataset.name)")
    wanted = names.index(riverside.name)
    for _ in range(wanted + 1):
        box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", f"community-options-{wanted}")
    expect(options.nth(wanted)).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(f"**community={riverside.pk}*")
    expect(page.locator("#id_community_name")).to_have_value(riverside.name)
    expect(page.locator(".activity-title")).to_have_text(["ตลาดนัดริมคลอง"])
    shoot(page, "community-chosen")
