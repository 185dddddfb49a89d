"""Reads for reporting: month summaries, the review's history and the completeness grid (the
calendar and locks are in periods/selectors.py).

Rates follow DHIS2's definitions. A month is *expected* once its due date has passed; the
reporting rate is expected months currently reported (submitted, checked or approved) over
expected months; the on-time rate is expected months currently reported whose first submission
was on or before their due date, over expected months (a returned or unlocked month counts in
neither until it is sent again, so on time never exceeds reported). Zone-group and city rates
add up the districts' counts."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import District
from mentoring.access import readable_district_ids
from periods.models import (
    REPORTED_STATUSES,
    ReportingMonth,
    ReportStatus,
)
from periods.selectors import due_date, due_days, fiscal_months, month_start, next_month


# --- One district's month --------------------------------------------------------------
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
NOT_DUE_LABEL = _("ยังไม่ถึงกำหนด")


@dataclass
class Cell:
    month: dt.date
    status: str
    label: str
    due: dt.date
    expected: bool
    reported: bool
    on_time: bool
    not_due: bool = False  # open, begun, its due date not passed: not late (ยังไม่ถึงกำหนด)

    @property
    def badge(self) -> str:
        """The state as the district reads it: a month not yet due is not "not sent"."""
        return "not_due" if self.not_due else self.status


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

    @property
    def sent_late(self) -> int:
        """Months counted as sent but not on time (why the two rates differ)."""
        return self.rates.reported - self.rates.on_time

    @property
    def not_due_cells(self) -> list[Cell]:
        """Open months that are not counted yet: their due date has not passed."""
        return [cell for cell in self.cells if cell.not_due]

    @property
    def begun_cells(self) -> list[Cell]:
        """The months a district has lived through, the newest first (its own list)."""
        return [cell for cell in reversed(self.cells) if cell.label]


@dataclass
class Completeness:
    fiscal_year: int
    months: list[dt.date]
    due_day: int
    rows: list[Row]
    groups: list[tuple[object, Rates]] = field(default_factory=list)
    city: Rates = field(default_factory=Rates)


def status_labels() -> dict[str, str]:
    """Each state's label in the reader's language, translated once for a whole grid."""
    return {status: str(status.label) for status in ReportStatus}


def _cell(month, period, due, today, labels=None) -> Cell:
    status = period.status if period else ReportStatus.OPEN
    expected = due < today
    reported = status in REPORTED_STATUSES
    first = period.first_submitted_at if period else None
    on_time = first is not None and timezone.localdate(first) <= due
    not_due = status == ReportStatus.OPEN and not expected and month <= today
    label = labels[status] if labels is not None else ReportStatus(status).label
    if month > today:
        label = ""  # not begun yet
    elif not_due:
        label = str(NOT_DUE_LABEL)
    return Cell(
        month,
        status,
        label,
        due,
        expected,
        reported and expected,
        on_time and reported and expected,
        not_due,
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
    labels = status_labels()
    for district in districts:
        cells = [
            _cell(month, periods.get((district.pk, month)), dues[month], today, labels)
            for month in months
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
