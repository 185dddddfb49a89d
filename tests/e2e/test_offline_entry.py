"""An officer in a community without signal: the activity form opens from the phone, entries
wait on the phone as "รอส่ง (n)", and are saved exactly once when the signal returns; an entry
the server refuses waits under "ต้องแก้ไข" and opens in the form. Online, an upload shows its
progress."""

import io
import random
import re
import time

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from communities.models import Activity, ActivityPhoto
from tests.communities.factories import CommunityFactory
from tests.e2e.conftest import log_in
from tests.e2e.test_field_lists import shoot

pytestmark = pytest.mark.django_db(transaction=True)
FORM = "/communities/activities/new/"
ENTRIES = """async () => {
  const db = await idb.openDB("bangphlat-offline", 1);
  return await db.getAll("entries");
}"""


def jpeg(size=(1200, 900), *, noise=False):
    image = Image.new("RGB", size, "orange")
    if noise:  # a photo that does not compress: it takes a while to upload
        image = Image.frombytes("RGB", size, random.Random(1).randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return {"name": "field.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def fill(page, community, title, *, women="10", photo=None):
    page.select_option("select[name=community]", str(community.pk))
    page.fill("input[name=title]", title)
    page.select_option("select[name=activity_type]", label="บัญชีครัวเรือน")
    page.select_option("select[name=model_step]", "understand")
    page.fill("input[name=participants_total]", "25")
    page.fill("input[name=participants_women]", women)
    for name in ("elderly", "disabled", "youth", "welfare_card"):
        page.fill(f"input[name=participants_{name}]", "0")
    page.fill("input[name=budget]", "0")
    if photo:
        page.set_input_files("input[name=photo]", files=[photo])
        page.fill("input[name=photo_caption]", "ผู้เข้าร่วมอบรม")


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def open_form_offline(page, officer):
    """Online once (the worker keeps the form), then the signal goes."""
    log_in(page, officer.username)
    page.goto(FORM)
    ready = "async (form) => (await navigator.serviceWorker.ready) && !!(await caches.match(form))"
    wait_for(lambda: page.evaluate(ready, FORM))
    page.context.set_offline(True)
    response = page.goto(FORM)
    assert response.from_service_worker  # from the phone, not the server
    expect(page.locator("h1")).to_have_text("บันทึกกิจกรรม")
    key = page.locator("input[name=submission_key]")
    expect(key).to_have_value(re.compile(r"^[A-Za-z0-9_-]{32}$"))  # its own, made on the phone


def test_two_activities_recorded_offline_are_saved_exactly_once(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    open_form_offline(page, staff_bangphlat)
    badge = page.locator("#offline-queue")

    fill(page, community, "อบรมบัญชีครัวเรือน")
    page.click("button[name=save]")
    expect(badge).to_contain_text("รอส่ง (1)")
    expect(page.locator("[data-offline-notice]")).to_contain_text("บันทึกไว้ในเครื่องแล้ว")
    expect(page.locator("input[name=title]")).to_have_value("")  # ready for the next one
    fill(page, community, "ปลูกผักสวนครัว", photo=jpeg())
    page.click("button[name=add_another]")
    expect(badge).to_contain_text("รอส่ง (2)")
    expect(page.locator("#offline-entries")).to_contain_text("รอส่ง (2)")
    shoot(page, "offline-waiting")
    stored = page.evaluate(ENTRIES)
    assert len({entry["key"] for entry in stored}) == 2  # each entry its own key
    assert not Activity.objects.exists()

    page.evaluate(f"async () => {{ window.keptEntries = await ({ENTRIES})(); }}")
    page.context.set_offline(False)  # the `online` event sends them
    expect(badge).to_be_hidden()
    expect(page.locator("[data-offline-notice]")).to_contain_text("ส่งรายการที่รอแล้ว 2 รายการ")
    assert sorted(Activity.objects.values_list("title", flat=True)) == [
        "ปลูกผักสวนครัว",
        "อบรมบัญชีครัวเรือน",
    ]
    photo = ActivityPhoto.objects.get()
    assert photo.activity.title == "ปลูกผักสวนครัว" and photo.caption == "ผู้เข้าร่วมอบรม"
    assert photo.activity.created_by == staff_bangphlat

    # The same stored entries sent again (a lost answer, a second tab): nothing changes.
    page.evaluate(
        """async () => {
          const db = await idb.openDB("bangphlat-offline", 1);
          for (const entry of window.keptEntries) await db.put("entries", entry);
        }"""
    )
    page.goto("/communities/activities/")  # the portal opened again sends what waits
    wait_for(lambda: not page.evaluate(ENTRIES))
    assert Activity.objects.count() == 2 and ActivityPhoto.objects.count() == 1
    # The saves' own messages were kept for a page the officer sees.
    page.goto("/communities/activities/")
    expect(page.locator("#offline-queue")).to_be_hidden()


def test_an_entry_kept_before_logging_in_again_is_sent_with_the_new_csrf_token(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    open_form_offline(page, staff_bangphlat)
    fill(page, community, "อบรมบัญชีครัวเรือน")
    page.click("button[name=save]")
    expect(page.locator("#offline-queue")).to_contain_text("รอส่ง (1)")
    page.goto("about:blank")
    page.context.clear_cookies()  # the session ended; the next login sets a new CSRF secret
    page.context.set_offline(False)
    log_in(page, staff_bangphlat.username)  # lands on the district page, which sends it
    wait_for(lambda: Activity.objects.exists())
    assert Activity.objects.get().title == "อบรมบัญชีครัวเรือน"
    wait_for(lambda: not page.evaluate(ENTRIES))


def test_an_entry_the_server_refuses_waits_under_to_fix_and_opens_in_the_form(
    phone_page, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    open_form_offline(page, staff_bangphlat)
    fill(page, community, "อบรมบัญชีครัวเรือน", women="30", photo=jpeg())  # more than 25 in all
    page.click("button[name=save]")
    expect(page.locator("#offline-queue")).to_contain_text("รอส่ง (1)")

    page.context.set_offline(False)
    badge = page.locator("#offline-queue")
    expect(badge).to_contain_text("ต้องแก้ไข (1)")
    item = page.locator("#offline-entries [data-offline-entry]")
    expect(item).to_contain_text("อบรมบัญชีครัวเรือน")
    expect(item).to_contain_text("เกินจำนวนผู้เข้าร่วมทั้งหมด")
    shoot(page, "offline-to-fix")
    assert not Activity.objects.exists()

    item.get_by_role("button", name="แก้ไข").click()
    expect(page.locator("input[name=participants_women]")).to_have_value("30")
    expect(page.get_by_text("เกินจำนวนผู้เข้าร่วมทั้งหมด").first).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value("อบรมบัญชีครัวเรือน")
    # The photo goes with it again (the server's kept copy lasts two days only).
    assert page.evaluate("document.querySelector('input[name=photo]').files.length") == 1
    shoot(page, "offline-fix-opened")
    page.fill("input[name=participants_women]", "15")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_have_text("อบรมบัญชีครัวเรือน")
    expect(page.get_by_text("บันทึกกิจกรรม อบรมบัญชีครัวเรือน แล้ว")).to_be_visible()
    assert Activity.objects.get().participants_women == 15
    assert ActivityPhoto.objects.count() == 1
    assert page.evaluate(ENTRIES) == []


def test_an_online_upload_shows_its_progress(phone_page, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(FORM)
    photo = jpeg((900, 900), noise=True)
    assert 600_000 < len(photo["buffer"]) < settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    fill(page, community, "อบรมบัญชีครัวเรือน", photo=photo)
    # A slow uplink, as in the field: about four seconds for this photo.
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 50, "downloadThroughput": -1, "uploadThroughput": 200_000},
    )
    page.click("button[name=save]")
    bar = page.locator("[data-upload-progress] [role=progressbar]")
    expect(bar).to_be_visible()
    page.wait_for_function(
        "() => +document.querySelector('[data-upload-progress] [role=progressbar]')"
        ".getAttribute('aria-valuenow') > 20"
    )
    expect(page.locator("[data-upload-progress-text]")).to_contain_text("กำลังส่ง")
    shoot(page, "upload-progress")
    expect(page.locator("h1")).to_have_text("อบรมบัญชีครัวเรือน", timeout=30_000)
    expect(page.get_by_text("บันทึกกิจกรรม อบรมบัญชีครัวเรือน แล้ว")).to_be_visible()
    assert ActivityPhoto.objects.get().activity.title == "อบรมบัญชีครัวเรือน"
