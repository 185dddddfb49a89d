"""One monthly report: which period a send day reports on, and its PDF (the dashboard of the
subscription's scope, through ``dashboard.printing``).

The period: a report sent on any day of a month reports on the month before (the last whole
month), and counts the fiscal year that month belongs to, from its first day to the day the
report is made. A report sent on 5 Dec 2569 is "ประจำเดือน พ.ย. 2569" and counts fiscal year
2570 from 1 Oct 2569 to 5 Dec 2569; one sent on 5 Oct 2569 closes fiscal year 2569 (1 Oct
2568 – 30 Sep 2569). The PDF says so under its heading."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from bangphlat.templatetags.thai import fiscal_year as fiscal_year_label
from bangphlat.templatetags.thai import thdate
from bangphlat.thai import (
    MONTHS_EN_ABBR,
    MONTHS_TH_FULL,
    be_year,
    fiscal_year_bounds,
    fiscal_year_of,
)
from dashboard import printing, selectors
from scheduled.models import Scope


def period_of(day: dt.date) -> dt.date:
    """The month a report sent on ``day`` reports on: its first day."""
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_label(period: dt.date) -> str:
    from django.utils.translation import get_language

    if (get_language() or "th").startswith("en"):
        return f"{MONTHS_EN_ABBR[period.month - 1]} {period.year}"
    return f"{MONTHS_TH_FULL[period.month - 1]} {be_year(period.year)}"


def scope_filters(subscription) -> dict:
    """The dashboard selector's arguments for the subscription's scope."""
    if subscription.scope == Scope.ZONE_GROUP:
        return {"zone_group": subscription.zone_group.slug}
    if subscription.scope == Scope.DISTRICT:
        return {"district_ids": {subscription.district_id}}
    return {}


def period_note(period: dt.date, made_on: dt.date) -> str:
    fiscal_year = fiscal_year_of(period)
    start, end = fiscal_year_bounds(fiscal_year)
    return _(
        "ตัวเลขสะสมของปีงบประมาณ %(fy)s ตั้งแต่ %(start)s ถึง %(end)s (ข้อมูล ณ วันที่จัดทำรายงาน %(made)s)"
    ) % {
        "fy": fiscal_year_label(fiscal_year),
        "start": thdate(start),
        "end": thdate(min(end, made_on)),
        "made": thdate(made_on),
    }


def report_title(subscription, period: dt.date) -> str:
    return _("รายงานการขยายผลประจำเดือน%(month)s · %(scope)s") % {
        "month": month_label(period),
        "scope": subscription.scope_label,
    }


def portal_base_url() -> str:
    """Where the PDF's links (the map's districts) point: the portal's first host name."""
    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    host = hosts[0] if hosts else "localhost"
    return f"{'http' if settings.DEBUG else 'https'}://{host}/"


def report_pdf(subscription, period: dt.date, *, made_on: dt.date) -> bytes:
    data = selectors.dashboard_data(
        fiscal_year=fiscal_year_of(period), **scope_filters(subscription)
    )
    return printing.dashboard_pdf(
        data,
        title=report_title(subscription, period),
        note=period_note(period, made_on),
        base_url=portal_base_url(),
    )
