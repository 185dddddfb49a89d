"""The review workflow, transition by transition and role by role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lessons import services
from lessons.models import Lesson, LessonStatus  # noqa: F401
from tests.lessons.factories import approved_lesson, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(staff_bangphlat):
    return make_lesson(staff_bangphlat)


def test_the_full_path_draft_submitted_changes_requested_submitted_approved_archived(
    lesson, staff_bangphlat, strategy
):
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    services.lesson_request_changes(lesson=lesson, by=strategy, comment="เพิ่มตัวเลข")
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    services.lesson_approve(lesson=lesson, by=strategy)
    services.lesson_archive(lesson=lesson, by=strategy)
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.ARCHIVED
    assert [(t.from_status, t.to_status, t.by) for t in lesson.transitions.all()] == [
        ("draft", "submitted", staff_bangphlat),
        ("submitted", "changes_requested", strategy),
        ("changes_requested", "submitted", staff_bangphlat),
        ("submitted", "approved", strategy),
        ("approved", "archived", strategy),
    ]
    assert lesson.transitions.get(to_status="changes_requested").comment == "เพิ่มตัวเลข"


@pytest.mark.parametrize(
    "status, action",
    [
        ("draft", "approve"),
        ("draft", "request_changes"),
        ("draft", "archive"),
        ("submitted", "submit"),
        ("submitted", "archive"),
        ("changes_requested", "approve"),
        ("approved", "submit"),
        ("approved", "approve"),
        ("archived", "submit"),
        ("archived", "approve"),
    ],
)
def test_forbidden_transitions_are_refused(lesson, staff_bangphlat, strategy, status, action):
    path = {
        "draft": [],
        "submitted": ["submit"],
        "changes_requested": ["submit", "request_changes"],
        "approved": ["submit", "approve"],
        "archived": ["submit", "approve", "archive"],
    }[status]
    for step in path:
        services.ACTIONS[step](lesson, staff_bangphlat if step == "submit" else strategy, "ความเห็น")
    lesson.refresh_from_db()
    actor = staff_bangphlat if action == "submit" else strategy
    with pytest.raises(PermissionDenied):
        services.ACTIONS[action](lesson, actor, "ความเห็น")
    lesson.refresh_from_db()
    assert lesson.status == status


def test_only_the_lessons_own_district_submits(lesson, staff_mentee, strategy, portal_admin):
    for outsider in (staff_mentee, strategy, portal_admin):
        with pytest.raises(PermissionDenied):
            services.lesson_submit(lesson=lesson, by=outsider)


def test_district_staff_cannot_approve_or_return_even_their_own_lesson(
    lesson, staff_bangphlat, staff_mentee, portal_admin
):
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    for user in (staff_bangphlat, staff_mentee, portal_admin):
        with pytest.raises(PermissionDenied):
            services.lesson_approve(lesson=lesson, by=user)
        with pytest.raises(PermissionDenied):
            services.lesson_request_changes(lesson=lesson, by=user, comment="x")


def test_returning_a_lesson_needs_a_comment(lesson, staff_bangphlat, strategy):
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.lesson_request_changes(lesson=lesson, by=strategy, comment="  ")


def test_a_lesson_with_an_empty_section_cannot_be_submitted(staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, obstacles="")
    with pytest.raises(ValidationError) as error:
        services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    assert "อุปสรรค" in error.value.messages[0]


def test_editing_an_approved_lesson_starts_a_new_revision_while_the_approved_text_stays(
    staff_bangphlat, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy, title="ชื่อเดิม")
    services.lesson_update(lesson=lesson, by=staff_bangphlat, version=lesson.version, title="ชื่อใหม่")
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.DRAFT
    assert lesson.approved_revision.title == "ชื่อเดิม"
    assert Lesson.objects.approved().filter(pk=lesson.pk).exists()  # still in the handbook
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    services.lesson_approve(lesson=lesson, by=strategy)
    lesson.refresh_from_db()
    assert (lesson.approved_revision.title, lesson.approved_revision.number) == ("ชื่อใหม่", 2)


def test_approved_lessons_are_read_only_while_under_review(staff_bangphlat, strategy):
    lesson = make_lesson(staff_bangphlat)
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    with pytest.raises(PermissionDenied):
        services.lesson_update(
            lesson=lesson, by=staff_bangphlat, version=lesson.version, title="แอบแก้"
        )
