"""Training on other pages: the district page, the mentor and the strategy dashboards."""

import pytest
from django.urls import reverse

from mentoring.models import Pairing
from training import services
from training.models import RunStatus


@pytest.fixture
def certified(run, sessions, leader, staff_bangphlat):
    for session in sessions:
        services.attendance_record(
            session=session, participant=leader, present=True, by=staff_bangphlat
        )
    services.assessment_record(participant=leader, kind="post", score=90, by=staff_bangphlat)
    for status in (RunStatus.OPEN, RunStatus.RUNNING, RunStatus.COMPLETED):
        services.course_run_transition(run=run, to=status, by=staff_bangphlat)
    return leader


def test_the_district_page_counts_who_was_trained(login, staff_mentee, certified):
    page = login(staff_mentee).get(reverse("districts:detail", args=["1001"])).content.decode()
    assert 'id="training-panel"' in page
    assert "ยังไม่มีผู้ผ่านการอบรมจากเขตนี้" not in page


def test_a_district_with_nobody_trained_stands_out(login, staff_mentee, run):
    page = login(staff_mentee).get(reverse("districts:detail", args=["1001"])).content.decode()
    assert "ยังไม่มีผู้ผ่านการอบรมจากเขตนี้" in page


def test_the_panel_lists_only_runs_the_user_may_see(login, staff_outsider, run, outsider_district):
    url = reverse("districts:detail", args=["1025"])
    page = login(staff_outsider).get(url).content.decode()
    assert reverse("training:run_detail", args=[run.pk]) not in page


def test_the_mentor_dashboard_shows_its_mentees_coverage(
    login, staff_bangphlat, bangphlat, phranakhon, certified
):
    Pairing.objects.create(mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01")
    page = login(staff_bangphlat).get(reverse("dashboard:mentor")).content.decode()
    assert 'id="training-coverage"' in page and "การอบรมของเขตที่ดูแล" in page


def test_the_strategy_dashboard_links_to_coverage(login, strategy, certified):
    page = login(strategy).get(reverse("dashboard:home")).content.decode()
    assert 'id="training-coverage"' in page
    assert reverse("training:coverage") in page
