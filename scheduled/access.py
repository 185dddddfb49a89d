"""Who may receive and read which monthly report: the dashboard's own rules, so a report
never shows what its reader could not open on the dashboard.

One function per question, one condition per line, so the tests cover each branch.
"""

from dashboard.access import can_view_all_district_dashboard, can_view_district_dashboard
from scheduled.models import Scope


def can_view_scope(user, *, scope, zone_group=None, district=None) -> bool:
    """Bangkok and the zone groups are the all-district dashboard's (strategy office,
    administrators); a district is its own staff's, its mentors' and theirs."""
    if not user.is_authenticated:
        return False
    if scope in (Scope.CITY, Scope.ZONE_GROUP):
        return can_view_all_district_dashboard(user)
    if scope == Scope.DISTRICT and district is not None:
        return can_view_district_dashboard(user, district)
    return False


def can_subscribe(user, *, scope, zone_group=None, district=None) -> bool:
    if not user.is_active:
        return False
    return can_view_scope(user, scope=scope, zone_group=zone_group, district=district)


def can_change_subscription(user, subscription) -> bool:
    """Only the subscriber changes or stops a subscription."""
    if not user.is_authenticated:
        return False
    return subscription.user_id == user.pk


def can_read_report(user, sent) -> bool:
    """A sent PDF is read by whoever may see its scope now (the subscriber while their role
    still allows it, the strategy office), never by a district outside it."""
    subscription = sent.subscription
    return can_view_scope(
        user,
        scope=subscription.scope,
        zone_group=subscription.zone_group,
        district=subscription.district,
    )
