"""Every API endpoint × every role × another district's objects: the same answers as the
pages (404 where a page would not show the object, masked fields where a page masks them)."""

import datetime as dt

import pytest

from communities.models import IndicatorSnapshot
from districts.models import District
from handbook.models import Edition
from mentoring.models import MentoringSession, StageChange, StageChangeStatus
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import approved_lesson, make_lesson
from training.models import Course, CourseRun

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "portal_admin", "strategy", "staff_bangphlat", "staff_mentee"]


@pytest.fixture
def objects(bangphlat, staff_bangphlat, strategy):
    """Bang Phlat's objects, none of them visible to Phra Nakhon's staff except where noted."""
    community = CommunityFactory(district=bangphlat)
    other_mentee = District.objects.exclude(code__in=["1025", "1001"]).order_by("code").first()
    session = MentoringSession.objects.create(
        date=dt.date(2025, 8, 4), mentor=bangphlat, kind="training", topics="บัญชี", attendee_count=9
    )
    session.mentees.set([other_mentee])
    return {
        "community": community,
        "activity": ActivityFactory(community=community),
        "snapshot": IndicatorSnapshot.objects.create(
            community=community, year=2568, households_surveyed=40
        ),
        "draft": make_lesson(staff_bangphlat, title="ร่างบทเรียน"),
        "approved": approved_lesson(
            staff_bangphlat,
            strategy,
            title="บทเรียนที่อนุมัติ",
            interviewees=[{"name": "นางสมศรี ใจดี", "role": "ประธานชุมชน", "consent": False}],
        ),
        "session": session,
        "proposal": StageChange.objects.create(
            district=bangphlat,
            stage="implementing",
            previous_stage="preparing",
            reason="พร้อมแล้ว",
            author=staff_bangphlat,
            status=StageChangeStatus.PROPOSED,
        ),
        # A run Bang Phlat holds for another district (not Phra Nakhon).
        "run": _run(bangphlat, other_mentee),
        "edition": Edition.objects.create(
            title="คู่มือเขตบางพลัด",
            number=1,
            selection="district",
            selection_value="1025",
            content_hash="x" * 64,
            status="ready",
            published=False,
            file="handbooks/bangphlat-1.pdf",
            requested_by=staff_bangphlat,
        ),
    }


def _run(host, invited):
    run = CourseRun.objects.create(
        course=Course.objects.create(title="หลักสูตรทดสอบ"),
        host=host,
        starts_on=dt.date(2025, 8, 4),
        ends_on=dt.date(2025, 8, 5),
        capacity=10,
        venue="ห้องประชุม",
    )
    run.target_districts.set([invited])
    return run


# (endpoint, object) → the roles that read it; every other logged-in role gets 404.
READERS = {
    ("communities", "community"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("activities", "activity"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("snapshots", "snapshot"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("lessons", "draft"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("lessons", "approved"): {"portal_admin", "strategy", "staff_bangphlat", "staff_mentee"},
    ("sessions", "session"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("stage-changes", "proposal"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("handbook-editions", "edition"): {"portal_admin", "strategy", "staff_bangphlat"},
    ("course-runs", "run"): {"portal_admin", "strategy", "staff_bangphlat"},
}


def client_for(role, request, client, login):
    if role == "anonymous":
        return client
    return login(request.getfixturevalue(role))


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_the_pages_do(role, request, client, login, objects):
    api = client_for(role, request, client, login)
    for (endpoint, name), readers in READERS.items():
        obj = objects[name]
        detail = api.get(f"/api/v1/{endpoint}/{obj.pk}/")
        listed = api.get(f"/api/v1/{endpoint}/")
        if role == "anonymous":
            assert (detail.status_code, listed.status_code) == (401, 401), endpoint
            continue
        ids = [row["id"] for row in listed.json()["results"]]
        if role in readers:
            assert detail.status_code == 200, (endpoint, name, role)
            assert obj.pk in ids, (endpoint, name, role)
        else:
            assert detail.status_code == 404, (endpoint, name, role)
            assert obj.pk not in ids, (endpoint, name, role)


@pytest.mark.parametrize("role", ROLES)
def test_public_reference_endpoints_need_only_a_login(role, request, client, login, objects):
    api = client_for(role, request, client, login)
    expected = 401 if role == "anonymous" else 200
    for url in [
        "/api/v1/districts/",
        "/api/v1/districts/1025/",
        "/api/v1/pairings/",
        "/api/v1/courses/",
    ]:
        assert api.get(url).status_code == expected, url
    dashboard = api.get("/api/v1/dashboard/", {"fy": 2568}).status_code
    assert dashboard == expected


@pytest.mark.parametrize(
    ("role", "sees_contact"),
    [
        ("portal_admin", True),
        ("strategy", False),
        ("staff_bangphlat", True),
    ],
)
def test_the_chairs_contact_is_masked_as_on_the_community_page(
    role, sees_contact, request, login, objects, client
):
    api = client_for(role, request, client, login)
    row = api.get(f"/api/v1/communities/{objects['community'].pk}/").json()
    assert (row["chair_phone"] == "081-234-5678") is sees_contact
    assert (row["chair_name"] is None) is not sees_contact


@pytest.mark.parametrize(
    ("role", "sees_name"),
    [
        ("portal_admin", True),
        ("strategy", False),
        ("staff_bangphlat", True),
        ("staff_mentee", False),
    ],
)
def test_interviewees_names_follow_their_consent_as_on_the_lesson_page(
    role, sees_name, request, login, objects, client
):
    api = client_for(role, request, client, login)
    shown = api.get(f"/api/v1/lessons/{objects['approved'].pk}/").json()["shown"]
    text = " ".join(shown["interviewees"])
    assert ("นางสมศรี" in text) is sees_name
    assert "ประธานชุมชน" in text


def test_outsiders_read_the_approved_text_never_the_working_copy(
    login, staff_bangphlat, staff_mentee, objects
):
    from lessons import services

    lesson = objects["approved"]
    services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, title="แก้ไขใหม่ยังไม่อนุมัติ"
    )
    own = login(staff_bangphlat).get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert own["title"] == "แก้ไขใหม่ยังไม่อนุมัติ"
    other = login(staff_mentee).get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert other["title"] == "บทเรียนที่อนุมัติ"
    assert other["status"] == "approved"


def test_the_handbook_download_link_is_given_only_to_those_who_may_download(
    login, staff_bangphlat, strategy, objects
):
    url = f"/api/v1/handbook-editions/{objects['edition'].pk}/"
    link = login(staff_bangphlat).get(url).json()["download_url"]
    assert link.endswith(f"/handbook/editions/{objects['edition'].pk}/download/")


@pytest.mark.parametrize("role", ROLES)
def test_a_runs_participants_and_sessions_answer_as_the_run_does(
    role, request, client, login, objects
):
    api = client_for(role, request, client, login)
    run = objects["run"]
    readers = READERS[("course-runs", "run")]
    expected = 401 if role == "anonymous" else 200 if role in readers else 404
    for part in ("participants", "sessions"):
        assert api.get(f"/api/v1/course-runs/{run.pk}/{part}/").status_code == expected, part
    # Writing needs the host or the strategy office; an unseen run stays a 404.
    body = {"date": "2025-08-04", "title": "วันแรก"}
    answer = api.post(
        f"/api/v1/course-runs/{run.pk}/sessions/", body, content_type="application/json"
    )
    writers = {"portal_admin", "strategy", "staff_bangphlat"}
    assert answer.status_code == (401 if role == "anonymous" else 201 if role in writers else 404)
