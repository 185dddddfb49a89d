"""Reporting's section of the daily digest (registered in ``ReportingConfig.ready()``; sent by
notices/digests.py): district staff read their months due within ``REMINDER_DAYS`` days and
their overdue months, mentors their mentees' overdue months, the strategy office the months
waiting for its decision.

Reminders cover the current month and the three before it, whatever the fiscal year (so the
30 September / 1 October boundary changes nothing; older gaps are on /reporting/), each month
due on the due day of *its own* fiscal year."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.models import Role
from bangphlat.thai import fiscal_year_of, format_date_th
from districts.models import District
from mentoring.models import Pairing
from periods.models import ReportingMonth, ReportStatus, month_label
from periods.selectors import due_date, due_days, month_start
from reporting.selectors import waiting_months

REMINDER_DAYS = 3
LOOK_BACK_MONTHS = 3
NEEDS_DISTRICT = (ReportStatus.OPEN, ReportStatus.RETURNED)


@dataclass
class MonthState:
    district_id: int
    month: dt.date
    due: dt.date
    status: str


@dataclass
class Facts:
    """Everything the digests need, read once for every user."""

    today: dt.date
    due_soon: dict = field(default_factory=lambda: defaultdict(list))  # district id → months
    overdue: dict = field(default_factory=lambda: defaultdict(list))
    mentees: dict = field(default_factory=lambda: defaultdict(list))  # mentor id → mentee ids
    district_names: dict = field(default_factory=dict)
    waiting_months: list = field(default_factory=list)


def _months_to_watch(today: dt.date) -> list[dt.date]:
    months = [month_start(today)]
    while len(months) < LOOK_BACK_MONTHS + 1:
        months.insert(0, (months[0] - dt.timedelta(days=1)).replace(day=1))
    return months


def gather(today: dt.date) -> Facts:
    facts = Facts(today=today)
    months = _months_to_watch(today)
    days = due_days({fiscal_year_of(m) for m in months})
    status = {
        (p.district_id, p.month): p.status
        for p in ReportingMonth.objects.in_range(months[0], months[-1]).only(
            "district_id", "month", "status"
        )
    }
    facts.district_names = dict(District.objects.values_list("pk", "name_th"))
    for district_id in facts.district_names:
        for month in months:
            if status.get((district_id, month), ReportStatus.OPEN) not in NEEDS_DISTRICT:
                continue
            due = due_date(month, days[fiscal_year_of(month)])
            if due < today:
                facts.overdue[district_id].append((month, due))
            elif (due - today).days <= REMINDER_DAYS and month <= today:
                facts.due_soon[district_id].append((month, due))
    for mentor_id, mentee_id in Pairing.objects.active().values_list("mentor_id", "mentee_id"):
        facts.mentees[mentor_id].append(mentee_id)
    facts.waiting_months = list(waiting_months())
    return facts


def lines_for(user, facts: Facts) -> list[str]:
    lines = []
    if user.role == Role.DISTRICT_STAFF and user.district_id:
        for month, due in facts.due_soon.get(user.district_id, []):
            lines.append(
                _("ใกล้กำหนดส่ง: รายงานเดือน%(month)s ส่งภายใน %(due)s")
                % {"month": month_label(month), "due": format_date_th(due)}
            )
        for month, due in facts.overdue.get(user.district_id, []):
            lines.append(
                _("เลยกำหนดส่ง: รายงานเดือน%(month)s (กำหนด %(due)s)")
                % {"month": month_label(month), "due": format_date_th(due)}
            )
        for mentee_id in sorted(facts.mentees.get(user.district_id, [])):
            for month, due in facts.overdue.get(mentee_id, []):
                lines.append(
                    _("เขตที่คุณเป็นพี่เลี้ยง: เขต%(district)s ยังไม่ส่งรายงานเดือน%(month)s (กำหนด %(due)s)")
                    % {
                        "district": facts.district_names[mentee_id],
                        "month": month_label(month),
                        "due": format_date_th(due),
                    }
                )
    if user.role == Role.STRATEGY and facts.waiting_months:
        lines.append(
            _("รายงานประจำเดือนรออนุมัติ %(count)s รายการ") % {"count": len(facts.waiting_months)}
        )
        for period in facts.waiting_months[:20]:
            lines.append(f"  - เขต{period.district.name_th} {month_label(period.month)}")
    return lines
