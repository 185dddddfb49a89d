"""Every "may this user see / change this object" question is answered here.

Views, querysets, imports and exports all ask these functions; nothing else decides access.
One function per question, one condition per line, so tests can cover each branch.
Later apps add their questions below, grouped by object type.
"""

from django.db.models import QuerySet

from accounts.roles import is_admin, is_staff_of, is_strategy, sees_all_districts


# --- Districts -------------------------------------------------------------------------
def can_view_district(user, district) -> bool:
    """A district's public profile is open to every logged-in user."""
    return user.is_authenticated


def mentored_district_ids(user) -> set[int]:
    """Districts whose data this user may read as a mentor: the mentees of the user's pilot
    district through active pairings. One query, remembered on the user for the request."""
    if not user.is_authenticated or not user.is_district_staff or user.district_id is None:
        return set()
    cached = getattr(user, "_mentored_district_ids", None)
    if cached is None:
        from mentoring.models import Pairing

        cached = set(
            Pairing.objects.active()
            .filter(mentor_id=user.district_id)
            .values_list("mentee_id", flat=True)
        )
        user._mentored_district_ids = cached
    return cached


def is_mentor_of(user, district) -> bool:
    if not user.is_authenticated or not user.is_district_staff:
        return False
    return district.pk in mentored_district_ids(user)


def can_view_district_private(user, district) -> bool:
    """Non-public district data (communities, activities, drafts, working figures)."""
    if sees_all_districts(user):
        return True
    if is_staff_of(user, district):
        return True
    return is_mentor_of(user, district)


def can_view_personal_data(user, district) -> bool:
    """Names and phone numbers of residents: the district's own staff and administrators only
    (the strategy office and mentors see them masked)."""
    if is_admin(user):
        return True
    return is_staff_of(user, district)


def can_change_district_data(user, district) -> bool:
    """Entering or changing data that belongs to a district: its own staff and admins.

    The strategy office reads everything but does not write districts' records."""
    if is_admin(user):
        return True
    return is_staff_of(user, district)


def readable_district_ids(user) -> set[int] | None:
    """District ids whose private data the user may read; ``None`` means every district."""
    if sees_all_districts(user):
        return None
    if not user.is_authenticated or user.district_id is None:
        return set()
    return {user.district_id} | mentored_district_ids(user)


def reads_one_district(user) -> bool:
    """Staff who read a single district's data (no mentees): lists need no district column."""
    ids = readable_district_ids(user)
    if ids is None:
        return False
    return len(ids) == 1


def filter_readable(user, queryset: QuerySet, district_field: str = "district") -> QuerySet:
    """Restrict any queryset to the districts the user may read, through ``district_field``
    (e.g. ``"community__district"`` for activities)."""
    ids = readable_district_ids(user)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{district_field}__in": ids})


# --- Users -----------------------------------------------------------------------------
def can_manage_users(user) -> bool:
    return is_admin(user)


# --- API and open data ----------------------------------------------------------------
def can_have_api_token(user) -> bool:
    """Any active, logged-in user may create personal tokens: they carry the user's own rights."""
    if not user.is_authenticated:
        return False
    return user.is_active


def can_revoke_api_token(user, token) -> bool:
    if is_admin(user):
        return True
    return user.is_authenticated and token.user_id == user.pk


def can_view_districts(user) -> bool:
    return user.is_authenticated


# --- Communities and activities --------------------------------------------------------
def communities_visible_to(user, queryset: QuerySet) -> QuerySet:
    return filter_readable(user, queryset, "district")


def activities_visible_to(user, queryset: QuerySet) -> QuerySet:
    return filter_readable(user, queryset, "district")


def communities_writable_by(user, queryset: QuerySet) -> QuerySet:
    """Communities whose activities the user may record (as ``can_change_community``)."""
    if is_admin(user):
        return queryset
    if not user.is_authenticated or not user.is_district_staff or not user.district_id:
        return queryset.none()
    return queryset.filter(district_id=user.district_id)


def can_view_community(user, community) -> bool:
    if community.is_deleted:
        return False
    return can_view_district_private(user, community.district)


