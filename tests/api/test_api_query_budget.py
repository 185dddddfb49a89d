"""Each list endpoint runs a fixed number of queries however many rows a page holds."""

import datetime as dt

import pytest

from districts.models import District
from mentoring.models import MentoringSession
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import approved_lesson
from training.models import Course, CourseRun

pytestmark = pytest.mark.django_db

# Every list: 1 the session, 2 the user, 3 the page of rows (with its related rows joined);
# sessions also prefetch 4 their mentees and 5 their trainers; courses 4 their modules.
BUDGET = 3
EXTRA = {"sessions": 2, "courses": 1}


@pytest.fixture
def many(bangphlat, staff_bangphlat, strategy):
    for _ in range(5):
        community = CommunityFactory(district=bangphlat)
        ActivityFactory(community=community)
    for n in range(3):
        approved_lesson(staff_bangphlat, strategy, title=f"บทเรียน {n}")
    for n in range(3):
        session = MentoringSession.objects.create(
            date=dt.date(2025, 8, n + 1),
            mentor=bangphlat,
            kind="training",
            topics="บัญชี",
            attendee_count=9,
        )
        session.mentees.set(District.objects.filter(code__in=["1001", "1002"]))
    for n in range(3):
        course = Course.objects.create(title=f"หลักสูตร {n}")
        CourseRun.objects.create(
            course=course, host=bangphlat, starts_on=dt.date(2025, 8, 4),
            ends_on=dt.date(2025, 8, 5), capacity=5, venue="ห้อง",
        )  # fmt: skip


@pytest.mark.parametrize(
    "endpoint",
    [
        "districts",
        "communities",
        "activities",
        "snapshots",
        "pairings",
        "sessions",
        "stage-changes",
        "lessons",
        "handbook-editions",
        "activity-types",
        "courses",
        "course-runs",
    ],
)
def test_a_list_page_runs_a_fixed_number_of_queries(
    endpoint, login, strategy, many, django_assert_max_num_queries
):
    client = login(strategy)
    with django_assert_max_num_queries(BUDGET + EXTRA.get(endpoint, 0)):
        response = client.get(f"/api/v1/{endpoint}/", {"page_size": 500})
    assert response.status_code == 200
