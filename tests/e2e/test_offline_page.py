"""Offline with names: the entries waiting on the phone are listed by title, every page of
the portal that cannot open offline shows a Thai offline page with that list instead of the
browser's error, and once sent the officer reads which were sent, each a link."""

import pytest
from playwright.sync_api import expect

from communities.models import Activity
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot
from tests.e2e.test_offline_entry import FORM, fill, wait_for

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}  # the desktop the issue was tried on
KEPT = """async (urls) => (await navigator.serviceWorker.ready)
  && (await Promise.all(urls.map((url) => caches.match(url)))).every(Boolean)"""


def go_offline_with_two_entries(page, officer, community):
    log_in(page, officer.username)
    page.goto(FORM)
    wait_for(lambda: page.evaluate(KEPT, [FORM, "/offline/"]), timeout=30)
    page.context.set_offline(True)
    page.goto(FORM)
    for n, title in enumerate(("อบรมบัญชีครัวเรือน", "ปลูกผักสวนครัว"), start=1):
        fill(page, community, title)
        page.click("button[name=save]")
        # As an officer does: the next entry is typed once the form has emptied after keeping
        # this one. Typed sooner, the emptying can wipe half of it (a red CI: the second entry
        # was kept without its community and the server refused it).
        expect(page.locator("#offline-queue")).to_contain_text(f"รอส่ง ({n})")


def test_the_waiting_list_names_each_entry_and_any_page_offline_shows_it(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    go_offline_with_two_entries(page, staff_bangphlat, community)
    waiting = page.locator("#offline-entries [data-offline-waiting] li")
    expect(waiting).to_have_count(2)
    expect(waiting.first).to_contain_text("อบรมบัญชีครัวเรือน · ชุมชนร่วมใจพัฒนา")
    expect(waiting.nth(1)).to_contain_text("ปลูกผักสวนครัว · ชุมชนร่วมใจพัฒนา")

    response = page.goto("/communities/")  # never opened on this phone
    assert response.from_service_worker
    expect(page.locator("h1")).to_have_text("ไม่มีการเชื่อมต่ออินเทอร์เน็ต")
    expect(page.locator("#offline-entries")).to_contain_text("รอส่ง (2)")
    expect(page.locator("#offline-entries [data-offline-waiting] li")).to_have_count(2)
    expect(page.get_by_role("link", name="บันทึกกิจกรรม").last).to_be_visible()
    shoot(page, "offline-page")
    page.goto("/lessons/")  # any other page too
    expect(page.locator("h1")).to_have_text("ไม่มีการเชื่อมต่ออินเทอร์เน็ต")

    page.context.set_offline(False)  # the `online` event sends them
    sent = page.locator("#offline-entries [data-offline-sent]")
    expect(sent).to_be_visible(timeout=20_000)
    expect(sent.get_by_role("link")).to_have_count(2)
    assert Activity.objects.count() == 2
    shoot(page, "offline-sent")
    page.goto(FORM)  # the list of what was sent stays until the officer has seen it
    link = page.locator("#offline-entries [data-offline-sent]").get_by_role(
        "link", name="ปลูกผักสวนครัว", exact=False
    )
    link.click()
    expect(page.locator("h1")).to_have_text("ปลูกผักสวนครัว")
    page.goto(FORM)
    page.get_by_role("button", name="รับทราบ").click()
    expect(page.locator("#offline-entries [data-offline-sent]")).to_be_hidden()


def test_the_offline_page_says_so_when_nothing_waits(page, staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat)
    page.set_viewport_size(WIDE)
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    wait_for(lambda: page.evaluate(KEPT, [FORM, "/offline/"]), timeout=30)
    page.context.set_offline(True)
    page.goto("/mentoring/")
    expect(page.locator("h1")).to_have_text("ไม่มีการเชื่อมต่ออินเทอร์เน็ต")
    expect(page.locator("#offline-entries")).to_contain_text("ไม่มีรายการรอส่งในเครื่องนี้")
    shoot(page, "offline-page")
