"""Chromium drives the production stack that scripts/prod-smoke started (nginx → gunicorn →
PostgreSQL, with the task worker). Exits non-zero, saying which step failed.

1. District staff (staff1025) record an activity with a 12 MP photo on a phone: the page shrinks
   it before sending, and they see its thumbnail.
2. The photo's URL is refused to another district's staff (404) and to anonymous users (login).
3. The strategy office builds the handbook through the real worker and downloads the PDF.
4. The service worker and the web app manifest come through nginx, and every file the worker
   keeps for offline use exists under its hashed name; two activities recorded offline on a
   phone arrive exactly once each when the signal returns.
5. Behind nginx (gunicorn on the unix socket) the lock-out counts the real client: after
   AXES_FAILURE_LIMIT wrong passwords the right one is refused with the Thai message.
6. No CSS, JS or font request fails on any page visited.
"""

import io
import json
import os
import sys
import time

from PIL import Image
from playwright.sync_api import expect, sync_playwright

BASE = os.environ["SMOKE_BASE"]
PASSWORD = os.environ["SMOKE_PASSWORD"]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ASSET_TYPES = {"stylesheet", "script", "font"}
failed_assets: list[str] = []


def step(text):
    print(f"   {text}", flush=True)


def new_page(browser, **options):
    context = browser.new_context(
        base_url=BASE, ignore_https_errors=True, locale="th-TH", **options
    )
    page = context.new_page()
    page.on(
        "requestfailed",
        lambda r: r.resource_type in ASSET_TYPES and failed_assets.append(f"{r.url} failed"),
    )
    page.on(
        "response",
        lambda r: (
            r.request.resource_type in ASSET_TYPES
            and r.status >= 400
            and failed_assets.append(f"{r.url} {r.status}")
        ),
    )
    return page


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url, timeout=15_000)
    assert "/accounts/login/" not in page.url, f"{username} could not log in"


