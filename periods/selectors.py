"""Reads for the reporting calendar: months of the fiscal year, due dates, locks."""

import datetime as dt

from django.core.cache import cache

from bangphlat.thai import fiscal_year_bounds, fiscal_year_of
from periods.models import DEFAULT_DUE_DAY, ReportingDeadline, ReportingMonth, ReportStatus


# --- Calendar --------------------------------------------------------------------------
def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def fiscal_months(fiscal_year: int) -> list[dt.date]:
    """The twelve months of a BE fiscal year, October first."""
    first, _last = fiscal_year_bounds(fiscal_year)
    months = [first]
    while len(months) < 12:
        months.append(next_month(months[-1]))
    return months


# The data version (bangphlat.versions) of every district's months: changed with each
# month's state (PeriodsConfig.ready()), for the completeness grid kept under it.
MONTHS_VERSION_KEY = "months"
DUE_DAYS_CACHE_KEY = "reporting:due-days"  # the key kept its name across the move


def due_days(fiscal_years) -> dict[int, int]:
    """Due day per fiscal year, the default where the strategy office set none. The few
    deadlines are cached (deadline_set forgets them): pages and panels pay no query."""
    found = cache.get(DUE_DAYS_CACHE_KEY)
    if found is None:
        found = dict(ReportingDeadline.objects.values_list("fiscal_year", "due_day"))
        cache.set(DUE_DAYS_CACHE_KEY, found, 3600)
    return {year: found.get(year, DEFAULT_DUE_DAY) for year in fiscal_years}


def due_date(month: dt.date, due_day: int) -> dt.date:
    """A month is due on ``due_day`` of the following month."""
    return next_month(month).replace(day=due_day)


def due_date_of(month: dt.date) -> dt.date:
    return due_date(month, due_days([fiscal_year_of(month)])[fiscal_year_of(month)])


# --- Locks -----------------------------------------------------------------------------
def locked_months(district_ids) -> set[tuple[int, dt.date]]:
    """(district id, first day of month) of every approved month of these districts, in one
    query: imports and bulk edits check each row against this set. ``None``: every district."""
    rows = ReportingMonth.objects.approved()
    if district_ids is not None:
        rows = rows.filter(district_id__in=list(district_ids))
    return set(rows.values_list("district_id", "month"))


def is_month_locked(*, district_id: int, date: dt.date) -> bool:
    """Inside a transaction the month's row is locked until commit, so an approval cannot
    slip in between this check and the writer's save (the approval locks the same row)."""
    from django.db import connection

    rows = ReportingMonth.objects.filter(district_id=district_id, month=month_start(date))
    if connection.in_atomic_block:
        rows = rows.order_by().select_for_update(of=("self",))
    status = rows.values_list("status", flat=True).first()
    return status == ReportStatus.APPROVED


# --- One district's month --------------------------------------------------------------
def period_of(*, district, month: dt.date) -> ReportingMonth:
    """The stored month, or an unsaved open one (rows exist only after a first transition)."""
    month = month_start(month)
    period = (
        ReportingMonth.objects.filter(district=district, month=month)
        .prefetch_related("transitions__by")
        .first()
    )
    return period or ReportingMonth(district=district, month=month)
