"""The training endpoints of /api/v1/ for every role: who creates, who reads, what is masked,
exactly once per submission key, and never a 500 on odd input."""

import uuid

import pytest

from training import services
from training.models import Assessment, Attendance, CourseRun, Participant

pytestmark = pytest.mark.django_db

ROLES = ["portal_admin", "strategy", "staff_bangphlat", "staff_mentee", "staff_outsider"]


def run_body(the_course, **extra):
    return {
        "course": the_course.pk,
        "host_district": "1025",
        "starts_on": "2025-08-04",
        "ends_on": "2025-08-08",
        "capacity": 2,
        "target_districts": ["1001"],
        "venue": "สำนักงานเขตบางพลัด",
        **extra,
    }


def as_role(role, request, login):
    return login(request.getfixturevalue(role))


def test_courses_list_their_modules_in_order_and_the_pass_mark(login, staff_mentee, course):
    rows = login(staff_mentee).get("/api/v1/courses/").json()["results"]
    assert [(r["id"], r["title"], r["pass_mark"]) for r in rows] == [(course.pk, course.title, 60)]
    assert [m["title"] for m in rows[0]["modules"]] == ["หน่วยที่ 1", "หน่วยที่ 2"]


def test_anonymous_gets_401_everywhere(client, run):
    for url in [
        "/api/v1/courses/",
        "/api/v1/course-runs/",
        f"/api/v1/course-runs/{run.pk}/participants/",
    ]:
        assert client.get(url).status_code == 401, url
    for url in ["/api/v1/course-runs/", "/api/v1/attendance/", "/api/v1/assessments/"]:
        assert client.post(url, {}, content_type="application/json").status_code == 401, url


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("portal_admin", 201),
        ("strategy", 201),
        ("staff_bangphlat", 201),
        ("staff_mentee", 403),  # a non-pilot district
        ("staff_other_pilot", 403),  # a pilot, but not the host
    ],
)
def test_who_creates_a_run(role, expected, request, login, course):
    response = as_role(role, request, login).post(
        "/api/v1/course-runs/", run_body(course), content_type="application/json"
    )
    assert response.status_code == expected, response.content
    if expected == 201:
        run = CourseRun.objects.get(pk=response.json()["id"])
        assert (run.host.code, [d.code for d in run.target_districts.all()]) == ("1025", ["1001"])
    else:
        assert not CourseRun.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"host_district": "1001"},  # not a pilot
        {"host_district": "9999"},
        {"course": 999999},
        {"ends_on": "2025-08-01"},
        {"capacity": 0},
        {"capacity": "many"},
        {"venue": ""},
        {"target_districts": ["x"]},
        {"target_districts": "1001"},
        {"starts_on": "31/12/2568"},
        {"trainers": [123456]},
        {"course": 10**30},
    ],
)
def test_a_bad_run_is_a_400_in_thai_and_saves_nothing(change, login, strategy, course):
    response = login(strategy).post(
        "/api/v1/course-runs/", run_body(course, **change), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert not CourseRun.objects.exists()


READERS = {"portal_admin", "strategy", "staff_bangphlat", "staff_mentee"}


@pytest.mark.parametrize("role", ROLES)
def test_a_run_is_seen_by_its_host_invited_districts_and_the_strategy_office(
    role, request, login, run, leader
):
    api = as_role(role, request, login)
    listed = [row["id"] for row in api.get("/api/v1/course-runs/").json()["results"]]
    detail = api.get(f"/api/v1/course-runs/{run.pk}/")
    people = api.get(f"/api/v1/course-runs/{run.pk}/participants/")
    sessions = api.get(f"/api/v1/course-runs/{run.pk}/sessions/")
    if role in READERS:
        assert (run.pk in listed, detail.status_code, people.status_code) == (True, 200, 200)
        assert sessions.status_code == 200
        assert len(people.json()) == 1
    else:
        assert (run.pk in listed, detail.status_code, people.status_code) == (False, 404, 404)
        assert sessions.status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_name"),
    [
        ("portal_admin", True),
        ("strategy", False),  # counts, not names: the interviewees' rule
        ("staff_bangphlat", True),  # the host that recorded them
        ("staff_mentee", True),  # the person's own district
    ],
)
def test_participants_names_follow_the_personal_data_rule(
    role, sees_name, request, login, run, leader, other_pilot, staff_bangphlat
):
    stranger = services.participant_enroll(
        run=run, by=staff_bangphlat, name="นายอื่น เขตอื่น", district=other_pilot, consent=True
    )
    rows = {
        r["id"]: r
        for r in as_role(role, request, login)
        .get(f"/api/v1/course-runs/{run.pk}/participants/")
        .json()
    }
    assert (rows[leader.pk]["name"] == "นางสมศรี ใจดี") is sees_name
    assert (rows[leader.pk]["name"] is None) is not sees_name
    assert rows[stranger.pk]["name"] == (
        "นายอื่น เขตอื่น" if role in {"portal_admin", "staff_bangphlat"} else None
    )
    assert len(rows) == 2  # everyone who sees the run counts both


