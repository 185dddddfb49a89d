"""Reads for reporting: the fiscal calendar, locks, month summaries and the completeness grid.

Rates follow DHIS2's definitions. A month is *expected* once its due date has passed; the
reporting rate is expected months currently reported (submitted, checked or approved) over
expected months; the on-time rate is expected months currently reported whose first submission
was on or before their due date, over expected months (a returned or unlocked month counts in
neither until it is sent again, so on time never exceeds reported). Zone-group and city rates
add up the districts' counts."""

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils import timezone

from bangphlat.thai import fiscal_year_bounds, fiscal_year_of
from districts.models import District
from mentoring.access import readable_district_ids
from reporting.models import (
    DEFAULT_DUE_DAY,
    REPORTED_STATUSES,
    ConfirmedOutlier,
    Notice,
    ReportingDeadline,
    ReportingMonth,
    ReportStatus,
)


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


DUE_DAYS_CACHE_KEY = "reporting:due-days"


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
def period_of(*, district: District, month: dt.date) -> ReportingMonth:
    """The stored month, or an unsaved open one (rows exist only after a first transition)."""
    month = month_start(month)
    period = (
        ReportingMonth.objects.filter(district=district, month=month)
        .prefetch_related("transitions__by")
        .first()
    )
    return period or ReportingMonth(district=district, month=month)


def month_summary(*, district: District, month: dt.date) -> dict:
    """What the district entered for the month: activities, participants, communities."""
    from communities.models import Activity

    month = month_start(month)
    figures = (
        Activity.objects.alive()
        .filter(district=district, date__gte=month, date__lt=next_month(month))
        .aggregate(
            activities=Count("pk"),
            participants=Sum("participants_total"),
            communities=Count("community", distinct=True),
        )
    )
    return {key: value or 0 for key, value in figures.items()}


def transitions_of(period: ReportingMonth):
    if period.pk is None:
        return []
    return list(period.transitions.all())


# --- Completeness ----------------------------------------------------------------------
@dataclass
class Cell:
    month: dt.date
    status: str
    label: str
    due: dt.date
    expected: bool
    reported: bool
    on_time: bool


@dataclass
class Rates:
    expected: int = 0
    reported: int = 0
    on_time: int = 0

    def add(self, other: "Rates") -> None:
        self.expected += other.expected
        self.reported += other.reported
        self.on_time += other.on_time

    @property
    def reporting_rate(self) -> float | None:
        return round(100 * self.reported / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.expected, 1) if self.expected else None


@dataclass
class Row:
    district: District
    cells: list[Cell]
    rates: Rates


@dataclass
class Completeness:
    fiscal_year: int
    months: list[dt.date]
    due_day: int
    rows: list[Row]
    groups: list[tuple[object, Rates]] = field(default_factory=list)
    city: Rates = field(default_factory=Rates)


def _cell(month, period, due, today) -> Cell:
    status = period.status if period else ReportStatus.OPEN
    expected = due < today
    reported = status in REPORTED_STATUSES
    first = period.first_submitted_at if period else None
    on_time = first is not None and timezone.localdate(first) <= due
    label = "" if month > today else ReportStatus(status).label  # "": not begun yet
    return Cell(
        month,
        status,
        label,
        due,
        expected,
        reported and expected,
        on_time and reported and expected,
    )


def _rates(cells) -> Rates:
    return Rates(
        expected=sum(c.expected for c in cells),
        reported=sum(c.reported for c in cells),
        on_time=sum(c.on_time for c in cells),
    )


def completeness(*, user, fiscal_year: int, filters: dict, today: dt.date | None = None):
    """The grid for the districts this user may read (filtered), with zone-group and city
    rates over every district (aggregates, no district's detail).

    Queries: the due day (1), every district with its zone group (1), the year's months (1)."""
    today = today or timezone.localdate()
    months = fiscal_months(fiscal_year)
    due_day = due_days([fiscal_year])[fiscal_year]
    dues = {month: due_date(month, due_day) for month in months}
    districts = list(District.objects.select_related("zone_group").thai_order())
    periods = {
        (p.district_id, p.month): p
        for p in ReportingMonth.objects.in_range(months[0], months[-1])
        .order_by()
        .only("district_id", "month", "status", "first_submitted_at")
    }
    readable = readable_district_ids(user)
    group_rates = defaultdict(Rates)
    city = Rates()
    rows = []
    for district in districts:
        cells = [
            _cell(month, periods.get((district.pk, month)), dues[month], today) for month in months
        ]
        rates = _rates(cells)
        group_rates[district.zone_group].add(rates)
        city.add(rates)
        if readable is not None and district.pk not in readable:
            continue
        if not _matches(district, cells, filters):
            continue
        rows.append(Row(district, cells, rates))
    groups = sorted(group_rates.items(), key=lambda item: item[0].slug)
    return Completeness(fiscal_year, months, due_day, rows, groups, city)


