"""The strategy office opens the evaluation from the menu on a phone and on a desktop: the
chart is drawn (points, error bars, band) and fits the screen."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.evaluation.test_compute import build

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _check(page, strategy, name):
    log_in(page, strategy.username)
    page.goto("/evaluation/")
    expect(page.locator("#headline-text")).to_contain_text("จุดร้อยละ")
    # Drawn twice (phone and wide widths); the page shows the one that fits.
    chart = page.locator("#event-study svg.chart:visible")
    expect(chart.locator("circle.point")).to_have_count(3)
    expect(chart.locator("line.error-bar")).to_have_count(3)
    expect(chart.locator("polygon.band")).to_have_count(1)
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.select_option("#id_outcome", "welfare_card_households")
    page.click("#evaluation-form button")
    expect(page.locator("#headline h2")).to_contain_text("บัตรสวัสดิการ")
    page.select_option("#id_outcome", "income_in_need")
    page.click("#evaluation-form button")
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"evaluation-{name}.png"), full_page=True)


def test_desktop(browser, live_server, strategy):
    build(strategy, noise=True)
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="th-TH", base_url=live_server.url
    )
    try:
        _check(context.new_page(), strategy, "1366")
    finally:
        context.close()


def test_phone(phone_page, strategy):
    build(strategy, noise=True)
    _check(phone_page, strategy, "390")
