"""Who may read and change a district's data: the district's own staff and the roles above them.

Mentors' reading rights need the pairings, so they sit one layer up in mentoring/access.py.

One function per question, one condition per line, so the tests cover each branch.
"""

from accounts.roles import is_admin, is_staff_of


def can_view_district(user, district) -> bool:
    """A district's public profile is open to every logged-in user."""
    return user.is_authenticated


def can_view_districts(user) -> bool:
    return user.is_authenticated


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
