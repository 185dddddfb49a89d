"""A district user logs in, lands on their district, and switches language both ways."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff1025_lands_on_bang_phlat_and_switches_to_english_and_back(page, staff_bangphlat):
    log_in(page, staff_bangphlat.username)
    expect(page.locator("h1")).to_contain_text("เขตบางพลัด")
    assert page.url.endswith("/districts/1025/")
    expect(page.locator("html")).to_have_attribute("lang", "th")

    page.click("button[name=language][value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Bang Phlat District")

    page.click("button[name=language][value=th]")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("h1")).to_contain_text("เขตบางพลัด")