def district_year(*, district, fiscal_year: int, today: dt.date | None = None) -> Row:
    """One district's row of the grid (its page's panel): the due day and its months."""
    today = today or timezone.localdate()
    months = fiscal_months(fiscal_year)
    due_day = due_days([fiscal_year])[fiscal_year]
    periods = {
        p.month: p
        for p in ReportingMonth.objects.in_range(months[0], months[-1])
        .filter(district=district)
        .order_by()
    }
    cells = [_cell(m, periods.get(m), due_date(m, due_day), today) for m in months]
    return Row(district, cells, _rates(cells))


def _matches(district, cells, filters) -> bool:
    zone_group = filters.get("zone_group")
    if zone_group and district.zone_group_id != zone_group.pk:
        return False
    pilot = filters.get("pilot")
    if pilot == "pilot" and not district.is_pilot:
        return False
    if pilot == "non_pilot" and district.is_pilot:
        return False
    status = filters.get("status")
    return not status or any(c.status == status and c.label for c in cells)


def waiting_months():
    """Months waiting for the strategy office, oldest first."""
    return ReportingMonth.objects.waiting().select_related("district").order_by("month", "pk")


# --- Entry checks ----------------------------------------------------------------------
OUTLIER_FACTOR = 3
OUTLIER_MIN_SAMPLE = 5  # fewer activities than this say nothing about what is usual


def district_median(*, district_id: int, activity_type_id: int, exclude_pk=None) -> float | None:
    """Median participants of the district's activities of this type (one query)."""
    from communities.models import Activity

    values = (
        Activity.objects.alive()
        .filter(district_id=district_id, activity_type_id=activity_type_id)
        .exclude(pk=exclude_pk)
        .values_list("participants_total", flat=True)
    )
    values = list(values)
    return median(values) if len(values) >= OUTLIER_MIN_SAMPLE else None


def is_outlier(total, usual) -> bool:
    """More than OUTLIER_FACTOR times the district's usual figure (unknown usual: never)."""
    return usual is not None and total is not None and total > OUTLIER_FACTOR * usual


def participants_by_district_and_type(district_ids) -> dict[tuple[int, int], list[int]]:
    """(district id, activity type id) → the sorted participants of its activities, for
    these districts in one query: a batch (an import) checks every row against it."""
    from communities.models import Activity

    values = defaultdict(list)
    for district_id, type_id, total in (
        Activity.objects.alive()
        .filter(district_id__in=list(district_ids))
        .order_by()
        .values_list("district_id", "activity_type_id", "participants_total")
    ):
        values[(district_id, type_id)].append(total)
    for totals in values.values():
        totals.sort()
    return values


def median_without(totals: list[int], left_out: int | None = None) -> float | None:
    """``district_median`` from a sorted list: the median of ``totals`` without one
    occurrence of ``left_out`` (the activity being changed), None under OUTLIER_MIN_SAMPLE.
    No copy of the list: a file's thousand rows cost a thousand bisections."""
    skip = None
    if left_out is not None:
        skip = bisect_left(totals, left_out)
        if skip == len(totals) or totals[skip] != left_out:
            skip = None
    size = len(totals) - (skip is not None)
    if size < OUTLIER_MIN_SAMPLE:
        return None

    def kth(k):
        return totals[k + 1] if skip is not None and k >= skip else totals[k]

    middle = size // 2
    return kth(middle) if size % 2 else (kth(middle - 1) + kth(middle)) / 2


def confirmed_outliers():
    return ConfirmedOutlier.objects.select_related(
        "activity__district", "activity__community", "activity__activity_type", "confirmed_by"
    ).filter(activity__is_deleted=False)


# --- Notices ---------------------------------------------------------------------------
def unread_count(user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notices_of(user):
    return Notice.objects.filter(user=user)
