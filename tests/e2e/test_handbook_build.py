"""The strategy office builds a handbook edition, waits for it, downloads the PDF."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db(transaction=True)


def test_strategy_builds_an_edition_waits_for_ready_and_downloads(page, staff_bangphlat, strategy):
    approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต")
    log_in(page, strategy.username)
    page.goto("/handbook/")
    page.click("#build-form button[type=submit]")
    expect(page.locator("#status-label")).to_have_text("พร้อมดาวน์โหลด", timeout=60_000)
    with page.expect_download() as download_info:
        page.click("#download")
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
