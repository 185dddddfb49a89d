"""Every transition from every state, for every role: only the listed ones are allowed."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lessons import services
from lessons.models import LessonStatus, Transition
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db

STATUSES = ["draft", "submitted", "changes_requested", "approved", "archived"]
ACTIONS = ["submit", "request_changes", "approve", "archive"]
ROLES = ["own_staff", "other_staff", "strategy", "admin"]
ALLOWED = {
    ("draft", "submit", "own_staff"): "submitted",
    ("changes_requested", "submit", "own_staff"): "submitted",
    ("submitted", "request_changes", "strategy"): "changes_requested",
    ("submitted", "approve", "strategy"): "approved",
    ("approved", "archive", "strategy"): "archived",
}
PATH = {
    "draft": [],
    "submitted": ["submit"],
    "changes_requested": ["submit", "request_changes"],
    "approved": ["submit", "approve"],
    "archived": ["submit", "approve", "archive"],
}


@pytest.fixture
def actors(staff_bangphlat, staff_mentee, strategy, portal_admin):
    return {
        "own_staff": staff_bangphlat,
        "other_staff": staff_mentee,
        "strategy": strategy,
        "admin": portal_admin,
    }


def lesson_in(status, actors):
    lesson = make_lesson(actors["own_staff"])
    for action in PATH[status]:
        actor = actors["own_staff"] if action == "submit" else actors["strategy"]
        services.ACTIONS[action](lesson, actor, "ความเห็นของผู้พิจารณา")
    lesson.refresh_from_db()
    assert lesson.status == status
    return lesson


@pytest.mark.parametrize("status, action, role", list(itertools.product(STATUSES, ACTIONS, ROLES)))
def test_transition_matrix(actors, status, action, role):
    lesson = lesson_in(status, actors)
    before = Transition.objects.filter(lesson=lesson).count()
    expected = ALLOWED.get((status, action, role))
    if expected is None:
        with pytest.raises(PermissionDenied):
            services.ACTIONS[action](lesson, actors[role], "ความเห็น")
        lesson.refresh_from_db()
        assert lesson.status == status
        assert Transition.objects.filter(lesson=lesson).count() == before
    else:
        services.ACTIONS[action](lesson, actors[role], "ความเห็น")
        lesson.refresh_from_db()
        assert lesson.status == expected
        last = Transition.objects.filter(lesson=lesson).last()
        assert (last.from_status, last.to_status, last.by) == (status, expected, actors[role])


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit_the_text_in_each_state(actors, status, role):
    lesson = lesson_in(status, actors)
    editable = role == "own_staff" and status in ("draft", "changes_requested", "approved")
    if editable:
        services.lesson_update(
            lesson=lesson, by=actors[role], version=lesson.version, title="ชื่อที่แก้แล้ว"
        )
        lesson.refresh_from_db()
        assert lesson.title == "ชื่อที่แก้แล้ว"
    else:
        with pytest.raises(PermissionDenied):
            services.lesson_update(
                lesson=lesson, by=actors[role], version=lesson.version, title="ชื่อที่แก้แล้ว"
            )
        lesson.refresh_from_db()
        assert lesson.title != "ชื่อที่แก้แล้ว"


def test_a_district_cannot_approve_its_own_lesson_through_the_page(login, actors):
    lesson = lesson_in("submitted", actors)
    client = login(actors["own_staff"])
    body = client.get(reverse("lessons:detail", args=[lesson.pk])).content.decode()
    assert 'value="approve"' not in body
    response = client.post(reverse("lessons:transition", args=[lesson.pk]), {"action": "approve"})
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.SUBMITTED


def test_returning_without_a_comment_on_the_page_is_a_thai_message_not_an_error(login, actors):
    lesson = lesson_in("submitted", actors)
    client = login(actors["strategy"])
    response = client.post(
        reverse("lessons:transition", args=[lesson.pk]),
        {"action": "request_changes", "comment": " "},
        follow=True,
    )
    assert response.status_code == 200
    assert "กรุณาระบุความเห็นเมื่อส่งกลับให้แก้ไข" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.SUBMITTED


def test_the_strategy_office_approves_on_the_page_and_the_thread_shows_it(login, actors):
    lesson = lesson_in("submitted", actors)
    client = login(actors["strategy"])
    client.post(
        reverse("lessons:transition", args=[lesson.pk]),
        {"action": "approve", "comment": "ดีมาก ใช้ในคู่มือได้"},
    )
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.APPROVED
    body = login(actors["own_staff"]).get(reverse("lessons:detail", args=[lesson.pk]))
    thread = body.content.decode().split('id="thread"')[1]
    assert "อนุมัติแล้ว" in thread and "ดีมาก ใช้ในคู่มือได้" in thread


def test_an_unknown_action_is_refused(login, actors):
    lesson = lesson_in("draft", actors)
    response = login(actors["own_staff"]).post(
        reverse("lessons:transition", args=[lesson.pk]), {"action": "publish"}
    )
    assert response.status_code == 403
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.DRAFT


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_the_archive_button_shows_exactly_where_the_service_archives(login, actors, status, role):
    """One rule (lessons.access.can_archive_lesson) for the page's button and the service,
    which the transition matrix above exercises."""
    lesson = lesson_in(status, actors)
    may = (status, "archive", role) in ALLOWED
    body = login(actors[role]).get(reverse("lessons:detail", args=[lesson.pk]))
    assert ('value="archive"' in body.content.decode()) == may
