"""On a phone: from the notices page to /accounts/line/, the code and the add-friend QR on
screen; the code sent in LINE (a signed webhook call) links the account; unlink."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.lineoa.conftest import _server, event, line, sign, webhook_body  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_user_links_line_with_the_code_on_a_phone_and_unlinks_it(
    phone_page,
    staff_bangphlat,
    line,  # noqa: F811
):
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto("/reporting/notices/")
    page.click("#line-link")
    code_box = page.locator("[data-line-link-code]")
    expect(code_box).to_be_visible()
    expect(page.locator("svg.qr-code")).to_be_visible()
    code = code_box.get_attribute("data-line-link-code")
    assert code_box.inner_text() == code and len(code) == 8
    body = webhook_body(event("text", "U-phone", text=code))
    response = page.request.post(
        "/line/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "X-Line-Signature": sign(body)},
    )
    assert response.status == 200
    assert "เชื่อมบัญชี" in line.replies[0].body["messages"][0]["text"]
    page.reload()
    expect(page.locator("#line-linked")).to_contain_text("เชื่อมบัญชี LINE แล้ว")
    page.get_by_role("button", name="เลิกเชื่อมบัญชี LINE").click()
    expect(page.locator("body")).to_contain_text("เลิกเชื่อมบัญชี LINE แล้ว")
    expect(page.locator("[data-line-link-code]")).to_be_visible()
