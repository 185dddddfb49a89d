"""A district's own staff land on "what to do now": the month to send with its due date,
state and what is missing, communities with no activity this month, follow-ups due, lessons
sent back, a mentor's mentees, and "record activity" / "add community" one tap away."""

import datetime as dt

import pytest
from django.urls import reverse

from lessons import services as lesson_services
from mentoring import services as mentoring_services
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import make_lesson
from tests.reporting.factories import pair

pytestmark = pytest.mark.django_db


def home(client):
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_district_staff_land_on_what_to_do_before_the_district_facts(login, staff_mentee):
    body = home(login(staff_mentee))
    assert body.index('id="district-tasks"') < body.index('id="district-facts"')
    tasks = body.split('id="district-tasks"')[1].split("</section>")[0]
    assert "สิ่งที่ต้องทำตอนนี้" in tasks
    assert f'href="{reverse("communities:activity_create")}"' in tasks
    assert f'href="{reverse("communities:create")}"' in tasks
    # The slot the offline script fills with what waits on this phone.
    assert 'id="home-offline" data-offline-panel' in tasks
    # The facts (centroid coordinates included) are folded away for the district's staff.
    assert '<details class="card district-facts" id="district-facts">' in body


def test_the_month_to_send_says_its_due_date_state_and_what_is_missing(
    login, staff_mentee, phranakhon, frozen
):
    from reporting import services

    frozen(dt.datetime(2026, 11, 20, 9, 0))  # October 2569 was due on 5 November
    for month in (dt.date(2026, 8, 1), dt.date(2026, 9, 1)):  # the oldest unsent comes first
        services.reporting_month_submit(district=phranakhon, month=month, by=staff_mentee)
    quiet = CommunityFactory(district=phranakhon, name="ชุมชนริมคลอง")
    busy = CommunityFactory(district=phranakhon, name="ชุมชนตลาดเก่า")
    ActivityFactory(community=busy, date=dt.date(2026, 10, 12), participants_women=0, outcome="")
    ActivityFactory(community=busy, date=dt.date(2026, 11, 3), participants_women=0)
    body = home(login(staff_mentee))
    report = body.split('id="task-report"')[1].split('class="task-item')[0]
    assert "รายงานเดือนตุลาคม 2569" in report
    assert "กำหนดส่ง 5 พ.ย. 2569" in report and "เลยกำหนดแล้ว" in report
    assert "ชุมชนที่ยังไม่มีกิจกรรมในเดือนนี้ 1 จาก 2" in report
    assert "กิจกรรมที่ยังไม่ได้เขียนผลลัพธ์ 1 กิจกรรม" in report
    assert "/reporting/1001/2026-10/" in report and "ตรวจและส่งรายงาน" in report
    # This month (November): the community without an activity, one tap to record one.
    quiet_item = body.split('id="task-quiet"')[1].split("</div>")[0]
    assert "ชุมชนริมคลอง" in quiet_item and "ชุมชนตลาดเก่า" not in quiet_item
    assert f"?community={quiet.pk}" in quiet_item


def test_once_the_past_months_are_sent_the_current_one_is_not_due_yet(
    login, staff_mentee, phranakhon, frozen
):
    from reporting import services

    frozen(dt.datetime(2026, 11, 20, 9, 0))
    for month in (dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        services.reporting_month_submit(district=phranakhon, month=month, by=staff_mentee)
    report = home(login(staff_mentee)).split('id="task-report"')[1].split('class="task-item')[0]
    assert "รายงานเดือนพฤศจิกายน 2569" in report and "ยังไม่ถึงกำหนด" in report
    assert "เลยกำหนด" not in report and 'id="task-send"' not in report


def test_follow_ups_due_and_lessons_sent_back_are_listed(
    login, staff_mentee, staff_bangphlat, strategy, bangphlat, phranakhon
):
    pairing = pair(bangphlat, phranakhon)
    mentoring_services.session_create(
        by=strategy, mentor=pairing.mentor, mentees=[phranakhon], trainers=[],
        date=dt.date.today() - dt.timedelta(days=3), kind="site_visit", topics="t", attendee_count=5,
        follow_ups=[{"who": "ทีมเขต", "what": "ส่งแผนชุมชนรอบใหม่", "due_date": dt.date.today() + dt.timedelta(days=5)}],
    )  # fmt: skip
    lesson = make_lesson(staff_mentee, title="บทเรียนที่ต้องแก้")
    lesson_services.lesson_submit(lesson=lesson, by=staff_mentee)
    lesson_services.lesson_request_changes(lesson=lesson, by=strategy, comment="เพิ่มตัวเลข")
    body = home(login(staff_mentee))
    assert "ส่งแผนชุมชนรอบใหม่" in body.split('id="task-follow-ups"')[1]
    sent_back = body.split('id="task-sent-back"')[1].split("</div>")[0]
    assert "บทเรียนที่ต้องแก้" in sent_back and lesson.get_absolute_url() in sent_back
    # The mentor's own page lists its mentees as links.
    mentor = home(login(staff_bangphlat))
    mentees = mentor.split('id="task-mentees"')[1].split("</div>")[0]
    assert 'href="/districts/1001/"' in mentees and "พระนคร" in mentees


@pytest.mark.parametrize("role", ["strategy", "staff_bangphlat", "portal_admin"])
def test_only_the_districts_own_staff_see_its_tasks(role, request, login):
    body = login(request.getfixturevalue(role)).get("/districts/1001/").content.decode()
    assert 'id="district-tasks"' not in body
    assert '<details class="card district-facts" open' in body
