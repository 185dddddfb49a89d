"""Sending a month as district staff see it: a month is sent once it has ended (earlier only
by its own step, with a reason), the checks before sending, what the confirmation says, their
own months as a list and months not yet due never shown as late."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.models import ConfirmedOutlier
from periods.models import ReportingMonth
from reporting import services
from reporting.models import ReportingTransition
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.reporting.factories import last_month, month_in

pytestmark = pytest.mark.django_db


def this_month():
    return timezone.localdate().replace(day=1)


def url(district, month, suffix=""):
    return f"/reporting/{district.code}/{month:%Y-%m}/{suffix}"


def test_a_plain_submit_of_the_current_month_is_refused_with_a_thai_message(
    actors, phranakhon, login
):
    client = login(actors["own_staff"])
    response = client.post(url(phranakhon, this_month(), "transition/"), {"action": "submit"}, follow=True)  # fmt: skip
    body = response.content.decode()
    assert "ยังไม่สิ้นเดือน" in body and "ส่งก่อนสิ้นเดือน" in body
    assert not ReportingMonth.objects.filter(status="submitted").exists()


def test_an_early_submit_needs_a_reason_and_records_it(actors, phranakhon, login):
    client = login(actors["own_staff"])
    address = url(phranakhon, this_month(), "transition/")
    body = client.post(address, {"action": "early", "comment": " "}, follow=True).content.decode()
    assert "กรุณาระบุเหตุผลที่ต้องส่งก่อนสิ้นเดือน" in body
    assert not ReportingTransition.objects.exists()
    client.post(address, {"action": "early", "comment": "ผู้รับผิดชอบย้ายงานสิ้นเดือน"})
    step = ReportingTransition.objects.get()
    assert (step.action, step.to_status) == ("early", "submitted")
    assert step.comment == "ผู้รับผิดชอบย้ายงานสิ้นเดือน"
    history = client.get(url(phranakhon, this_month())).content.decode()
    assert "ส่งก่อนสิ้นเดือน" in history and "ผู้รับผิดชอบย้ายงานสิ้นเดือน" in history


def test_an_ended_month_is_not_sent_by_the_early_step(actors, phranakhon):
    with pytest.raises(ValidationError):
        services.reporting_month_submit_early(
            district=phranakhon, month=last_month(), by=actors["own_staff"], comment="เหตุผล"
        )


def test_the_current_months_page_says_not_due_and_offers_only_the_early_step(
    actors, phranakhon, login
):
    body = login(actors["own_staff"]).get(url(phranakhon, this_month())).content.decode()
    status = body.split('id="month-status"')[1].split("</span>")[0]
    assert "ยังไม่ถึงกำหนด" in status and "ยังไม่ส่ง" not in status
    assert 'value="early"' in body and 'value="submit"' not in body
    assert "เดือนนี้ยังไม่สิ้นเดือน ส่งรายงานได้ตั้งแต่" in body


def test_the_checklist_names_what_to_look_at_before_sending(actors, phranakhon, login):
    month = last_month()
    CommunityFactory(district=phranakhon, name="ชุมชนเงียบ")
    busy = CommunityFactory(district=phranakhon, name="ชุมชนคึกคัก")
    # Five usual activities of the type (outside the month), one far above them in the month.
    for day in range(1, 6):
        ActivityFactory(community=busy, date=month - dt.timedelta(days=day * 30), participants_total=10, participants_women=0, outcome="ดี")  # fmt: skip
    ActivityFactory(community=busy, date=month, title="งานใหญ่ผิดปกติ", participants_total=100, participants_women=0, outcome="")  # fmt: skip
    confirmed = ActivityFactory(community=busy, date=month.replace(day=2), title="งานใหญ่ที่ยืนยันแล้ว", participants_total=90, participants_women=0, outcome="ได้ผล")  # fmt: skip
    ConfirmedOutlier.objects.create(activity=confirmed, participants=90, district_median=10)
    body = login(actors["own_staff"]).get(url(phranakhon, month)).content.decode()
    checklist = body.split('id="checklist"')[1]
    communities = checklist.split('id="check-communities"')[1].split("</li>")[0]
    assert "ชุมชนเงียบ" in communities and "ชุมชนคึกคัก" not in communities
    assert "1 จาก 2 ชุมชน" in communities
    outliers = checklist.split('id="check-outliers"')[1].split('id="check-outcome"')[0]
    assert "งานใหญ่ผิดปกติ" in outliers and "งานใหญ่ที่ยืนยันแล้ว" not in outliers
    assert "ค่ากลางของเขต 10 คน" in outliers
    outcome = checklist.split('id="check-outcome"')[1].split('id="check-photo"')[0]
    assert "งานใหญ่ผิดปกติ" in outcome and "งานใหญ่ที่ยืนยันแล้ว" not in outcome
    photo = checklist.split('id="check-photo"')[1]
    assert "กิจกรรมที่ยังไม่มีรูป 2 กิจกรรม" in photo
    # What will be sent, said before sending, to whom.
    sent = body.split('id="what-is-sent"')[1].split("</p>")[0]
    assert "2 กิจกรรม ผู้เข้าร่วม 190 คน จาก 1 ชุมชน" in sent
    assert "สำนักยุทธศาสตร์และประเมินผล" in sent and "เขตบางพลัด" in sent


def test_the_checklist_is_only_for_those_who_send(actors, phranakhon, login):
    body = login(actors["strategy"]).get(url(phranakhon, last_month())).content.decode()
    assert 'id="checklist"' not in body


def test_the_checklist_queries_are_bounded(actors, phranakhon, django_assert_max_num_queries):
    from reporting.checklist import month_checklist

    month = last_month()
    for number in range(12):
        community = CommunityFactory(district=phranakhon)
        ActivityFactory(
            community=community, date=month.replace(day=1 + number), participants_women=0
        )
    # the communities, the month's activities (photos counted, confirmations), the type medians
    with django_assert_max_num_queries(3):
        month_checklist(district=phranakhon, month=month)


def test_district_staff_read_their_own_months_not_the_grid(actors, phranakhon, login):
    month_in("submitted", actors, phranakhon)
    body = login(actors["own_staff"]).get("/reporting/").content.decode()
    assert 'id="completeness"' not in body
    months = body.split('id="my-months"')[1]
    assert f'data-month="{last_month():%Y-%m}"' in months
    current = months.split(f'data-month="{this_month():%Y-%m}"')[1].split("</li>")[0]
    assert "ยังไม่ถึงกำหนด" in current and "ยังไม่ส่ง" not in current
    strategy = login(actors["strategy"]).get("/reporting/").content.decode()
    assert 'id="completeness"' in strategy


def test_a_mentor_reads_its_mentees_months_below_its_own(actors, phranakhon, login):
    body = login(actors["mentor"]).get("/reporting/").content.decode()
    assert 'id="my-months"' in body
    assert "เขตพระนคร" in body.split('id="mentee-months"')[1]


def test_the_report_card_says_why_sent_and_on_time_differ(actors, phranakhon, login, frozen):
    # October 2569 B.E. sent on 20 November, after its due date (5 November).
    frozen(dt.datetime(2026, 11, 20, 9, 0))
    month_in("submitted", actors, phranakhon, month=dt.date(2026, 10, 1))
    panel = login(actors["own_staff"]).get(f"/districts/{phranakhon.code}/").content.decode()
    card = panel.split('id="reporting-panel"')[1]
    assert "ส่งแล้ว 1 / 1 · ส่งตรงเวลา 0 / 1" in card
    assert "ส่งหลังกำหนด 1 เดือน" in card
    # November: not counted yet, said so, and its badge is not "not sent".
    assert "พฤศจิกายน 2569 ยังไม่ถึงกำหนด (กำหนดส่ง 5 ธ.ค. 2569) จึงยังไม่นับ" in card
    assert "พ.ย. 69: ยังไม่ถึงกำหนด" in card and "ยังไม่ส่ง" not in card
