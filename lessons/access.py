"""Who may see, write, submit and review lessons learned, and their files.

One function per question, one condition per line, so the tests cover each branch.
"""

from django.db.models import Q, QuerySet

from accounts.roles import is_staff_of, is_strategy, sees_all_districts
from districts.access import can_view_personal_data
from lessons.models import LessonStatus


def can_see_lesson_working_copy_of(user, district) -> bool:
    """Drafts and every state: the lesson's own district, the strategy office, admins."""
    if sees_all_districts(user):
        return True
    return is_staff_of(user, district)


def can_see_lesson_working_copy(user, lesson) -> bool:
    return can_see_lesson_working_copy_of(user, lesson.district)


def can_view_lesson(user, lesson) -> bool:
    """Approved lessons are for sharing with every logged-in user."""
    if can_see_lesson_working_copy(user, lesson):
        return True
    if not user.is_authenticated:
        return False
    return lesson.approved_revision_id is not None and lesson.status != LessonStatus.ARCHIVED


def lessons_visible_to(user, queryset: QuerySet) -> QuerySet:
    if sees_all_districts(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    shared = Q(approved_revision__isnull=False) & ~Q(status=LessonStatus.ARCHIVED)
    if user.is_district_staff and user.district_id:
        return queryset.filter(Q(district_id=user.district_id) | shared)
    return queryset.filter(shared)


def can_write_lesson_for(user, district) -> bool:
    """District staff write lessons for their own district only."""
    return is_staff_of(user, district)


def can_preview_lesson_text(user) -> bool:
    """The live preview renders what the writer typed, nothing stored: any writer of lessons."""
    if not user.is_authenticated:
        return False
    return user.is_district_staff and user.district_id is not None


def can_edit_lesson(user, lesson) -> bool:
    if lesson.status in (LessonStatus.SUBMITTED, LessonStatus.ARCHIVED):
        return False  # under review, or retired
    return can_write_lesson_for(user, lesson.district)


def can_submit_lesson(user, lesson) -> bool:
    if lesson.status not in (LessonStatus.DRAFT, LessonStatus.CHANGES_REQUESTED):
        return False
    return can_write_lesson_for(user, lesson.district)


def can_review_lesson(user, lesson) -> bool:
    """Only the strategy office requests changes or approves; never a district."""
    if not is_strategy(user):
        return False
    return user.district_id is None or user.district_id != lesson.district_id


def can_archive_lesson(user, lesson) -> bool:
    """An approved lesson is retired by the strategy office (the page's button, the service)."""
    if lesson.status != LessonStatus.APPROVED:
        return False
    return is_strategy(user)


def can_view_lesson_file(user, lesson, file_obj) -> bool:
    """A lesson's photo or attachment (``file_obj`` a LessonPhoto or LessonAttachment): the
    working copy's files for whoever reads the working copy (the district, reviewers);
    others only the files in the approved revision, nothing added since."""
    if can_see_lesson_working_copy(user, lesson):
        return True
    if not can_view_lesson(user, lesson):
        return False
    return file_obj.pk in approved_file_ids(lesson, file_obj)


def approved_file_ids(lesson, file_obj) -> set[int]:
    revision = lesson.approved_revision
    if revision is None:
        return set()
    if file_obj._meta.model_name == "lessonphoto":
        return revision.photo_ids()
    return revision.attachment_ids()


def can_view_interviewees(user, lesson) -> bool:
    """Interviewees' names are personal data: the district's staff and administrators."""
    return can_view_personal_data(user, lesson.district)
