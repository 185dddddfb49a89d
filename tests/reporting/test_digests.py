"""send_digests with a frozen clock: reminders before the due day and when overdue, the
mentor's and the strategy office's digests, preferences, once per user per day, the fiscal
year's edges (30 September / 1 October) and a month with nothing entered."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from notices.digests import send_digests
from notices.models import DigestSent, Notice
from notices.services import mode_of, notice_preference_set
from periods.models import ReportingDeadline
from periods.services import deadline_set
from reporting import services

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
    notice_preference_set(user=people["own_staff"], mode="none")
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    send_digests()
    assert bodies_to("own_staff@example.org") == ""
    notice = Notice.objects.get(user=people["own_staff"])
    assert "เลยกำหนดส่ง" in notice.text and notice.emailed_at is None


def test_immediate_users_get_each_event_at_once_and_daily_users_in_the_digest(
    people, phranakhon, frozen, django_capture_on_commit_callbacks
):
    notice_preference_set(user=people["strategy"], mode="immediate")
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
    assert mode_of(User.objects.get(pk=people["own_staff"].pk)) == "immediate"


@pytest.mark.parametrize("due_day", [1, 5, 28])
def test_the_reminder_comes_on_the_three_days_before_the_due_day_and_on_the_day(
    people, frozen, due_day
):
    """ "A few days before": the fiscal year's own due day minus three days, up to the day
    itself; from the next day the month is overdue."""
    deadline_set(fiscal_year=2569, due_day=due_day, by=people["strategy"])
    due = dt.date(2025, 11, due_day)  # October 2025 (FY 2569) is due in November
    soon, late = "ใกล้กำหนดส่ง: รายงานเดือนตุลาคม 2568", "เลยกำหนดส่ง: รายงานเดือนตุลาคม 2568"
    seen = {}
    for offset in range(-5, 2):
        day = due + dt.timedelta(days=offset)
        mail.outbox.clear()
        frozen(dt.datetime.combine(day, dt.time(7, 0)))
        send_digests()
        staff = bodies_to("own_staff@example.org")
        seen[offset] = "soon" if soon in staff else "late" if late in staff else None
    assert seen == {-5: None, -4: None, -3: "soon", -2: "soon", -1: "soon", 0: "soon", 1: "late"}


def test_a_change_of_the_due_day_moves_the_reminders_at_once(people, frozen):
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    send_digests()
    assert "เลยกำหนดส่ง: รายงานเดือนตุลาคม 2568 (กำหนด 5 พ.ย. 2568)" in bodies_to(
        "own_staff@example.org"
    )
    deadline_set(fiscal_year=2569, due_day=9, by=people["strategy"])
    mail.outbox.clear()
    frozen(dt.datetime(2025, 11, 7, 7, 0))
    send_digests()
    assert "ใกล้กำหนดส่ง: รายงานเดือนตุลาคม 2568 ส่งภายใน 9 พ.ย. 2568" in bodies_to(
        "own_staff@example.org"
    )


def test_the_day_is_bangkoks_day_not_utcs(people, frozen):
    """00:05 and 23:55 in Bangkok are one day (two UTC dates): one digest; 00:05 the next
    morning is a new day."""
    frozen(dt.datetime(2025, 11, 6, 0, 5))  # 5 November 17:05 UTC
    send_digests()
    first = len(mail.outbox)
    assert first >= 2
    assert set(DigestSent.objects.values_list("day", flat=True)) == {dt.date(2025, 11, 6)}
    frozen(dt.datetime(2025, 11, 6, 23, 55))
    send_digests()
    assert len(mail.outbox) == first
    frozen(dt.datetime(2025, 11, 7, 0, 5))
    send_digests()
    assert len(mail.outbox) == 2 * first


def test_across_30_september_and_1_october_each_user_gets_one_digest_a_day(people, frozen):
    for moment in [
        dt.datetime(2026, 9, 30, 7, 0),
        dt.datetime(2026, 9, 30, 23, 59),  # the same day again: nothing
        dt.datetime(2026, 10, 1, 0, 1),  # a new fiscal year and a new day
        dt.datetime(2026, 10, 1, 7, 0),
    ]:
        frozen(moment)
        call_command("send_digests")
    per_user_and_day = {}
    for message in mail.outbox:
        key = (tuple(message.to), message.subject)
        per_user_and_day[key] = per_user_and_day.get(key, 0) + 1
    assert per_user_and_day and set(per_user_and_day.values()) == {1}
    assert {subject for _to, subject in per_user_and_day} == {
        "[บางพลัดโมเดล] สรุปประจำวันที่ 30 ก.ย. 2569",
        "[บางพลัดโมเดล] สรุปประจำวันที่ 1 ต.ค. 2569",
    }
    staff = [m.body for m in mail.outbox if m.to == ["own_staff@example.org"]]
    assert len(staff) == 2
    # September belongs to FY 2569 and is due 5 October: not yet reminded on 1 October
    assert "กันยายน 2569" not in staff[1] and "เลยกำหนดส่ง: รายงานเดือนสิงหาคม 2569" in staff[1]


def test_the_digest_of_a_user_who_chose_none_is_also_once_a_day(people, frozen):
    notice_preference_set(user=people["own_staff"], mode="none")
    frozen(dt.datetime(2025, 11, 6, 7, 0))
    send_digests()
    send_digests()
    assert Notice.objects.filter(user=people["own_staff"]).count() == 1
    assert bodies_to("own_staff@example.org") == ""
