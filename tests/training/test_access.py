"""training.access: every question × every role, each branch once."""

import pytest
from django.contrib.auth.models import AnonymousUser

from training import access, services
from training.models import Course, CourseRun

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "portal_admin",
    "strategy",
    "staff_bangphlat",
    "staff_other_pilot",
    "staff_mentee",
    "staff_outsider",
]


def user_for(role, request):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def matrix(request, ask):
    return {role for role in ROLES if ask(user_for(role, request))}


def test_who_runs_courses_at_all(request):
    assert matrix(request, access.can_run_courses) == {
        "portal_admin",
        "strategy",
        "staff_bangphlat",
        "staff_other_pilot",
    }
    assert access.can_create_course(user_for("staff_mentee", request)) is False


def test_who_creates_a_run_hosted_by_a_pilot(request, bangphlat):
    assert matrix(request, lambda u: access.can_create_run(u, bangphlat)) == {
        "portal_admin",
        "strategy",
        "staff_bangphlat",
    }


def test_nobody_creates_a_run_hosted_by_a_non_pilot(request, phranakhon):
    assert matrix(request, lambda u: access.can_create_run(u, phranakhon)) == set()


def test_who_manages_a_run(request, run):
    assert matrix(request, lambda u: access.can_manage_run(u, run)) == {
        "portal_admin",
        "strategy",
        "staff_bangphlat",
    }


def test_who_sees_a_run(request, run):
    seen = {"portal_admin", "strategy", "staff_bangphlat", "staff_mentee"}
    assert matrix(request, lambda u: access.can_view_run(u, run)) == seen
    visible = matrix(
        request,
        lambda u: access.runs_visible_to(u, CourseRun.objects.all()).filter(pk=run.pk).exists(),
    )
    assert visible == seen


def test_an_enrolled_person_sees_the_run_from_an_uninvited_district(
    request, run, staff_bangphlat, staff_outsider
):
    services.participant_enroll(run=run, by=staff_bangphlat, user=staff_outsider)
    assert access.can_view_run(staff_outsider, run)
    assert access.runs_visible_to(staff_outsider, CourseRun.objects.all()).get() == run


def test_staff_without_a_district_row_see_only_runs_they_are_in(run, strategy):
    strategy.role = "district_staff"  # an odd account: staff role, no district
    strategy.district = None
    assert not access.can_view_run(strategy, run)
    assert not access.runs_visible_to(strategy, CourseRun.objects.all()).exists()


def test_who_sees_a_participants_name(
    request, run, leader, other_pilot, staff_bangphlat, staff_outsider
):
    # The leader belongs to Phra Nakhon (staff_mentee's district), recorded by the host.
    assert matrix(request, lambda u: access.can_view_participant_personal_data(u, leader)) == {
        "portal_admin",
        "staff_bangphlat",
        "staff_mentee",
    }
    own = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_outsider)
    assert access.can_view_participant_personal_data(staff_outsider, own)


def test_the_strategy_officer_who_created_a_run_sees_its_names(
    course, bangphlat, phranakhon, strategy, request
):
    import datetime as dt

    run = services.course_run_create(
        by=strategy,
        course=course,
        host=bangphlat,
        starts_on=dt.date(2025, 8, 4),
        ends_on=dt.date(2025, 8, 4),
        capacity=5,
        venue="ห้อง",
    )
    person = services.participant_enroll(
        run=run, by=strategy, name="ก", district=phranakhon, consent=True
    )
    assert access.can_view_participant_personal_data(strategy, person)
    assert not access.can_view_participant_personal_data(AnonymousUser(), person)
    other_strategy = request.getfixturevalue("portal_admin")
    assert access.can_view_participant_personal_data(other_strategy, person)


def test_who_edits_a_course(request, course):
    assert matrix(request, lambda u: access.can_edit_course(u, course)) == {
        "portal_admin",
        "strategy",
        "staff_bangphlat",
    }
    offices = Course.objects.create(title="ของสำนักยุทธศาสตร์")
    assert matrix(request, lambda u: access.can_edit_course(u, offices)) == {
        "portal_admin",
        "strategy",
    }


def test_who_revokes_a_certificate(request, run, sessions, leader, staff_bangphlat):
    for session in sessions:
        services.attendance_record(
            session=session, participant=leader, present=True, by=staff_bangphlat
        )
    services.assessment_record(participant=leader, kind="post", score=100, by=staff_bangphlat)
    (certificate,) = services.course_run_complete(run=run, by=staff_bangphlat)
    assert matrix(request, lambda u: access.can_revoke_certificate(u, certificate)) == {
        "portal_admin",
        "strategy",
        "staff_bangphlat",
    }
