"""The strategy office builds a handbook edition through the real database queue: the page
says it is queued, a worker builds it, the page refreshes itself to ready, the PDF downloads."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db(transaction=True)


def test_strategy_builds_an_edition_waits_for_ready_and_downloads(
    page, staff_bangphlat, strategy, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต")
    log_in(page, strategy.username)
    page.goto("/handbook/")
    page.click("#build-form button[type=submit]")
    expect(page.locator("#status-label")).to_have_text("รอคิว")
    assert page.locator("#download").count() == 0

    # The worker (`manage.py db_worker`, started by `make run`) takes the task.
    call_command("db_worker", "--batch", "--no-startup-delay")

    # No reload by the test: the page polls and refreshes itself.
    expect(page.locator("#status-label")).to_have_text("พร้อมดาวน์โหลด", timeout=30_000)
    expect(page.locator("#edition-status")).to_contain_text("หน้า")
    with page.expect_download() as download_info:
        page.click("#download")
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