def can_change_community(user, community) -> bool:
    if community.is_deleted:
        return False
    return can_change_district_data(user, community.district)


def can_view_activity(user, activity) -> bool:
    """An activity (and its photos) is private district data."""
    if activity.is_deleted:
        return False
    return can_view_community(user, activity.community)


def can_add_activity_in_month(user, district, period) -> bool:
    """Recording activities for a district's reporting month: its staff, while the month is
    not approved (approved months are locked)."""
    if period.status == "approved":
        return False
    return can_change_district_data(user, district)


def can_add_community_in(user, district) -> bool:
    return can_change_district_data(user, district)


def can_view_chair_contact(user, community) -> bool:
    """The committee chair's name and phone are personal data."""
    return can_view_personal_data(user, community.district)


def can_import_into(user, district) -> bool:
    return can_change_district_data(user, district)


# --- Mentoring -------------------------------------------------------------------------
def can_manage_pairings(user) -> bool:
    """Pairings and stage decisions belong to the strategy office (and administrators)."""
    return sees_all_districts(user)


def can_change_stage(user) -> bool:
    return sees_all_districts(user)


def can_propose_stage(user, district) -> bool:
    return is_staff_of(user, district)


def can_record_session_for(user, mentor_district) -> bool:
    """Sessions are recorded by the mentor district's staff, or by the strategy office."""
    if sees_all_districts(user):
        return True
    return is_staff_of(user, mentor_district)


def can_record_session_with(user, mentor_district, mentee_district) -> bool:
    """A mentor district's staff record sessions only with its own mentees (active
    pairings); the strategy office with any district."""
    if sees_all_districts(user):
        return True
    if not is_staff_of(user, mentor_district):
        return False
    return mentee_district.pk in mentored_district_ids(user)


def can_view_session(user, session) -> bool:
    if sees_all_districts(user):
        return True
    if not user.is_authenticated or user.district_id is None:
        return False
    if session.mentor_id == user.district_id:
        return True
    return session.mentees.filter(pk=user.district_id).exists()


def can_change_session(user, session) -> bool:
    """A saved session is corrected by its mentor district (or the strategy office)."""
    return can_record_session_for(user, session.mentor)


def sessions_visible_to(user, queryset: QuerySet) -> QuerySet:
    if sees_all_districts(user):
        return queryset
    if not user.is_authenticated or user.district_id is None:
        return queryset.none()
    from django.db.models import Q

    return queryset.filter(Q(mentor_id=user.district_id) | Q(mentees=user.district_id)).distinct()


def can_view_pairings(user) -> bool:
    """Who mentors whom is on the mentoring page for every logged-in user."""
    return user.is_authenticated


def stage_changes_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Decided stage changes are on every district page; proposals only for the strategy
    office (who decides them) and the proposing district's staff."""
    from mentoring.models import StageChangeStatus

    if not user.is_authenticated:
        return queryset.none()
    if can_change_stage(user):
        return queryset
    from django.db.models import Q

    decided = ~Q(status=StageChangeStatus.PROPOSED)
    if user.is_district_staff and user.district_id:
        return queryset.filter(decided | Q(district_id=user.district_id))
    return queryset.filter(decided)


def can_view_trainer_contact(user) -> bool:
    return user.is_authenticated


# --- Lessons ---------------------------------------------------------------------------
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
    return lesson.approved_revision_id is not None and lesson.status != "archived"