@pytest.mark.parametrize(
    ("role", "expected"),
    [("strategy", 201), ("staff_bangphlat", 201), ("staff_mentee", 403), ("staff_outsider", 404)],
)
def test_only_those_who_run_it_add_sessions(role, expected, request, login, run):
    response = as_role(role, request, login).post(
        f"/api/v1/course-runs/{run.pk}/sessions/",
        {"date": "2025-08-04", "title": "วันแรก"},
        content_type="application/json",
    )
    assert response.status_code == expected
    assert run.sessions.count() == (1 if expected == 201 else 0)


def test_a_session_outside_the_run_or_with_an_unknown_module_is_a_400(login, staff_bangphlat, run):
    api = login(staff_bangphlat)
    url = f"/api/v1/course-runs/{run.pk}/sessions/"
    for body in [
        {"date": "2026-01-01", "title": "x"},
        {"date": "2025-08-04", "title": "x", "module": 99999},
        {"title": "x"},
    ]:
        assert api.post(url, body, content_type="application/json").status_code == 400, body
    assert not run.sessions.exists()


def test_enrolment_by_username_or_by_name_and_the_waitlist(
    login, staff_bangphlat, staff_mentee, run
):
    CourseRun.objects.filter(pk=run.pk).update(capacity=2)
    api = login(staff_bangphlat)
    url = f"/api/v1/course-runs/{run.pk}/participants/"
    user = api.post(url, {"username": staff_mentee.username}, content_type="application/json")
    leader = api.post(
        url,
        {"name": "นางสมศรี ใจดี", "role": "ประธานชุมชน", "district": "1001", "consent": True},
        content_type="application/json",
    )
    third = api.post(
        url,
        {"name": "นายรอ ที่ว่าง", "role": "แกนนำ", "district": "1001", "consent": True},
        content_type="application/json",
    )
    assert (user.status_code, user.json()["status"]) == (201, "enrolled")
    assert (leader.status_code, leader.json()["status"]) == (201, "enrolled")
    assert (third.status_code, third.json()["status"]) == (201, "waitlisted")
    again = api.post(url, {"username": staff_mentee.username}, content_type="application/json")
    assert again.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "nobody"},
        {"name": "ไม่ยินยอม", "district": "1001"},
        {"name": "ไม่มีเขต", "consent": True},
        {"name": "เขตผิด", "district": "99", "consent": True},
        {"name": "ชุมชนผิด", "district": "1001", "consent": True, "community": 987654},
    ],
)
def test_a_bad_enrolment_is_a_400(body, login, staff_bangphlat, run):
    response = login(staff_bangphlat).post(
        f"/api/v1/course-runs/{run.pk}/participants/", body, content_type="application/json"
    )
    assert response.status_code == 400, body
    assert not Participant.objects.exists()


def test_invited_districts_cannot_enrol_and_outsiders_get_404(
    login, staff_mentee, staff_outsider, run
):
    body = {"name": "ก", "district": "1001", "consent": True}
    url = f"/api/v1/course-runs/{run.pk}/participants/"
    assert login(staff_mentee).post(url, body, content_type="application/json").status_code == 403
    assert login(staff_outsider).post(url, body, content_type="application/json").status_code == 404


