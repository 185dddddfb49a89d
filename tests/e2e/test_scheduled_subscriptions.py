"""The monthly report page on a phone and a desktop: a strategy officer subscribes to the
Bangkok report on the 5th by e-mail and sees it listed."""

import os

import pytest

from accounts.models import Role
from tests.conftest import make_user
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCREENSHOT_DIR")  # set it to keep the screenshots


@pytest.mark.parametrize("fixture", ["phone_page", "page"])
def test_a_strategy_officer_subscribes_on_a_phone_and_a_desktop(request, fixture):
    page = request.getfixturevalue(fixture)
    if fixture == "page":
        page.set_viewport_size({"width": 1366, "height": 900})  # the office's laptops
    make_user("strategy_e2e", Role.STRATEGY, email="office@example.org")
    log_in(page, "strategy_e2e")
    page.goto("/reports/monthly/")
    page.select_option("select[name=scope]", "city")
    page.select_option("select[name=day]", "5")
    page.click("#subscription-form button[type=submit]")
    page.wait_for_load_state()
    item = page.locator("#subscriptions li").first
    assert "ทั้งกรุงเทพมหานคร (50 เขต)" in item.inner_text()
    assert "วันที่ 5" in item.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # nothing sticks out sideways on a phone
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/scheduled-{page.viewport_size['width']}.png", full_page=True)
