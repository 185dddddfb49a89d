"""Training in the browser: the trainer puts the check-in on the projector and a participant
checks in on a phone with the code, once; a participant takes the post-test on a phone;
completing the run gives a certificate whose public page and PDF carry the holder's name.
And every new page is axe-clean at phone and desktop widths (E2E_SCREENSHOTS=dir keeps screenshots)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import PHONE, log_in
from tests.e2e.test_accessibility import violations
from tests.e2e.test_field_lists import shoot
from training import editing, services
from training.models import Attendance, Certificate, Course, CourseModule, RunStatus, TrainingModule

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def run(bangphlat, phranakhon, staff_bangphlat):
    course = Course.objects.create(title="การพัฒนาชุมชนตามศาสตร์พระราชา", district=bangphlat)
    for order, title in enumerate(["เข้าใจชุมชน", "เข้าถึงครัวเรือน"], start=1):
        module = TrainingModule.objects.create(
            order=order, title=title, objectives="-", audience="เจ้าหน้าที่เขต",
            hours=Decimal("3"), outline="-", teaching_district=bangphlat,
        )  # fmt: skip
        CourseModule.objects.create(course=course, module=module, order=order)
    for i in range(1, 4):
        editing.question_save(
            course=course, by=staff_bangphlat, text=f"คำถามข้อที่ {i} เรื่องหลักความพอประมาณ",
            choices=["ถูกต้อง", "ไม่ถูกต้อง", "ไม่แน่ใจ"], correct=0,
        )  # fmt: skip
    today = timezone.localdate()
    run = services.course_run_create(
        by=staff_bangphlat, course=course, host=bangphlat, starts_on=today,
        ends_on=today + dt.timedelta(days=1), capacity=2, venue="ห้องประชุมสำนักงานเขตบางพลัด",
        target_districts=[phranakhon],
    )  # fmt: skip
    services.session_add(run=run, by=staff_bangphlat, date=today, title="วันแรก: เข้าใจชุมชน")
    return run


@pytest.fixture
def leader(run, staff_bangphlat, phranakhon):
    return services.participant_enroll(
        run=run, by=staff_bangphlat, name="นางสมศรี ใจดีงาม", role="ประธานชุมชน",
        district=phranakhon, consent=True,
    )  # fmt: skip


def test_a_participant_checks_in_on_a_phone_with_the_projectors_code_once(
    page, phone_page, staff_bangphlat, run, leader
):
    session = run.sessions.get()
    log_in(page, staff_bangphlat.username)
    page.goto(f"/training/runs/{run.pk}/")
    page.click("button:has-text('เปิดเช็กอิน (ขึ้นจอ)')")
    code = page.locator("#checkin-code").inner_text().strip()
    assert len(code) == 6
    expect(page.locator(".checkin-projector svg.qr-code")).to_be_visible()
    shoot(page, "training-projector")

    phone_page.goto(f"/training/check-in/?code={code}")  # what the QR code opens
    expect(phone_page.locator("input[name=code]")).to_have_value(code)
    phone_page.fill("input[name=personal_code]", leader.personal_code)
    shoot(phone_page, "training-checkin")
    phone_page.click("button:has-text('เช็กอิน')")
    expect(phone_page.locator("#checkin-done")).to_contain_text("เช็กอินเรียบร้อย")
    expect(phone_page.locator("#checkin-done")).to_contain_text("นางสมศรี ใจดีงาม")
    shoot(phone_page, "training-checkin-done")
    phone_page.go_back()
    phone_page.fill("input[name=personal_code]", leader.personal_code)
    phone_page.click("button:has-text('เช็กอิน')")
    expect(phone_page.locator("#checkin-done")).to_contain_text("ไม่บันทึกซ้ำ")
    assert Attendance.objects.filter(session=session, participant=leader).count() == 1
    page.reload()
    expect(page.locator("#checkin-count")).to_contain_text("เช็กอินแล้ว 1 จาก 1 คน")


def test_a_participant_takes_the_post_test_on_a_phone(
    phone_page, run, staff_bangphlat, staff_mentee
):
    participant = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    log_in(phone_page, staff_mentee.username)
    phone_page.goto(f"/training/runs/{run.pk}/")
    phone_page.click("a:has-text('หลังอบรม')")
    questions = phone_page.locator("fieldset.test-question")
    expect(questions).to_have_count(3)
    questions.nth(0).get_by_label("ถูกต้อง", exact=True).check()
    questions.nth(1).get_by_label("ถูกต้อง", exact=True).check()
    questions.nth(2).get_by_label("ไม่แน่ใจ").check()
    shoot(phone_page, "training-test")
    phone_page.once("dialog", lambda dialog: dialog.accept())
    phone_page.click("button:has-text('ส่งคำตอบ')")
    expect(phone_page.locator("#test-done")).to_contain_text("66.7")
    assert participant.assessments.get(kind="post").score == Decimal("66.7")


def test_completing_a_run_gives_a_certificate_with_the_holders_name(
    page, live_server, staff_bangphlat, run, leader
):
    session = run.sessions.get()
    services.attendance_record(
        session=session, participant=leader, present=True, by=staff_bangphlat
    )
    services.assessment_record(participant=leader, kind="post", score=90, by=staff_bangphlat)
    for status in (RunStatus.OPEN, RunStatus.RUNNING):
        services.course_run_transition(run=run, to=status, by=staff_bangphlat)
    log_in(page, staff_bangphlat.username)
    page.goto(f"/training/runs/{run.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('จบการอบรมและออกวุฒิบัตร')")
    expect(page.locator(".alert-info")).to_contain_text("ออกวุฒิบัตรแล้ว 1 ฉบับ")
    certificate = Certificate.objects.get(participant=leader)

    public = page.context.browser.new_context(
        base_url=live_server.url, locale="th-TH", viewport=PHONE
    )
    anonymous = public.new_page()
    anonymous.goto(f"/certificates/{certificate.code}/")
    expect(anonymous.locator("#certificate-status")).to_contain_text("ถูกต้อง")
    expect(anonymous.locator("#certificate-holder")).to_have_text("นางสมศรี ใจดีงาม")
    shoot(anonymous, "training-certificate")
    pdf = anonymous.request.get(f"/certificates/{certificate.code}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "นางสมศรี" in text and "ใจดีงาม" in text
    assert anonymous.request.get(f"/certificates/{certificate.code[:-2]}xx/").status == 404
    public.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_training_pages_have_no_serious_accessibility_violations(
    browser, live_server, viewport, staff_bangphlat, run, leader
):
    context = browser.new_context(
        viewport=viewport, locale="th-TH", base_url=live_server.url, bypass_csp=True,
        is_mobile=viewport is PHONE,
    )  # fmt: skip
    page = context.new_page()
    log_in(page, staff_bangphlat.username)
    session = run.sessions.get()
    services.checkin_open(session=session, by=staff_bangphlat)
    found = []
    for name, url in [
        ("training-courses", "/training/"),
        ("training-course", f"/training/courses/{run.course_id}/"),
        ("training-runs", "/training/runs/"),
        ("training-run", f"/training/runs/{run.pk}/"),
        ("training-run-form", "/training/runs/new/"),
        ("training-enrol", f"/training/runs/{run.pk}/participants/new/"),
        ("training-attendance", f"/training/sessions/{session.pk}/"),
        ("training-projector", f"/training/sessions/{session.pk}/check-in/"),
        ("training-coverage", "/training/coverage/"),
        ("training-district", "/districts/1025/"),
        ("training-mentor-dashboard", "/dashboard/mentor/"),
    ]:
        found += violations(page, url)
        shoot(page, name)
    context.close()
    assert found == []


def test_attendance_marked_without_signal_is_kept_and_saved_once(
    phone_page, staff_bangphlat, run, leader
):
    from tests.e2e.test_offline_entry import ENTRIES, wait_for

    session = run.sessions.get()
    page = phone_page
    log_in(page, staff_bangphlat.username)
    page.goto(f"/training/sessions/{session.pk}/")
    page.wait_for_function("() => !!window.idb")
    page.context.set_offline(True)  # the trainer's phone loses its signal in the hall
    page.check(f"#present-{leader.pk}")
    page.click("#attendance-form button[type=submit]")
    expect(page.locator("[data-offline-notice]")).to_contain_text("บันทึกไว้ในเครื่องแล้ว")
    expect(page.locator("#offline-queue")).to_contain_text("รอส่ง (1)")
    assert len(page.evaluate(ENTRIES)) == 1
    assert not Attendance.objects.exists()
    page.evaluate(f"async () => {{ window.kept = await ({ENTRIES})(); }}")
    page.context.set_offline(False)  # the `online` event sends it
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert Attendance.objects.get(session=session, participant=leader).present
    page.evaluate(  # the same stored entry sent again (a lost answer): nothing changes
        """async () => {
          const db = await idb.openDB("bangphlat-offline", 1);
          for (const entry of window.kept) await db.put("entries", entry);
        }"""
    )
    page.goto(f"/training/runs/{run.pk}/")
    wait_for(lambda: not page.evaluate(ENTRIES))
    assert Attendance.objects.filter(session=session).count() == 1
