"""send_digests with a frozen clock: reminders before the due day and when overdue, the
mentor's and the strategy office's digests, preferences, once per user per day, the fiscal
year's edges (30 September / 1 October) and a month with nothing entered."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from reporting import services
from reporting.digests import send_digests
from reporting.models import DigestSent, Notice, ReportingDeadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(actors):
    for name, user in actors.items():
        User.objects.filter(pk=user.pk).update(email=f"{name}@example.org")
        user.refresh_from_db()
    return actors


def bodies_to(address):
    return "\n".join(m.body for m in mail.outbox if address in m.to)


def test_staff_get_a_reminder_three_days_before_the_due_day(people, frozen):
    ReportingDeadline.objects.create(fiscal_year=2569, due_day=5)
    frozen(dt.datetime(2025, 11, 1, 7, 0))  # October is due on 5 November: 4 days away
    send_digests()
    assert "ใกล้กำหนดส่ง" not in bodies_to("own_staff@example.org")
    frozen(dt.datetime(2025, 11, 2, 7, 0))
    send_digests()
    assert "ใกล้กำหนดส่ง: รายงานเดือนตุลาคม 2568 ส่งภายใน 5 พ.ย. 2568" in bodies_to(
        "own_staff@example.org"
    )


def test_overdue_months_go_to_the_district_and_to_its_mentor(people, frozen):
    frozen(dt.datetime(2025, 11, 6, 7, 0))  # default due day 5: October is late
    send_digests()
    assert "เลยกำหนดส่ง: รายงานเดือนตุลาคม 2568" in bodies_to("own_staff@example.org")
    mentor = bodies_to("mentor@example.org")
    assert "เขตที่คุณเป็นพี่เลี้ยง: เขตพระนคร ยังไม่ส่งรายงานเดือนตุลาคม 2568" in mentor


def test_a_submitted_month_is_no_longer_reminded(people, phranakhon, frozen):
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    services.reporting_month_submit(
        district=phranakhon, month=dt.date(2025, 10, 1), by=people["own_staff"]
    )
    send_digests()
    assert "ตุลาคม 2568" not in bodies_to("own_staff@example.org")


def test_a_month_with_no_activities_is_still_reminded_and_can_be_submitted_as_empty(
    people, phranakhon, frozen
):
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    send_digests()
    assert "เลยกำหนดส่ง: รายงานเดือนตุลาคม 2568" in bodies_to("own_staff@example.org")
    period = services.reporting_month_submit(
        district=phranakhon, month=dt.date(2025, 10, 1), by=people["own_staff"]
    )
    assert period.summary == {"activities": 0, "participants": 0, "communities": 0}


def test_each_user_gets_at_most_one_digest_a_day(people, frozen):
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    send_digests()
    first = len(mail.outbox)
    assert first >= 2
    summary = send_digests()
    assert len(mail.outbox) == first
    assert summary.sent == 0 and summary.already_sent >= 2
    assert DigestSent.objects.filter(day=dt.date(2025, 11, 6)).count() == first
    frozen(dt.datetime(2025, 11, 7, 7, 0))
    send_digests()
    assert len(mail.outbox) == 2 * first  # the next day, again


def test_september_is_due_on_its_own_fiscal_years_day_across_1_october(people, frozen):
    ReportingDeadline.objects.create(fiscal_year=2569, due_day=5)
    ReportingDeadline.objects.create(fiscal_year=2570, due_day=10)
    frozen(dt.datetime(2026, 9, 30, 7, 0))
    send_digests()
    staff = bodies_to("own_staff@example.org")
    assert "เลยกำหนดส่ง: รายงานเดือนสิงหาคม 2569 (กำหนด 5 ก.ย. 2569)" in staff
    assert "กันยายน 2569" not in staff  # due 5 October: five days away
    mail.outbox.clear()
    frozen(dt.datetime(2026, 10, 2, 7, 0))
    send_digests()
    assert "ใกล้กำหนดส่ง: รายงานเดือนกันยายน 2569 ส่งภายใน 5 ต.ค. 2569" in bodies_to(
        "own_staff@example.org"
    )
    mail.outbox.clear()
    frozen(dt.datetime(2026, 11, 7, 7, 0))  # October 2026 is FY 2570: due 10 November
    send_digests()
    staff = bodies_to("own_staff@example.org")
    assert "ใกล้กำหนดส่ง: รายงานเดือนตุลาคม 2569 ส่งภายใน 10 พ.ย. 2569" in staff


def test_the_strategy_office_gets_months_and_lessons_waiting(people, phranakhon, frozen):
    from tests.lessons.factories import make_lesson

    frozen(dt.datetime(2025, 11, 3, 7, 0))
    services.reporting_month_submit(
        district=phranakhon, month=dt.date(2025, 10, 1), by=people["own_staff"]
    )
    from lessons import services as lessons

    lesson = make_lesson(people["mentor"])
    lessons.lesson_submit(lesson=lesson, by=people["mentor"])
    send_digests()
    body = bodies_to("strategy@example.org")
    assert "รายงานประจำเดือนรออนุมัติ 1 รายการ" in body
    assert "เขตพระนคร ตุลาคม 2568" in body
    assert "บทเรียนรอพิจารณา 1 เรื่อง" in body


def test_users_who_chose_none_get_the_bell_but_no_email(people, frozen):
    services.notice_preference_set(user=people["own_staff"], mode="none")
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    send_digests()
    assert bodies_to("own_staff@example.org") == ""
    notice = Notice.objects.get(user=people["own_staff"])
    assert "เลยกำหนดส่ง" in notice.text and notice.emailed_at is None


def test_immediate_users_get_each_event_at_once_and_daily_users_in_the_digest(
    people, phranakhon, frozen, django_capture_on_commit_callbacks
):
    services.notice_preference_set(user=people["strategy"], mode="immediate")
    frozen(dt.datetime(2025, 11, 3, 7, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.reporting_month_submit(
            district=phranakhon, month=dt.date(2025, 10, 1), by=people["own_staff"]
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["strategy@example.org"]
    assert "เขตพระนคร ส่งรายงานเดือนตุลาคม 2568 แล้ว" in mail.outbox[0].body
    # the mentor is on the daily mode (the default): the notice waits for the digest
    send_digests()
    assert "เขตพระนคร ส่งรายงานเดือนตุลาคม 2568 แล้ว" in bodies_to("mentor@example.org")
    frozen(dt.datetime(2025, 11, 4, 7, 0))
    mail.outbox.clear()
    send_digests()
    assert "ส่งรายงานเดือนตุลาคม" not in bodies_to("mentor@example.org")


def test_the_command_prints_a_summary(people, frozen, capsys):
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    call_command("send_digests")
    assert "e-mailed" in capsys.readouterr().out
    call_command("send_digests", "--date", "2025-11-06")
    assert "0 e-mailed" in capsys.readouterr().out


def test_the_bell_shows_the_unread_count_and_reading_clears_it(people, phranakhon, login):
    from tests.reporting.factories import last_month

    services.reporting_month_submit(district=phranakhon, month=last_month(), by=people["own_staff"])
    client = login(people["strategy"])
    page = client.get("/reporting/notices/").content.decode()
    assert 'id="unread-count">1<' in page
    assert "ส่งรายงานเดือน" in page
    client.post("/reporting/notices/", {"mark_read": "1"})
    assert 'id="unread-count"' not in client.get("/reporting/notices/").content.decode()


def test_users_choose_their_notice_mode(people, login):
    client = login(people["own_staff"])
    client.post("/reporting/notices/", {"mode": "immediate"})
    assert services.mode_of(User.objects.get(pk=people["own_staff"].pk)) == "immediate"
