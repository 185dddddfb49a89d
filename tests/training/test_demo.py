"""training.demo: courses with a test, runs for the pilots' mentees, completed runs with
certificates issued by the real rule, and a second run that adds nothing."""

import datetime as dt
import io
import random

import pytest

from accounts.models import Role
from mentoring.models import Pairing
from tests.conftest import make_user
from training import demo, services
from training.models import Certificate, Course, CourseRun, Participant, RunStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing(bangphlat, phranakhon):
    make_user("staff1025", Role.DISTRICT_STAFF, bangphlat)
    make_user("staff1001", Role.DISTRICT_STAFF, phranakhon)
    return Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date=dt.date(2025, 1, 1), status="active"
    )


def seed():
    return demo.seed(scale="small", rng=random.Random("2568:training.demo"), stdout=io.StringIO())


def test_the_demo_seeds_runs_with_certificates_by_the_rule_and_only_once(pairing):
    summary = seed()
    assert "2 runs" in summary
    assert Course.objects.get(title=demo.COURSES[0][0]).questions.count() == len(demo.QUESTIONS)
    done, upcoming = CourseRun.objects.order_by("starts_on")
    assert (done.status, upcoming.status) == (RunStatus.COMPLETED, RunStatus.OPEN)
    assert done.participants.filter(status="waitlisted").count() == 2
    assert done.participants.filter(user__username="staff1001").exists()
    for person in done.participants.filter(status="enrolled"):
        present = person.attendance.filter(present=True).count()
        post = person.assessments.get(kind="post").score
        expected = services.qualifies(
            present=present, sessions=demo.SESSION_DAYS, post_score=post, pass_mark=60
        )
        assert hasattr(person, "certificate") is expected
    before = (Participant.objects.count(), Certificate.objects.count())
    assert "already seeded" in seed()
    assert (Participant.objects.count(), Certificate.objects.count()) == before


def test_without_pairings_the_demo_makes_courses_only(db):
    assert "no pairings" in seed()
    assert Course.objects.count() == 2
    assert not CourseRun.objects.exists()
