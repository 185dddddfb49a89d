"""Who may build, publish and download handbook editions, and edit its front matter and
curriculum.

One function per question, one condition per line, so the tests cover each branch.
"""

from django.db.models import Q, QuerySet

from accounts.roles import sees_all_districts
from handbook.models import EditionStatus, Selection


def can_build_handbook(user, selection: str = "all", value: str = "") -> bool:
    """The strategy office builds any edition; district staff build their own district's."""
    if sees_all_districts(user):
        return True
    if not user.is_authenticated or not user.is_district_staff or user.district is None:
        return False
    return selection == Selection.DISTRICT and value == user.district.code


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
    if edition.published and edition.status == EditionStatus.READY:
        return True
    if edition.requested_by_id == user.pk:
        return True
    return can_build_handbook(user, edition.selection, edition.selection_value)


def editions_visible_to(user, queryset: QuerySet) -> QuerySet:
    """``can_view_edition`` as a filter, for lists: the same branches, in the same order."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_districts(user):
        return queryset
    visible = Q(published=True, status=EditionStatus.READY) | Q(requested_by=user)
    if user.is_district_staff and user.district_id:  # can_build_handbook's own district
        visible |= Q(selection=Selection.DISTRICT, selection_value=user.district.code)
    return queryset.filter(visible)


def can_download_edition(user, edition) -> bool:
    if edition.status != EditionStatus.READY:
        return False
    return can_view_edition(user, edition)
