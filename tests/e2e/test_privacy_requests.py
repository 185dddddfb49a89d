"""The officer's path on a phone and a desktop: find, read the table, confirm, erase."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

# In tests/e2e so that its one session-wide browser serves this test too (a second
# sync_playwright in the same process fails).
from tests.privacy.conftest import NAME, everywhere  # noqa: F401 - fixture
from tests.training.conftest import course, run  # noqa: F401 - fixtures of "everywhere"

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(pg, name):
    assert pg.evaluate("document.documentElement.scrollWidth") <= pg.viewport_size["width"] + 1
    if SHOTS:
        pg.screenshot(path=os.path.join(SHOTS, f"privacy-{name}.png"), full_page=True)


@pytest.mark.parametrize("size", ["page", "phone_page"])
def test_the_officer_finds_confirms_and_erases(request, size, portal_admin, everywhere):  # noqa: F811
    pg = request.getfixturevalue(size)
    log_in(pg, portal_admin.username)
    pg.goto("/privacy/requests/")
    pg.fill("#id_q", "สมชาย ใจดี")
    pg.click("#find-form button")
    expect(pg.locator("#result-summary")).to_be_visible()
    _shot(pg, f"find-{size}")
    pg.click("#erase-start button")
    expect(pg.locator("#change-table")).to_be_visible()
    pg.fill("#id_reason", "คำขอเลขที่ 12/2569")
    pg.check("#id_confirm")
    _shot(pg, f"confirm-{size}")
    pg.click("#erase-form button[type=submit]")
    expect(pg.locator("#log-table")).to_contain_text("บุคคล-")
    _shot(pg, f"log-{size}")
    pg.goto("/privacy/requests/")
    pg.fill("#id_q", NAME)
    pg.click("#find-form button")
    expect(pg.locator("#nothing-found")).to_be_visible()
