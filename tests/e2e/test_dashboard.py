"""The strategy office opens the dashboard, filters by zone group and clicks a tile."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_strategy_filters_by_zone_group_and_clicks_a_tile(page, strategy):
    log_in(page, strategy.username)
    page.click("nav >> text=แดชบอร์ด")
    expect(page.locator("h1")).to_contain_text("แดชบอร์ดการขยายผล")
    expect(page.locator("svg.tile-map a.tile")).to_have_count(50)
    page.select_option("#id_zone_group", label="กลุ่มกรุงธนเหนือ")  # submits on change
    expect(page.locator("#district-table tbody tr")).to_have_count(8)
    assert "zone_group=northern-krung-thon" in page.url
    page.locator("svg.tile-map a.tile[data-code='1025']").click()
    expect(page.locator("h1")).to_contain_text("เขตบางพลัด")
    assert page.url.endswith("/districts/1025/")
