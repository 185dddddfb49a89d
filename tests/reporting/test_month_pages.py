"""One district's month page: who sees it, what each role may press, and what happens."""

import pytest

from periods.models import ReportingMonth
from tests.reporting.factories import month_in

pytestmark = pytest.mark.django_db


def url(district, month, suffix=""):
    return f"/reporting/{district.code}/{month:%Y-%m}/{suffix}"


def test_district_staff_submit_their_month_from_its_page(actors, phranakhon, login):
    month = month_in("open", actors, phranakhon)
    client = login(actors["own_staff"])
    page = client.get(url(phranakhon, month))
    assert "ส่งรายงานเดือนนี้" in page.content.decode()
    response = client.post(url(phranakhon, month, "transition/"), {"action": "submit"}, follow=True)
    # The confirmation says what went: the month, its figures and the state it is in now.
    assert "ส่งรายงานเดือน" in response.content.decode()
    assert "0 กิจกรรม ผู้เข้าร่วม 0 คน จาก 0 ชุมชน สถานะ “ส่งแล้ว รอตรวจ”" in response.content.decode()
    assert ReportingMonth.objects.get(district=phranakhon, month=month).status == "submitted"


def test_a_return_without_a_reason_shows_a_thai_message_and_changes_nothing(
    actors, phranakhon, login
):
    month = month_in("submitted", actors, phranakhon)
    client = login(actors["strategy"])
    response = client.post(
        url(phranakhon, month, "transition/"), {"action": "return", "comment": ""}, follow=True
    )
    assert "กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข" in response.content.decode()
    assert ReportingMonth.objects.get(district=phranakhon, month=month).status == "submitted"


def test_an_action_the_user_may_not_take_is_refused_with_a_message_not_an_error(
    actors, phranakhon, login
):
    month = month_in("submitted", actors, phranakhon)
    client = login(actors["own_staff"])
    response = client.post(
        url(phranakhon, month, "transition/"), {"action": "approve"}, follow=True
    )
    assert response.status_code == 200
    assert "คุณทำขั้นตอนนี้กับเดือนนี้ไม่ได้" in response.content.decode()


def test_other_districts_staff_cannot_open_the_month(actors, phranakhon, login):
    month = month_in("open", actors, phranakhon)
    assert login(actors["other_staff"]).get(url(phranakhon, month)).status_code == 404


def test_the_mentor_sees_the_check_button_on_a_submitted_month(actors, phranakhon, login):
    month = month_in("submitted", actors, phranakhon)
    assert "ตรวจแล้ว" in login(actors["mentor"]).get(url(phranakhon, month)).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, phranakhon):
    assert client.get("/reporting/1001/2025-08/").status_code == 302


def test_a_bad_month_in_the_address_is_not_found(actors, phranakhon, login):
    assert login(actors["own_staff"]).get("/reporting/1001/2025-13/").status_code == 404


def test_the_strategy_office_sets_the_due_day_of_a_fiscal_year(strategy, staff_mentee, login):
    from django.utils import timezone

    from bangphlat.thai import fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    assert login(staff_mentee).get("/reporting/deadlines/").status_code == 403
    client = login(strategy)
    client.post("/reporting/deadlines/", {"fiscal_year": year, "due_day": 10})
    from periods.models import ReportingDeadline

    assert ReportingDeadline.objects.get(fiscal_year=year).due_day == 10
    assert "ภายในวันที่ 10 ของเดือนถัดไป" in client.get("/reporting/").content.decode()
    response = client.post("/reporting/deadlines/", {"fiscal_year": year, "due_day": 31})
    assert response.status_code == 200
    assert ReportingDeadline.objects.get(fiscal_year=year).due_day == 10


def test_the_month_page_stays_within_its_query_budget(
    actors, phranakhon, login, django_assert_max_num_queries
):
    month = month_in("checked", actors, phranakhon)
    client = login(actors["strategy"])
    client.get("/reporting/notices/")  # the bell's count is cached from here on
    # session, user, district, the month with its transitions and their users (3), due day,
    # the month's live summary
    with django_assert_max_num_queries(8):
        assert client.get(url(phranakhon, month)).status_code == 200


def test_the_notices_page_stays_within_its_query_budget(
    actors, phranakhon, login, django_assert_max_num_queries
):
    month_in("submitted", actors, phranakhon)
    client = login(actors["strategy"])
    # session, user, the preference, the notices, the bell's count, the nav's count of
    # lessons waiting (strategy office)
    with django_assert_max_num_queries(6):
        assert client.get("/reporting/notices/").status_code == 200


def test_the_district_page_shows_its_months_to_those_who_may_read_them(actors, phranakhon, login):
    from django.utils import timezone

    from reporting import services

    this_month = timezone.localdate().replace(day=1)  # always in this fiscal year
    # The current month has not ended: only an early submission, with its reason, sends it.
    services.reporting_month_submit_early(
        district=phranakhon, month=this_month, by=actors["own_staff"], comment="ย้ายงานสิ้นเดือน"
    )
    page = login(actors["own_staff"]).get(f"/districts/{phranakhon.code}/").content.decode()
    assert 'id="reporting-panel"' in page and "ส่งแล้ว รอตรวจ" in page
    other = login(actors["other_staff"]).get(f"/districts/{phranakhon.code}/").content.decode()
    assert 'id="reporting-panel"' not in other
