"""Reads for scheduled reports: what is due on a day, a user's subscriptions, the scopes a
user may choose."""

import calendar
import datetime as dt

from django.db.models import Max

from districts.models import District, ZoneGroup
from mentoring.access import filter_readable
from scheduled.access import can_view_scope
from scheduled.models import LAST_DAY, ReportSent, ReportSubscription, Scope, scope_label


def is_last_day_of_month(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def due_subscriptions(day: dt.date):
    """The subscriptions whose report goes out on ``day``: those of its day of the month, and
    on the month's last day (28 Feb too) those that asked for "the last day"."""
    days = [day.day, LAST_DAY] if is_last_day_of_month(day) else [day.day]
    return (
        ReportSubscription.objects.filter(day__in=days, user__is_active=True)
        .select_related("user", "zone_group", "district")
        .order_by("pk")
    )


def emails_pending(period: dt.date):
    """Reports of the period made but not yet e-mailed (an SMTP failure, a crash between the
    two steps): the next run of the month e-mails them, and only them."""
    return (
        ReportSent.objects.filter(
            period=period, emailed_at__isnull=True, subscription__by_email=True
        )
        .exclude(subscription__user__email="")
        .filter(subscription__user__is_active=True)
        .select_related("subscription__user", "subscription__zone_group", "subscription__district")
        .order_by("pk")
    )


def subscriptions_of(user):
    return (
        ReportSubscription.objects.filter(user=user)
        .select_related("zone_group", "district")
        .annotate(last_period=Max("sent__period"))
        .order_by("scope", "zone_group__slug", "district__code")
    )


def scope_options(user) -> list[tuple[str, str]]:
    """(value, label) of every scope this user may subscribe to: ``city``, ``zone:<slug>``,
    ``district:<code>``."""
    options = []
    if can_view_scope(user, scope=Scope.CITY):
        options.append(("city", str(Scope.CITY.label)))
    if can_view_scope(user, scope=Scope.ZONE_GROUP):
        options += [
            (f"zone:{g.slug}", f"{Scope.ZONE_GROUP.label}{g.name}") for g in ZoneGroup.objects.all()
        ]
    districts = filter_readable(user, District.objects.order_by("code"), "pk")
    options += [(f"district:{d.code}", scope_label(Scope.DISTRICT, district=d)) for d in districts]
    return options


def scope_from_value(value: str) -> dict | None:
    """``city`` / ``zone:<slug>`` / ``district:<code>`` → the subscription's scope fields."""
    kind, _sep, key = (value or "").partition(":")
    if kind == "city" and not key:
        return {"scope": Scope.CITY}
    if kind == "zone" and key:
        group = ZoneGroup.objects.filter(slug=key).first()
        return {"scope": Scope.ZONE_GROUP, "zone_group": group} if group else None
    if kind == "district" and key:
        district = District.objects.filter(code=key).first()
        return {"scope": Scope.DISTRICT, "district": district} if district else None
    return None
