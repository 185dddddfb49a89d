"""Who may see and change communities, activities and their photos and imports.

One function per question, one condition per line, so the tests cover each branch.
"""

from django.db.models import QuerySet

from accounts.roles import is_admin
from districts.access import can_change_district_data, can_view_personal_data
from mentoring.access import can_view_district_private, filter_readable
from periods.models import ReportStatus


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
    if period.status == ReportStatus.APPROVED:
        return False
    return can_change_district_data(user, district)


def can_add_community_in(user, district) -> bool:
    return can_change_district_data(user, district)


def can_view_chair_contact(user, community) -> bool:
    """The committee chair's name and phone are personal data."""
    return can_view_personal_data(user, community.district)


def can_import_into(user, district) -> bool:
    return can_change_district_data(user, district)