def test_attendance_is_exactly_once_per_key(login, staff_bangphlat, sessions, leader):
    api = login(staff_bangphlat)
    body = {
        "session": sessions[0].pk,
        "participant": leader.pk,
        "present": True,
        "submission_key": str(uuid.uuid4()),
    }
    first = api.post("/api/v1/attendance/", body, content_type="application/json")
    again = api.post("/api/v1/attendance/", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Attendance.objects.count() == 1
    reused = api.post(
        "/api/v1/attendance/", {**body, "session": sessions[1].pk}, content_type="application/json"
    )
    assert reused.status_code == 400
    assert "submission_key" in reused.json()


@pytest.mark.parametrize(
    ("role", "expected"), [("strategy", 201), ("staff_mentee", 403), ("staff_outsider", 400)]
)
def test_only_those_who_run_it_record_attendance(role, expected, request, login, sessions, leader):
    body = {
        "session": sessions[0].pk,
        "participant": leader.pk,
        "present": True,
        "submission_key": str(uuid.uuid4()),
    }
    assert (
        as_role(role, request, login)
        .post("/api/v1/attendance/", body, content_type="application/json")
        .status_code
        == expected
    )


@pytest.mark.parametrize(
    "change",
    [
        {"submission_key": "short"},
        {"submission_key": None},
        {"present": "perhaps"},
        {"session": 0},
        {"participant": 10**25},
        {"session": "x"},
    ],
)
def test_bad_attendance_is_a_400(change, login, staff_bangphlat, sessions, leader):
    body = {
        "session": sessions[0].pk,
        "participant": leader.pk,
        "present": True,
        "submission_key": str(uuid.uuid4()),
        **change,
    }
    assert (
        login(staff_bangphlat)
        .post("/api/v1/attendance/", body, content_type="application/json")
        .status_code
        == 400
    )
    assert not Attendance.objects.exists()


def test_a_session_of_another_run_is_refused(
    login, staff_bangphlat, sessions, leader, course, bangphlat
):
    other = services.course_run_create(
        by=staff_bangphlat,
        course=course,
        host=bangphlat,
        starts_on=sessions[0].date,
        ends_on=sessions[0].date,
        capacity=5,
        venue="ห้อง",
    )
    foreign = services.session_add(run=other, by=staff_bangphlat, date=sessions[0].date, title="อื่น")
    body = {
        "session": foreign.pk,
        "participant": leader.pk,
        "present": True,
        "submission_key": str(uuid.uuid4()),
    }
    assert (
        login(staff_bangphlat)
        .post("/api/v1/attendance/", body, content_type="application/json")
        .status_code
        == 400
    )


def test_scores_are_exactly_once_and_bounded_with_a_thai_message(login, staff_bangphlat, leader):
    api = login(staff_bangphlat)
    body = {
        "participant": leader.pk,
        "kind": "pre",
        "score": 45.5,
        "submission_key": str(uuid.uuid4()),
    }
    assert (
        api.post("/api/v1/assessments/", body, content_type="application/json").status_code == 201
    )
    assert (
        api.post("/api/v1/assessments/", body, content_type="application/json").status_code == 200
    )
    assert Assessment.objects.count() == 1
    for score in [101, -1, "ร้อย", 1e9, 50.55]:
        response = api.post(
            "/api/v1/assessments/",
            {**body, "score": score, "kind": "post", "submission_key": str(uuid.uuid4())},
            content_type="application/json",
        )
        assert response.status_code == 400, score
        assert response.json()["score"] == ["คะแนนต้องเป็นตัวเลขระหว่าง 0 ถึง 100"]
    bad_kind = api.post(
        "/api/v1/assessments/",
        {**body, "kind": "mid", "submission_key": str(uuid.uuid4())},
        content_type="application/json",
    )
    assert bad_kind.status_code == 400
    assert Assessment.objects.count() == 1


def test_completion_returns_the_certificates_once(
    login, staff_bangphlat, staff_mentee, run, sessions, leader
):
    CourseRun.objects.filter(pk=run.pk).update(capacity=2)
    waiting = [
        services.participant_enroll(run=run, by=staff_bangphlat, name=f"ค{i}", district=leader.district, consent=True)
        for i in range(2)
    ]  # fmt: skip
    assert waiting[-1].status == "waitlisted"
    for session in sessions:
        services.attendance_record(
            session=session, participant=leader, present=True, by=staff_bangphlat
        )
    services.assessment_record(participant=leader, kind="post", score=75, by=staff_bangphlat)
    url = f"/api/v1/course-runs/{run.pk}/complete/"
    assert login(staff_mentee).post(url).status_code == 403
    first = login(staff_bangphlat).post(url)
    again = login(staff_bangphlat).post(url)
    assert first.status_code == again.status_code == 200
    (issued,) = first.json()["certificates"]
    assert issued["participant"] == leader.pk
    assert again.json() == first.json()


def test_odd_run_ids_are_404_never_500(login, strategy):
    api = login(strategy)
    for pk in ["abc", "0", "99999999999999999999", "12.5"]:
        assert api.get(f"/api/v1/course-runs/{pk}/participants/").status_code == 404, pk


def test_the_participant_list_runs_a_fixed_number_of_queries(
    login, staff_bangphlat, run, phranakhon, django_assert_max_num_queries
):
    for i in range(3):
        services.participant_enroll(
            run=run, by=staff_bangphlat, name=f"ค{i}", district=phranakhon, consent=True
        )
    api = login(staff_bangphlat)
    # session, user, the run (with course and host), the participants with their scores
    with django_assert_max_num_queries(4):
        response = api.get(f"/api/v1/course-runs/{run.pk}/participants/")
    assert len(response.json()) == 3


ODD_BODIES = [
    [],
    [1, 2],
    "text",
    None,
    {"course": None, "host_district": None},
    {"course": "1", "host_district": ["1025"], "starts_on": 20250804},
    {"date": "2025-02-30", "title": "x" * 5000},
    {"username": "\x00"},
    {"name": "ก\x00", "district": "1001", "consent": "yes"},
    {"session": -1, "participant": True, "present": None, "submission_key": "k" * 500},
    {"participant": 1.5, "kind": ["pre"], "score": {"a": 1}, "submission_key": 5},
    {"score": "NaN", "kind": "pre", "participant": 1, "submission_key": "a" * 30},
    {"score": "Infinity", "kind": "post", "participant": 1, "submission_key": "b" * 30},
]


@pytest.mark.parametrize("body", ODD_BODIES)
def test_odd_bodies_are_never_a_500(body, login, staff_bangphlat, run, leader):
    import json

    api = login(staff_bangphlat)
    urls = [
        "/api/v1/course-runs/",
        f"/api/v1/course-runs/{run.pk}/sessions/",
        f"/api/v1/course-runs/{run.pk}/participants/",
        "/api/v1/attendance/",
        "/api/v1/assessments/",
        f"/api/v1/course-runs/{run.pk}/complete/",
    ]
    for url in urls:
        response = api.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, (url, body)
        assert response.status_code in (200, 201, 400), (url, body, response.status_code)
