"""The API documentation page runs the vendored Swagger UI under the CSP, and a user creates
a token on the profile page and uses it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_docs_page_renders_the_schema_without_csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Bang Phlat Model Portal API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("ชุมชน / Communities").first).to_be_visible()
    assert violations == []


def test_a_user_creates_a_token_and_reads_the_api_with_it(page, staff_bangphlat):
    log_in(page, staff_bangphlat.username)
    page.click("#my-profile")  # the name in the top bar opens the profile page
    page.click("#my-tokens")
    page.fill("input[name=name]", "Power BI")
    page.click("#token-form button[type=submit]")
    raw = page.locator("#new-token code").inner_text()
    assert raw.startswith("bp_")
    response = page.request.get(
        "/api/v1/districts/1025/", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status == 200
    assert response.json()["name_th"] == "บางพลัด"
    page.click("#tokens button[type=submit]")
    expect(page.locator("#tokens")).to_contain_text("ยกเลิกแล้ว")
