"""Who may view, submit, check, approve, return and unlock a district's reporting months.

One function per question, one condition per line, so the tests cover each branch.
"""

from accounts.roles import is_staff_of, is_strategy, sees_all_districts
from mentoring.access import can_view_district_private, is_mentor_of


def can_view_reporting_of(user, district) -> bool:
    """A district's reporting months: the district, its mentor, the strategy office."""
    return can_view_district_private(user, district)


def can_submit_reporting_month(user, period) -> bool:
    from periods.models import ReportStatus

    if period.status not in (ReportStatus.OPEN, ReportStatus.RETURNED):
        return False
    return is_staff_of(user, period.district)


def can_check_reporting_month(user, period) -> bool:
    """The mentor's check is optional and exists only for non-pilot (mentee) districts."""
    from periods.models import ReportStatus

    if period.status != ReportStatus.SUBMITTED:
        return False
    if period.district.is_pilot:
        return False
    return is_mentor_of(user, period.district)


def can_approve_reporting_month(user, period) -> bool:
    """Approving (or returning) a month's figures is the strategy office's decision alone."""
    from periods.models import WAITING_STATUSES

    if period.status not in WAITING_STATUSES:
        return False
    return is_strategy(user)


def can_return_reporting_month(user, period) -> bool:
    return can_approve_reporting_month(user, period)


def can_unlock_reporting_month(user, period) -> bool:
    from periods.models import ReportStatus

    if period.status != ReportStatus.APPROVED:
        return False
    return is_strategy(user)


def can_view_confirmed_outliers(user) -> bool:
    return sees_all_districts(user)
