"""The record of processing (/privacy/) reads on a phone and on a laptop, in Thai and
English: no sideways scrolling, every category's card with its retention, the footer link."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
# Set SCREENSHOTS=/some/dir to keep what the browser saw.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")
SIZES = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 768}}


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("size", ["390", "1366"])
def test_the_record_of_processing_reads_at_phone_and_laptop_width(
    page, staff_bangphlat, size, language
):
    page.set_viewport_size(SIZES["1366"])  # the language buttons sit in the phone's menu
    log_in(page, staff_bangphlat.username)
    page.click(f"button[name=language][value={language}]")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.set_viewport_size(SIZES[size])
    page.click("#footer-privacy")
    expect(page).to_have_url(f"{page.url.split('/privacy/')[0]}/privacy/")
    expect(page.locator(".privacy-category")).to_have_count(7)
    retention = page.locator("#category-training_participants .privacy-retention")
    expect(retention).to_contain_text("2 years" if language == "en" else "2 ปี")
    if SCREENSHOTS:
        page.screenshot(
            path=os.path.join(SCREENSHOTS, f"privacy-{language}-{size}.png"), full_page=True
        )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], "the page scrolls sideways"