def photo_file(tmp="/tmp/prod-smoke-photo.jpg"):
    """A 12 MP camera-like photo of a few MB: the page must shrink it (CSP, hashed names)."""
    scene = Image.merge("RGB", [Image.effect_noise((100, 75), sigma) for sigma in (60, 70, 80)])
    scene = scene.resize((4000, 3000), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((4000, 3000), 12).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(scene, grain, 0.3).save(buffer, "JPEG", quality=96)
    with open(tmp, "wb") as handle:
        handle.write(buffer.getvalue())
    return tmp


def record_activity_with_photo(browser) -> tuple[str, str]:
    page = new_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    log_in(page, "staff1025")
    page.goto("/communities/activities/new/")
    expect(page.locator("h1")).to_have_text("บันทึกกิจกรรม")
    community = page.locator("select[name=community] option:not([value=''])").first
    page.select_option("select[name=community]", community.get_attribute("value"))
    page.fill("input[name=title]", "ทดสอบระบบจริง ปลูกผักสวนครัว")
    page.select_option("select[name=activity_type]", index=1)
    page.select_option("select[name=model_step]", "understand")
    page.check("input[name=principles][value=moderation]")
    page.fill("input[name=participants_total]", "12")
    page.set_input_files("input[name=photo]", photo_file())
    # static/js/photo_shrink.js under the production CSP and whitenoise's hashed names
    expect(page.locator("[data-photo-shrink-status]")).to_contain_text("ย่อรูปแล้ว", timeout=30_000)
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("ทดสอบระบบจริง ปลูกผักสวนครัว")
    thumb = page.locator("img.photo-thumb").first
    expect(thumb).to_be_visible()
    width = thumb.evaluate("img => img.complete ? img.naturalWidth : 0")
    assert width > 0, "the thumbnail did not load"
    thumb_url = thumb.get_attribute("src")
    image_url = page.locator("a:has(img.photo-thumb)").first.get_attribute("href")
    assert thumb_url.startswith("/media/") and image_url.startswith("/media/")
    full = page.request.get(image_url)
    assert full.status == 200 and full.headers["content-type"] == "image/jpeg", full.status
    assert full.headers.get("x-content-type-options") == "nosniff"
    # nginx's own headers on a file it sends for the portal: each once (not also the portal's)
    names = [header["name"].lower() for header in full.headers_array]
    for name in ("x-content-type-options", "referrer-policy", "strict-transport-security"):
        assert names.count(name) == 1, f"{name} sent {names.count(name)} times with a photo"
    # One Cache-Control, the portal's (nginx's internal location adds none).
    cache = [h["value"] for h in full.headers_array if h["name"].lower() == "cache-control"]
    assert cache == ["private, max-age=3600"], f"Cache-Control on a protected file: {cache}"
    step(f"staff1025 recorded an activity; thumbnail {width}px wide at {thumb_url}")
    page.context.close()
    return thumb_url, image_url


def photo_refused_to_outsiders(browser, urls):
    page = new_page(browser)
    log_in(page, "staff1001")
    for url in urls:
        response = page.request.get(url)
        assert response.status == 404, f"another district got {response.status} for {url}"
    page.context.close()
    anonymous = new_page(browser)
    for url in urls:
        response = anonymous.request.get(url, max_redirects=0)
        assert response.status == 302, f"anonymous got {response.status} for {url}"
        assert "/accounts/login/" in response.headers["location"]
    anonymous.context.close()
    step("the photo is refused to staff1001 (404) and to anonymous users (login)")


def build_and_download_handbook(browser):
    page = new_page(browser, viewport={"width": 1366, "height": 900})
    log_in(page, "strategy")
    page.goto("/handbook/")
    page.click("#build-form button[type=submit]")
    started = time.monotonic()
    expect(page.locator("#status-label")).to_have_text("พร้อมดาวน์โหลด", timeout=180_000)
    step(f"the worker built the handbook in {time.monotonic() - started:.0f} s")
    with page.expect_download() as download_info:
        page.click("#download")
    # The name comes from the portal's Content-Disposition, kept by nginx's X-Accel-Redirect.
    name = download_info.value.suggested_filename
    assert name.startswith("bangphlat-handbook-") and name.endswith(".pdf"), name
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-", "the download is not a PDF"
    for path in (
        "/dashboard/",
        "/communities/",
        "/lessons/",
        "/mentoring/",
        "/districts/",
        "/reporting/",
    ):
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
    step("strategy downloaded the PDF; dashboard, communities, lessons, mentoring load")
    page.context.close()


def offline_files_served(browser):
    page = new_page(browser)
    worker = page.request.get("/sw.js")
    assert worker.status == 200, f"/sw.js: {worker.status}"
    assert worker.headers["content-type"].startswith("text/javascript")
    assert "no-cache" in worker.headers.get("cache-control", "")
    config = json.loads(worker.text().split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    for url in config["static"]:  # one missing would simply not be there offline: check here
        response = page.request.get(url)
        assert response.status == 200, f"{url} (kept by the service worker): {response.status}"
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.status == 200 and manifest.json()["short_name"] == "บางพลัดโมเดล"
    step(f"/sw.js and the manifest served; the {len(config['static'])} files it keeps exist")
    page.context.close()


def offline_entries_sent_exactly_once(playwright):
    """The field officer without signal, through nginx and gunicorn: two entries wait on the
    phone and arrive once each. Its own browser: Chromium registers no service worker on a
    page whose certificate it does not trust (prod-smoke's is self-signed)."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*ARGS, "--ignore-certificate-errors"]
    )
    try:
        page = new_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
        log_in(page, "staff1025")
        form = "/communities/activities/new/"
        page.goto(form)
        page.wait_for_function(
            "async (form) => (await navigator.serviceWorker.ready) && !!(await caches.match(form))",
            arg=form,
            timeout=30_000,
        )
        page.context.set_offline(True)
        response = page.goto(form)
        assert response.from_service_worker, "the form did not open from the phone"
        stamp = f"{time.time_ns()}"[-8:]
        titles = [f"ออฟไลน์ {stamp} อบรม", f"ออฟไลน์ {stamp} ปลูกผัก"]
        community = page.locator("select[name=community] option:not([value=''])").first
        for n, title in enumerate(titles, start=1):
            page.select_option("select[name=community]", community.get_attribute("value"))
            page.fill("input[name=title]", title)
            page.select_option("select[name=activity_type]", index=1)
            page.select_option("select[name=model_step]", "understand")
            page.fill("input[name=participants_total]", "9")
            page.click("button[name=save]")
            expect(page.locator("#offline-queue")).to_contain_text(f"({n})")
        page.context.set_offline(False)  # the `online` event sends them
        expect(page.locator("#offline-queue")).to_be_hidden(timeout=30_000)
        for _ in range(2):  # the second opening would send again anything left behind
            page.goto(f"/communities/activities/?q=ออฟไลน์ {stamp}")
        rows = page.locator("table tbody tr", has_text=stamp)
        expect(rows).to_have_count(2)
        for title in titles:
            expect(page.locator("table tbody tr", has_text=title)).to_have_count(1)
        step("two activities recorded offline arrived exactly once each through the stack")
        page.context.close()
    finally:
        browser.close()


def wrong_passwords_lock_the_account_out(browser):
    """The lock-out saw an empty client address behind the unix socket and never locked."""
    page = new_page(browser)
    username = "staff1050"  # used by no other step
    limit = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
    log_in(page, username)  # clears any failures an earlier run left (PROD_STACK_DB kept)
    page.context.clear_cookies()
    for attempt in range(1, limit + 1):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", f"wrong-{attempt}")
        page.press("input[name=password]", "Enter")
        page.wait_for_load_state()
        if attempt < limit:
            expect(page.locator("main")).to_contain_text("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.press("input[name=password]", "Enter")
    assert answer.value.status == 429, f"the right password answered {answer.value.status}"
    expect(page.locator("h1")).to_have_text("บัญชีถูกล็อกชั่วคราว")
    assert "/accounts/login/" in page.url
    step(f"{limit} wrong passwords through nginx lock {username} out; the right one is refused")
    page.context.close()


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            urls = record_activity_with_photo(browser)
            photo_refused_to_outsiders(browser, urls)
            build_and_download_handbook(browser)
            offline_files_served(browser)
            wrong_passwords_lock_the_account_out(browser)
        finally:
            browser.close()
        offline_entries_sent_exactly_once(playwright)
    if failed_assets:
        print("static files failed:\n  " + "\n  ".join(failed_assets), file=sys.stderr)
        return 1
    step("no CSS, JS or font request failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