def lessons_visible_to(user, queryset: QuerySet) -> QuerySet:
    if sees_all_districts(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    from django.db.models import Q

    shared = Q(approved_revision__isnull=False) & ~Q(status="archived")
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
    if lesson.status in ("submitted", "archived"):
        return False  # under review, or retired
    return can_write_lesson_for(user, lesson.district)


def can_submit_lesson(user, lesson) -> bool:
    if lesson.status not in ("draft", "changes_requested"):
        return False
    return can_write_lesson_for(user, lesson.district)


def can_review_lesson(user, lesson) -> bool:
    """Only the strategy office requests changes or approves; never a district."""
    if not is_strategy(user):
        return False
    return user.district_id is None or user.district_id != lesson.district_id


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


# --- Handbook --------------------------------------------------------------------------
def can_build_handbook(user, selection: str = "all", value: str = "") -> bool:
    """The strategy office builds any edition; district staff build their own district's."""
    if sees_all_districts(user):
        return True
    if not user.is_authenticated or not user.is_district_staff or user.district is None:
        return False
    return selection == "district" and value == user.district.code


def can_publish_handbook(user) -> bool:
    return sees_all_districts(user)


def can_edit_front_matter(user) -> bool:
    return sees_all_districts(user)


def can_edit_curriculum(user) -> bool:
    """The handbook's curriculum modules: the strategy office, as for the front matter."""
    return sees_all_districts(user)


def can_view_edition(user, edition) -> bool:
    """Published editions are for every logged-in user; a build in progress or unpublished
    only for the strategy office, whoever asked for it, and (for a district's handbook) the
    staff of that district, who may have asked for the same content."""
    if not user.is_authenticated:
        return False
    if sees_all_districts(user):
        return True
    if edition.published and edition.status == "ready":
        return True
    if edition.requested_by_id == user.pk:
        return True
    return can_build_handbook(user, edition.selection, edition.selection_value)


def can_download_edition(user, edition) -> bool:
    if edition.status != "ready":
        return False
    return can_view_edition(user, edition)


# --- Background exports ----------------------------------------------------------------
def can_view_export_job(user, job) -> bool:
    """An export holds what its owner could read when they asked: only they see it."""
    if not user.is_authenticated:
        return False
    return job.user_id == user.pk


# --- Stored files ----------------------------------------------------------------------
def can_read_stored_file(user, kind: str, owner) -> bool:
    """Every uploaded or generated file is served only after this answer (bangphlat/files.py
    finds which row owns the file). Import uploads are never served to anyone."""
    if not user.is_authenticated:
        return False
    if kind == "activity_photo":
        return can_view_activity(user, owner.activity)
    if kind in ("lesson_photo", "lesson_attachment"):
        return can_view_lesson_file(user, owner.lesson, owner)
    if kind == "handbook":
        return can_download_edition(user, owner)
    if kind == "pending_photo":
        return can_view_pending_photo(user, owner)
    return False


def can_view_pending_photo(user, uploader_id) -> bool:
    """A photo kept from a form that failed is seen by its uploader only."""
    if not user.is_authenticated:
        return False
    return uploader_id == user.pk


# --- Dashboard -------------------------------------------------------------------------
def can_view_all_district_dashboard(user) -> bool:
    return sees_all_districts(user)


def can_view_district_dashboard(user, district) -> bool:
    """Own district, mentees for their mentors, everything for the strategy office."""
    return can_view_district_private(user, district)


def can_set_targets(user) -> bool:
    return sees_all_districts(user)


# --- Reporting months ------------------------------------------------------------------
def can_view_reporting_of(user, district) -> bool:
    """A district's reporting months: the district, its mentor, the strategy office."""
    return can_view_district_private(user, district)


def can_submit_reporting_month(user, period) -> bool:
    from reporting.models import ReportStatus

    if period.status not in (ReportStatus.OPEN, ReportStatus.RETURNED):
        return False
    return is_staff_of(user, period.district)


def can_check_reporting_month(user, period) -> bool:
    """The mentor's check is optional and exists only for non-pilot (mentee) districts."""
    from reporting.models import ReportStatus

    if period.status != ReportStatus.SUBMITTED:
        return False
    if period.district.is_pilot:
        return False
    return is_mentor_of(user, period.district)


def can_approve_reporting_month(user, period) -> bool:
    """Approving (or returning) a month's figures is the strategy office's decision alone."""
    from reporting.models import WAITING_STATUSES

    if period.status not in WAITING_STATUSES:
        return False
    return is_strategy(user)


def can_return_reporting_month(user, period) -> bool:
    return can_approve_reporting_month(user, period)


def can_unlock_reporting_month(user, period) -> bool:
    from reporting.models import ReportStatus

    if period.status != ReportStatus.APPROVED:
        return False
    return is_strategy(user)


def can_set_reporting_deadline(user) -> bool:
    return is_strategy(user)


def can_view_confirmed_outliers(user) -> bool:
    return sees_all_districts(user)
