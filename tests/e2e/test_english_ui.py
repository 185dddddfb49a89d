"""At laptop width the navbar stays on one line; the English UI reads as it should."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
LAPTOP = {"width": 1366, "height": 768}
# Set SCREENSHOTS=/some/dir to keep what the browser saw.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")


def _signed_in(page, user, language="en"):
    page.set_viewport_size(LAPTOP)
    log_in(page, user.username)
    page.click(f"button[name=language][value={language}]")
    expect(page.locator("html")).to_have_attribute("lang", language)


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def _one_line(locator) -> bool:
    """A single line of text: its box is no taller than about 1.6 line heights."""
    return locator.evaluate(
        "el => el.getBoundingClientRect().height"
        " < 1.6 * parseFloat(getComputedStyle(el).lineHeight) + 2 * 8"
    )


@pytest.mark.parametrize("language", ["en", "th"])
@pytest.mark.parametrize("role", ["strategy", "portal_admin", "staff_bangphlat"])
def test_navbar_fits_on_one_line_at_1366_px_in_both_languages(page, request, role, language):
    _signed_in(page, request.getfixturevalue(role), language)
    page.goto("/lessons/")
    _shot(page, f"{language}-lessons-1366-{role}")
    logout = page.locator("form[action$='/logout/'] button")
    expect(logout).to_have_text("Log out" if language == "en" else "ออกจากระบบ")
    assert _one_line(logout), "the Log out button wraps"
    tops = page.locator("#mainnav .nav-link").evaluate_all(
        "links => links.map(a => Math.round(a.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, f"the menu wraps onto {len(set(tops))} lines"
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"], "overflow"
    expect(page.locator("#mainnav")).to_contain_text("Communities" if language == "en" else "ชุมชน")


def test_english_community_form_has_a_save_button_not_notes(page, staff_bangphlat):
    _signed_in(page, staff_bangphlat)
    page.goto("/communities/new/")
    _shot(page, "en-community-form-1366")
    expect(page.locator("form button[type=submit].btn-bp")).to_have_text("Save")
    expect(page.locator("body")).not_to_contain_text("Select an option")
