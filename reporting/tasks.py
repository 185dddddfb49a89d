"""What a district's own staff should do now, for the top of their district page (read only):
the month to send (its due date, state and what is missing), communities with no activity
this month, follow-ups due, lessons sent back, and a mentor's mentees.

Queries: the district's recent months (1), its communities (1), the report month's checks (2),
this month's active communities when the report month is an earlier one (1), follow-ups due
(1), lessons sent back (1), a mentor's mentees (1, pilots only)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from periods.models import ReportingMonth, ReportStatus
from periods.selectors import due_date_of, month_start, next_month
from reporting.checklist import Checklist, district_communities, month_checklist

LOOK_BACK_MONTHS = 3  # older gaps are on the district's own months page
TO_SEND = (ReportStatus.OPEN, ReportStatus.RETURNED)


@dataclass
class ReportTask:
    month: dt.date
    due: dt.date
    status: str
    label: str
    ended: bool
    late: bool
    checklist: Checklist

    @property
    def to_send(self) -> bool:
        return self.status in TO_SEND and self.ended


@dataclass
class Tasks:
    report: ReportTask
    quiet_communities: list = field(default_factory=list)
    communities_total: int = 0
    follow_ups: list = field(default_factory=list)
    sent_back: list = field(default_factory=list)
    mentees: list = field(default_factory=list)


def _recent_months(today: dt.date) -> list[dt.date]:
    months = [month_start(today)]
    while len(months) <= LOOK_BACK_MONTHS:
        months.insert(0, month_start(months[0] - dt.timedelta(days=1)))
    return months


def _report_month(district, today) -> tuple[dt.date, str]:
    """The oldest ended month still to send (or sent back), else the current month."""
    months = _recent_months(today)
    statuses = dict(
        ReportingMonth.objects.filter(district=district, month__in=months)
        .order_by()
        .values_list("month", "status")
    )
    for month in months[:-1]:
        status = statuses.get(month, ReportStatus.OPEN)
        if status in TO_SEND:
            return month, status
    return months[-1], statuses.get(months[-1], ReportStatus.OPEN)


def _report_task(district, today, communities) -> ReportTask:
    from reporting.selectors import NOT_DUE_LABEL

    month, status = _report_month(district, today)
    due = due_date_of(month)
    ended = next_month(month) <= today
    late = status in TO_SEND and due < today
    label = ReportStatus(status).label
    if status == ReportStatus.OPEN and not late:
        label = NOT_DUE_LABEL
    checks = month_checklist(district=district, month=month, communities=communities)
    return ReportTask(month, due, status, str(label), ended, late, checks)


def district_tasks(*, district, user, today: dt.date | None = None) -> Tasks:
    from communities.models import Activity
    from lessons.models import Lesson
    from mentoring.selectors import follow_ups_due_for, mentees_of

    today = today or timezone.localdate()
    communities = district_communities(district)
    report = _report_task(district, today, communities)
    this_month = month_start(today)
    if report.month == this_month:
        quiet = report.checklist.without_activity
    else:
        active = set(
            Activity.objects.alive()
            .filter(district=district, date__gte=this_month, date__lt=next_month(this_month))
            .values_list("community_id", flat=True)
        )
        quiet = [c for c in communities if c.pk not in active]
    return Tasks(
        report=report,
        quiet_communities=quiet,
        communities_total=len(communities),
        follow_ups=follow_ups_due_for(district=district, user=user),
        sent_back=list(Lesson.objects.for_district(district).sent_back().only("pk", "title")[:5]),
        mentees=mentees_of(district),
    )
