"""Mentoring's rules, and the district-private reading rights that depend on its pairings:
a mentor district's staff read their mentees' data, so ``can_view_district_private`` and
``filter_readable`` live here, beside ``Pairing``.

One function per question, one condition per line, so the tests cover each branch.
"""

from django.db.models import QuerySet

from accounts.roles import is_staff_of, sees_all_districts


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
