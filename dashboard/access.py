"""Who may see which dashboard and set the targets.

One function per question, one condition per line, so the tests cover each branch.
"""

from accounts.roles import sees_all_districts
from mentoring.access import can_view_district_private


def can_view_all_district_dashboard(user) -> bool:
    return sees_all_districts(user)


def can_view_district_dashboard(user, district) -> bool:
    """Own district, mentees for their mentors, everything for the strategy office."""
    return can_view_district_private(user, district)


def can_set_targets(user) -> bool:
    return sees_all_districts(user)
