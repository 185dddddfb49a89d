"""District staff on a phone type a lesson's sections, attach a photo and press บันทึก once:
both the text and the photo are saved (the upload used to be a separate form that threw the
typed text away). Leaving a form with unsaved changes asks first; the upload fields have
labels (axe)."""

import pytest
from playwright.sync_api import expect

from lessons.models import LessonPhoto
from tests.e2e.conftest import PHONE, log_in
from tests.e2e.test_accessibility import violations
from tests.e2e.test_field_lists import shoot
from tests.e2e.test_photo_shrink import camera_photo
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db(transaction=True)
RESULTS = "ครัวเรือนจดบัญชีครบ 40 ครัวเรือน รายจ่ายลดลงเดือนละ 800 บาท"
OBSTACLES = "ช่วงแรกผู้สูงอายุอ่านแบบฟอร์มไม่ถนัด จึงจัดอาสาช่วยจด"


def dialogs_of(page) -> list[str]:
    seen = []

    def answer(dialog):
        seen.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    return seen


def test_typed_sections_and_a_photo_are_saved_together_on_a_phone(phone_page, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, title="บัญชีครัวเรือนริมคลอง")
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(f"/lessons/{lesson.pk}/edit/")
    page.fill("textarea[name=results]", RESULTS)
    page.fill("textarea[name=obstacles]", OBSTACLES)
    page.get_by_label("รูปภาพ", exact=True).set_input_files(
        files=[{"name": "IMG_2042.JPG", "mimeType": "image/jpeg", "buffer": camera_photo()}]
    )
    status = page.locator("input[name=photo-image] + [data-photo-shrink-status]")
    expect(status).to_contain_text("ย่อรูปแล้ว", timeout=30_000)
    page.get_by_label("คำบรรยายภาพ").fill("ป้าสมศรีจดบัญชีทุกเย็น")
    shoot(page, "lesson-text-and-photo")
    seen = dialogs_of(page)
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page.locator("h1")).to_contain_text("บัญชีครัวเรือนริมคลอง")
    expect(page.get_by_text("บันทึกแล้ว")).to_be_visible()
    expect(page.get_by_text(RESULTS)).to_be_visible()
    expect(page.get_by_text(OBSTACLES)).to_be_visible()
    thumb = page.locator("img[src*='/media/lessons/']").first
    expect(thumb).to_be_visible()
    assert thumb.evaluate("(img) => img.complete && img.naturalWidth > 0")
    assert seen == []  # sending the form is not leaving it
    photo = LessonPhoto.objects.get(lesson=lesson)
    assert photo.caption == "ป้าสมศรีจดบัญชีทุกเย็น"
    lesson.refresh_from_db()
    assert (lesson.results, lesson.obstacles) == (RESULTS, OBSTACLES)
    shoot(page, "lesson-text-and-photo-saved")


def test_leaving_a_form_with_typed_text_asks_first(page, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    log_in(page, staff_bangphlat.username)
    seen = dialogs_of(page)
    page.goto(f"/lessons/{lesson.pk}/edit/")
    page.fill("textarea[name=results]", RESULTS)
    page.get_by_role("link", name="ยกเลิก").click()
    page.wait_for_timeout(500)
    assert seen == ["beforeunload"]
    assert page.url.endswith(f"/lessons/{lesson.pk}/edit/")  # dismissed: still here
    expect(page.locator("textarea[name=results]")).to_have_value(RESULTS)


def test_leaving_an_untouched_form_does_not_ask(page, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    log_in(page, staff_bangphlat.username)
    seen = dialogs_of(page)
    page.goto(f"/lessons/{lesson.pk}/edit/")
    page.get_by_role("link", name="ยกเลิก").click()
    page.wait_for_url(f"**/lessons/{lesson.pk}/")
    assert seen == []


def test_a_form_sent_back_with_errors_still_asks_before_leaving(page, staff_bangphlat):
    lesson = make_lesson(staff_bangphlat)
    log_in(page, staff_bangphlat.username)
    page.goto(f"/lessons/{lesson.pk}/edit/")
    page.fill("input[name=title]", "")
    page.fill("textarea[name=results]", RESULTS)
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_text("กรุณากรอกช่องนี้").first).to_be_visible()
    seen = dialogs_of(page)
    page.get_by_role("link", name="ยกเลิก").click()
    page.wait_for_timeout(500)
    assert seen == ["beforeunload"]


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_lesson_forms_have_no_serious_accessibility_violations(
    browser, live_server, staff_bangphlat, width
):
    viewport = PHONE if width == "phone" else {"width": 1366, "height": 900}
    context = browser.new_context(
        viewport=viewport, locale="th-TH", base_url=live_server.url, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    lesson = make_lesson(staff_bangphlat)
    log_in(page, staff_bangphlat.username)
    found = violations(page, f"/lessons/{lesson.pk}/edit/") + violations(page, "/lessons/new/")
    context.close()
    assert found == []
