"""The daily digest (``manage.py send_digests``, run each morning by a systemd timer).

One digest per user per day at most (a ``DigestSent`` row is the key): running the command
again the same day sends nothing more. Each digest is a notice in the bell and, unless the
user chose "none", an e-mail. What each role reads:

- district staff: their months due within ``REMINDER_DAYS`` days, and their overdue months;
- mentors (staff of a pilot district): their mentees' overdue months;
- the strategy office: months and lessons waiting for its decision;
- users on the daily mode also get the notices of the day that were not e-mailed yet.

Reminders cover the current month and the three before it, whatever the fiscal year (so the
30 September / 1 October boundary changes nothing; older gaps are on /reporting/), each month
due on the due day of *its own* fiscal year."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from bangphlat.thai import fiscal_year_of, format_date_th
from reporting import selectors
from reporting.models import (
    DigestSent,
    Notice,
    NoticeMode,
    ReportingMonth,
    ReportStatus,
    month_label,
)
from reporting.services import forget_unread, mode_of

REMINDER_DAYS = 3
LOOK_BACK_MONTHS = 3
NEEDS_DISTRICT = (ReportStatus.OPEN, ReportStatus.RETURNED)


@dataclass
class Summary:
    sent: int = 0
    in_app_only: int = 0
    already_sent: int = 0
    nothing_to_say: int = 0


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
    waiting_lessons: int = 0


def _months_to_watch(today: dt.date) -> list[dt.date]:
    months = [selectors.month_start(today)]
    while len(months) < LOOK_BACK_MONTHS + 1:
        months.insert(0, (months[0] - dt.timedelta(days=1)).replace(day=1))
    return months


def gather(today: dt.date) -> Facts:
    from districts.models import District
    from lessons.models import Lesson
    from mentoring.models import Pairing

    facts = Facts(today=today)
    months = _months_to_watch(today)
    days = selectors.due_days({fiscal_year_of(m) for m in months})
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
            due = selectors.due_date(month, days[fiscal_year_of(month)])
            if due < today:
                facts.overdue[district_id].append((month, due))
            elif (due - today).days <= REMINDER_DAYS and month <= today:
                facts.due_soon[district_id].append((month, due))
    for mentor_id, mentee_id in Pairing.objects.active().values_list("mentor_id", "mentee_id"):
        facts.mentees[mentor_id].append(mentee_id)
    facts.waiting_months = list(selectors.waiting_months())
    facts.waiting_lessons = Lesson.objects.submitted().count()
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
    if user.role == Role.STRATEGY:
        if facts.waiting_months:
            lines.append(
                _("รายงานประจำเดือนรออนุมัติ %(count)s รายการ") % {"count": len(facts.waiting_months)}
            )
            for period in facts.waiting_months[:20]:
                lines.append(f"  - เขต{period.district.name_th} {month_label(period.month)}")
        if facts.waiting_lessons:
            lines.append(_("บทเรียนรอพิจารณา %(count)s เรื่อง") % {"count": facts.waiting_lessons})
    return lines


def send_digests(*, today: dt.date | None = None) -> Summary:
    today = today or timezone.localdate()
    facts = gather(today)
    summary = Summary()
    done = set(DigestSent.objects.filter(day=today).values_list("user_id", flat=True))
    users = (
        User.objects.filter(is_active=True, role__in=[Role.DISTRICT_STAFF, Role.STRATEGY])
        .select_related("notice_preference")
        .order_by("pk")
    )
    pending = defaultdict(list)
    for notice in Notice.objects.filter(emailed_at__isnull=True, read_at__isnull=True).order_by(
        "created_at", "pk"
    ):
        pending[notice.user_id].append(notice)
    for user in users:
        if user.pk in done:
            summary.already_sent += 1
            continue
        mode = mode_of(user)
        lines = lines_for(user, facts)
        notices = pending.get(user.pk, []) if mode == NoticeMode.DAILY else []
        if not lines and not notices:
            summary.nothing_to_say += 1
            continue
        emailed = _deliver(user, mode, today, lines, notices)
        if emailed is None:
            summary.already_sent += 1
        elif emailed:
            summary.sent += 1
        else:
            summary.in_app_only += 1
    return summary


def _bell_text(lines) -> str:
    if len(lines) == 1:
        return lines[0][:300]
    more = _(" (และอีก %(count)s เรื่อง)") % {"count": len(lines) - 1}
    return lines[0][: 300 - len(more)] + more


def _deliver(user, mode, today, lines, notices) -> bool | None:
    """Record the day's digest first (the unique row makes a second run a no-op), then the
    bell notice, then the e-mail once the transaction has committed."""
    email = mode != NoticeMode.NONE and bool(user.email)
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=today, items=len(lines) + len(notices))
            now = timezone.now()
            if lines:
                Notice.objects.create(
                    user=user,
                    text=_bell_text(lines),
                    url=reverse("reporting:completeness"),
                    emailed_at=now if email else None,
                )
            if email and notices:
                Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
            forget_unread([user.pk])
    except IntegrityError:
        return None  # another run got there first
    if email:
        body = [*lines]
        if notices:
            body += ["", _("การแจ้งเตือนที่ยังไม่ได้อ่าน:"), *[f"  - {n.text}" for n in notices]]
        body += ["", reverse("reporting:completeness")]
        send_mail(
            subject=_("[บางพลัดโมเดล] สรุปประจำวันที่ %(day)s") % {"day": format_date_th(today)},
            message="\n".join(body),
            from_email=None,
            recipient_list=[user.email],
        )
    return email
