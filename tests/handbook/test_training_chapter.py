"""The book prints the courses and the runs held, with head counts and no participant names."""

import datetime as dt
from decimal import Decimal

import pytest

from handbook import content, render
from tests.conftest import make_user
from training import services
from training.models import Course, CourseModule, RunStatus, TrainingModule


@pytest.fixture
def held_run(bangphlat, phranakhon, staff_bangphlat):
    course = Course.objects.create(title="หลักสูตรศาสตร์พระราชา", district=bangphlat, pass_mark=70)
    module = TrainingModule.objects.create(
        title="การทำแผนที่ชุมชน",
        objectives="-",
        audience="-",
        hours=Decimal("6"),
        outline="-",
        teaching_district=bangphlat,
    )
    CourseModule.objects.create(course=course, module=module, order=1)
    run = services.course_run_create(
        by=staff_bangphlat,
        course=course,
        host=bangphlat,
        starts_on=dt.date(2025, 8, 4),
        ends_on=dt.date(2025, 8, 5),
        capacity=10,
        venue="สำนักงานเขต",
        target_districts=[phranakhon],
    )
    session = services.session_add(run=run, by=staff_bangphlat, date=run.starts_on, title="วันแรก")
    person = services.participant_enroll(
        run=run, by=staff_bangphlat, name="นางลับเฉพาะ ในรุ่น", district=phranakhon, consent=True
    )
    services.participant_enroll(
        run=run, by=staff_bangphlat, user=make_user("u1", "district_staff", phranakhon)
    )
    services.attendance_record(
        session=session, participant=person, present=True, by=staff_bangphlat
    )
    services.assessment_record(participant=person, kind="post", score=80, by=staff_bangphlat)
    for status in (RunStatus.OPEN, RunStatus.RUNNING, RunStatus.COMPLETED):
        services.course_run_transition(run=run, to=status, by=staff_bangphlat)
    return run


def test_the_snapshot_holds_courses_and_runs_held_with_counts(held_run):
    snapshot = content.collect()
    (course,) = snapshot["courses"]
    assert course["modules"] == ["การทำแผนที่ชุมชน"] and course["hours"] == "6"
    assert snapshot["runs_held"] == [
        ["หลักสูตรศาสตร์พระราชา", "บางพลัด", "4 ส.ค. 2568", "5 ส.ค. 2568", 2, 1]
    ]


def test_the_book_prints_the_runs_but_names_no_participant(held_run):
    html, _warnings = render.render_html(
        content.collect(), content.edition_meta(title="คู่มือ", number=1)
    )
    assert "รุ่นการอบรมที่จัดแล้ว" in html and "หลักสูตรศาสตร์พระราชา" in html
    assert "นางลับเฉพาะ" not in html


def test_a_book_stored_before_training_renders_as_before(db):
    snapshot = content.collect()
    del snapshot["courses"], snapshot["runs_held"]
    html, _warnings = render.render_html(snapshot, content.edition_meta(title="คู่มือ", number=1))
    assert "รุ่นการอบรมที่จัดแล้ว" not in html
