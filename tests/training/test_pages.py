"""The training pages through HTTP: who sees what, exactly-once forms, the public check."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bangphlat.submissions import new_key
from training import editing, services
from training.models import Assessment, Attendance, Certificate, Participant, RunStatus


@pytest.fixture
def questions(course, staff_bangphlat):
    return [
        editing.question_save(
            course=course, by=staff_bangphlat, text=f"ข้อ {i}", choices=["ถูก", "ผิด"], correct=0
        )
        for i in range(1, 3)
    ]


def _complete(run, sessions, leader, staff_bangphlat, *, score=80):
    for session in sessions:
        services.attendance_record(
            session=session, participant=leader, present=True, by=staff_bangphlat
        )
    services.assessment_record(participant=leader, kind="pre", score=40, by=staff_bangphlat)
    services.assessment_record(participant=leader, kind="post", score=score, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.OPEN, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.RUNNING, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.COMPLETED, by=staff_bangphlat)
    return Certificate.objects.get(participant=leader)


# --- Courses ------------------------------------------------------------------------------
def test_the_course_page_shows_modules_hours_pass_mark_and_questions(
    login, staff_bangphlat, course, questions
):
    page = login(staff_bangphlat).get(reverse("training:course_detail", args=[course.pk]))
    text = page.content.decode()
    assert "หน่วยที่ 1" in text and "หน่วยที่ 2" in text
    assert ">9<" in text  # 6 + 3 hours
    assert "ข้อ 1" in text and "คำตอบที่ถูก" in text


def test_an_invited_district_reads_the_questions_without_their_answers(
    login, staff_mentee, course, questions
):
    text = login(staff_mentee).get(reverse("training:course_detail", args=[course.pk])).content
    assert "ข้อ 1" in text.decode() and "คำตอบที่ถูก" not in text.decode()
    url = reverse("training:question_create", args=[course.pk])
    assert login(staff_mentee).get(url).status_code == 403


def test_the_host_pilot_writes_a_question(login, staff_bangphlat, course):
    response = login(staff_bangphlat).post(
        reverse("training:question_create", args=[course.pk]),
        {"text": "หลักสามห่วงคืออะไร", "choice_0": "พอประมาณ", "choice_1": "ฟุ่มเฟือย", "correct": "0"},
    )
    assert response.status_code == 302
    assert course.questions.get().choices.get(is_correct=True).text == "พอประมาณ"


# --- Runs ---------------------------------------------------------------------------------
def test_the_run_list_stays_within_its_query_budget(
    login, staff_bangphlat, run, django_assert_max_num_queries
):
    client = login(staff_bangphlat)
    # session, user, count, runs with course/host/counts, nav (waiting lessons, unread notices)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:run_list"))
    assert response.status_code == 200
    assert 'id="new-run"' in response.content.decode()


def test_staff_of_a_non_pilot_see_no_new_run_button_and_cannot_create(
    login, staff_mentee, run, course
):
    client = login(staff_mentee)
    assert 'id="new-run"' not in client.get(reverse("training:run_list")).content.decode()
    assert client.get(reverse("training:run_create")).status_code == 403


def test_a_pilot_creates_a_run_for_its_own_district_once(login, staff_bangphlat, course, bangphlat):
    key = new_key()
    data = {
        "course": course.pk,
        "host": bangphlat.pk,
        "starts_on": "2025-09-01",
        "ends_on": "2025-09-02",
        "venue": "ห้องประชุม",
        "capacity": "20",
        "submission_key": key,
    }
    client = login(staff_bangphlat)
    first = client.post(reverse("training:run_create"), data)
    again = client.post(reverse("training:run_create"), data)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert course.runs.count() == 1


def test_a_run_that_ends_before_it_starts_is_refused_in_thai(
    login, staff_bangphlat, course, bangphlat
):
    response = login(staff_bangphlat).post(
        reverse("training:run_create"),
        {
            "course": course.pk,
            "host": bangphlat.pk,
            "starts_on": "2025-09-05",
            "ends_on": "2025-09-01",
            "venue": "ห้อง",
            "capacity": "20",
            "submission_key": new_key(),
        },
    )
    assert response.status_code == 200
    assert "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม" in response.content.decode()


def test_an_outsider_gets_404_on_the_run_and_its_sessions(login, staff_outsider, run, sessions):
    client = login(staff_outsider)
    assert client.get(reverse("training:run_detail", args=[run.pk])).status_code == 404
    assert client.get(reverse("training:attendance", args=[sessions[0].pk])).status_code == 404


def test_the_invited_district_sees_its_own_people_by_name_and_others_counted(
    login, staff_mentee, run, leader, staff_bangphlat, bangphlat
):
    services.participant_enroll(
        run=run, by=staff_bangphlat, name="นายบางพลัด ลับ", district=bangphlat, consent=True
    )
    text = login(staff_mentee).get(reverse("training:run_detail", args=[run.pk])).content.decode()
    assert "นางสมศรี ใจดี" in text  # from the invited district itself
    assert "นายบางพลัด ลับ" not in text and "(ไม่แสดงชื่อ)" in text
    assert "ลงทะเบียนผู้เข้าอบรม" not in text  # read-only


def test_enrolment_past_capacity_waitlists_and_a_withdrawal_promotes(
    login, staff_bangphlat, run, phranakhon
):
    client = login(staff_bangphlat)
    for i in range(4):
        client.post(
            reverse("training:enrol", args=[run.pk]),
            {
                "name": f"แกนนำ {i}",
                "kind": "leader",
                "district": phranakhon.pk,
                "consent": "on",
                "submission_key": new_key(),
            },
        )
    last = Participant.objects.get(name="แกนนำ 3")
    assert last.status == "waitlisted"
    page = client.get(reverse("training:run_detail", args=[run.pk])).content.decode()
    assert 'id="waitlist"' in page and "รอที่ว่าง 1 คน" in page
    first = Participant.objects.get(name="แกนนำ 0")
    client.post(reverse("training:withdraw", args=[run.pk, first.pk]))
    last.refresh_from_db()
    assert last.status == "enrolled"


def test_a_person_without_an_account_needs_consent(login, staff_bangphlat, run, phranakhon):
    response = login(staff_bangphlat).post(
        reverse("training:enrol", args=[run.pk]),
        {
            "name": "ไม่ยินยอม",
            "kind": "leader",
            "district": phranakhon.pk,
            "submission_key": new_key(),
        },
    )
    assert response.status_code == 200
    assert "ต้องได้รับความยินยอม" in response.content.decode()
    assert not Participant.objects.exists()


# --- Attendance ---------------------------------------------------------------------------
def test_the_attendance_sheet_sent_twice_records_once(login, staff_bangphlat, sessions, leader):
    client = login(staff_bangphlat)
    url = reverse("training:attendance", args=[sessions[0].pk])
    page = client.get(url).content.decode()
    assert "data-offline-entry" in page  # the offline queue keeps it when there is no signal
    data = {"present": [str(leader.pk)], "submission_key": new_key()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.filter(participant=leader).count() == 1


def test_an_invited_district_cannot_mark_attendance(login, staff_mentee, sessions, leader):
    url = reverse("training:attendance", args=[sessions[0].pk])
    assert login(staff_mentee).get(url).status_code == 403


def test_the_projector_shows_the_code_and_a_qr(login, staff_bangphlat, sessions):
    client = login(staff_bangphlat)
    client.post(reverse("training:checkin_open", args=[sessions[0].pk]))
    sessions[0].refresh_from_db()
    page = client.get(reverse("training:checkin_projector", args=[sessions[0].pk])).content.decode()
    assert sessions[0].checkin_code in page and "<svg" in page


def test_a_person_without_an_account_checks_in_once_with_their_code(
    client, staff_bangphlat, sessions, leader
):
    code = services.checkin_open(session=sessions[0], by=staff_bangphlat)
    url = reverse("training:checkin")
    data = {"code": code.lower(), "personal_code": leader.personal_code}
    first = client.post(url, data).content.decode()
    again = client.post(url, data).content.decode()
    assert "เช็กอินเรียบร้อย" in first and "ไว้แล้ว" in again
    assert Attendance.objects.filter(participant=leader, present=True).count() == 1


def test_a_wrong_check_in_code_is_explained(client, sessions, leader):
    page = client.post(
        reverse("training:checkin"), {"code": "ZZZZZZ", "personal_code": leader.personal_code}
    )
    assert "รหัสเช็กอินไม่ถูกต้องหรือหมดเวลาแล้ว" in page.content.decode()


# --- Tests on a phone ---------------------------------------------------------------------
def test_a_participant_takes_the_post_test_once(
    login, staff_bangphlat, staff_mentee, run, questions
):
    participant = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    client = login(staff_mentee)
    url = reverse("training:take_test", args=[run.pk, "post"])
    right, wrong = (list(q.choices.order_by("order")) for q in questions)
    answers = {f"q{questions[0].pk}": right[0].pk, f"q{questions[1].pk}": wrong[1].pk}
    assert client.post(url, answers).status_code == 302
    client.post(url, {f"q{q.pk}": q.choices.get(is_correct=True).pk for q in questions})
    assert Assessment.objects.get(participant=participant, kind="post").score == 50
    assert "ได้ 50 คะแนน" in client.get(url).content.decode()


def test_an_unanswered_question_keeps_the_other_answers(
    login, staff_bangphlat, staff_mentee, run, questions
):
    services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    choice = questions[0].choices.first()
    page = login(staff_mentee).post(
        reverse("training:take_test", args=[run.pk, "pre"]), {f"q{questions[0].pk}": choice.pk}
    )
    text = page.content.decode()
    assert "ยังไม่ได้ตอบ 1 ข้อ" in text
    assert f'id="c{choice.pk}" value="{choice.pk}" checked' in text
    assert not Assessment.objects.exists()


def test_someone_not_in_the_run_gets_no_test(login, staff_outsider, run, questions):
    url = reverse("training:take_test", args=[run.pk, "pre"])
    assert login(staff_outsider).get(url).status_code == 404


# --- Certificates -------------------------------------------------------------------------
def test_the_run_page_shows_knowledge_gain_or_too_few(
    login, staff_bangphlat, run, sessions, leader
):
    client = login(staff_bangphlat)
    assert "ยังสรุปไม่ได้" in client.get(reverse("training:run_detail", args=[run.pk])).content.decode()


def test_a_completed_run_gives_a_public_certificate_with_only_the_listed_fields(
    client, run, sessions, leader, staff_bangphlat
):
    certificate = _complete(run, sessions, leader, staff_bangphlat)
    page = client.get(reverse("training:certificate", args=[certificate.code]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "นางสมศรี ใจดี" in text and run.course.title in text and "ถูกต้อง" in text
    assert "ประธานชุมชน" not in text and leader.personal_code not in text  # nothing else


def test_the_certificate_pdf_carries_the_holders_name(
    client, run, sessions, leader, staff_bangphlat
):
    certificate = _complete(run, sessions, leader, staff_bangphlat)
    response = client.get(reverse("training:certificate_pdf", args=[certificate.code]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "นางสมศรี" in text and "ใจดี" in text
    assert certificate.code in text and "2568" in text  # the run's year in B.E.


def test_a_revoked_certificate_says_so(client, run, sessions, leader, staff_bangphlat):
    certificate = _complete(run, sessions, leader, staff_bangphlat)
    services.certificate_revoke(certificate=certificate, by=staff_bangphlat, reason="ผิดคน")
    text = client.get(reverse("training:certificate", args=[certificate.code])).content.decode()
    assert "ถูกเพิกถอนแล้ว" in text and "ผิดคน" not in text


@pytest.mark.parametrize(
    "mangle", [lambda c: c[:-1] + ("A" if c[-1] != "A" else "B"), lambda c: "x"]
)
def test_an_unknown_or_altered_code_is_404(client, run, sessions, leader, staff_bangphlat, mangle):
    certificate = _complete(run, sessions, leader, staff_bangphlat)
    code = mangle(certificate.code)
    assert client.get(reverse("training:certificate", args=[code])).status_code == 404
    assert client.get(reverse("training:certificate_pdf", args=[code])).status_code == 404


# --- Coverage -----------------------------------------------------------------------------
def test_coverage_marks_districts_with_nobody_trained_within_its_budget(
    login, staff_outsider, run, sessions, leader, staff_bangphlat, django_assert_max_num_queries
):
    _complete(run, sessions, leader, staff_bangphlat)
    client = login(staff_outsider)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("training:coverage"))
    text = page.content.decode()
    assert "ยังไม่มีผู้ผ่านการอบรม 49 เขต" in text
    assert "นางสมศรี" not in text  # counts, not names


def test_the_coverage_export_is_formula_safe(
    login, strategy, run, sessions, leader, staff_bangphlat
):
    _complete(run, sessions, leader, staff_bangphlat)
    response = login(strategy).get(reverse("training:coverage_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "1001" in body.splitlines()[1] or any(
        line.startswith("1001,") for line in body.splitlines()
    )
    row = next(line for line in body.splitlines() if line.startswith("1001,"))
    assert row.split(",")[4] == "1"  # one community leader of Phra Nakhon trained
    xlsx = login(strategy).get(reverse("training:coverage_export", args=["xlsx"]))
    assert xlsx.status_code == 200


def test_the_run_and_certificate_pages_read_in_english(
    login, settings, staff_bangphlat, run, sessions, leader
):
    client = login(staff_bangphlat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("training:run_detail", args=[run.pk])).content.decode()
    assert "Knowledge gain" in text and "Too few to say" in text and "Open check-in" in text
    certificate = _complete(run, sessions, leader, staff_bangphlat)
    text = client.get(reverse("training:certificate", args=[certificate.code])).content.decode()
    assert "This certificate is valid" in text
