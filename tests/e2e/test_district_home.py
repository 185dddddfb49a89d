"""On a phone, a district officer's first screen is what to do now: record an activity and add
a community are in view without scrolling, the district's facts are folded; a mentor's
mentoring page opens on its own mentees."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_first_phone_screen_says_what_to_do(phone_page, staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat, name="ชุมชนริมน้ำ")
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto("/")
    expect(phone_page.locator("#tasks-title")).to_have_text("สิ่งที่ต้องทำตอนนี้")
    expect(phone_page.locator("#task-record-activity")).to_be_in_viewport()
    expect(phone_page.locator("#task-add-community")).to_be_in_viewport()
    expect(phone_page.locator("#task-report")).to_be_in_viewport()
    expect(phone_page.locator("#district-facts dl")).to_be_hidden()  # folded away
    phone_page.click("#district-facts summary")
    expect(phone_page.locator("#district-facts dl")).to_contain_text("พิกัดกึ่งกลางเขต")
    phone_page.click("#task-add-community")
    expect(phone_page.locator("h1")).to_contain_text("ชุมชน")


def test_a_mentor_opens_the_mentoring_menu_on_its_mentees(
    phone_page, staff_bangphlat, bangphlat, phranakhon
):
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date=dt.date(2025, 1, 1),
        status=PairingStatus.ACTIVE,
    )  # fmt: skip
    log_in(phone_page, staff_bangphlat.username)
    phone_page.goto("/mentoring/")
    expect(phone_page.locator("#my-mentees")).to_be_in_viewport()
    phone_page.click("#my-mentees a.mentee-link")
    expect(phone_page.locator("h1")).to_contain_text("เขตพระนคร")
