"""Demo reporting months: the last six months of every district in every state (older
months mostly approved, recent ones still open or waiting), made through the services so
each has its recorded transitions, with plausible first-submission days around the due day."""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from districts.models import District
from mentoring.models import Pairing
from notices.models import Notice
from periods.models import ReportingMonth
from periods.selectors import due_date_of, month_start, next_month
from reporting import services

MONTHS = 6
# (state, weight) for each month, oldest first: older months are more often approved.
STATES = ["open", "submitted", "checked", "returned", "approved"]


def _weights(age: int) -> list[int]:
    if age >= 4:
        return [1, 1, 1, 1, 12]
    if age >= 2:
        return [2, 3, 2, 2, 6]
    return [6, 4, 2, 2, 1]


def seed(*, scale, rng, stdout) -> str:
    if ReportingMonth.objects.exists():
        return "already seeded"
    today = timezone.localdate()
    months = []
    month = month_start(today)
    while len(months) < MONTHS:
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.insert(0, month)
    strategy = User.objects.get(username="strategy")
    staff = {u.district_id: u for u in User.objects.filter(username__startswith="staff")}
    mentor_of = dict(Pairing.objects.active().values_list("mentee_id", "mentor_id"))
    counts = dict.fromkeys(STATES, 0)
    for district in District.objects.order_by("code"):
        own = staff.get(district.pk)
        if own is None:
            continue
        for age, month in zip(range(MONTHS - 1, -1, -1), months, strict=True):
            state = rng.choices(STATES, weights=_weights(age))[0]
            mentor = staff.get(mentor_of.get(district.pk))
            if state == "checked" and mentor is None:
                state = "submitted"
            counts[state] += 1
            if state == "open":
                continue
            services.reporting_month_submit(district=district, month=month, by=own)
            if mentor is not None and (state == "checked" or rng.random() < 0.4):
                services.reporting_month_check(
                    district=district, month=month, by=mentor, comment="ตรวจแล้ว ตัวเลขครบถ้วน"
                )
            if state == "returned":
                services.reporting_month_return(
                    district=district, month=month, by=strategy,
                    comment="จำนวนผู้เข้าร่วมกิจกรรมบางรายการสูงผิดปกติ กรุณาตรวจสอบอีกครั้ง",
                )  # fmt: skip
            elif state == "approved":
                services.reporting_month_approve(district=district, month=month, by=strategy)
            due = due_date_of(month)
            # Sent after the month ended (never before: the portal refuses that), early or late.
            sent_on = max(due + dt.timedelta(days=rng.randint(-6, 4)), next_month(month))
            sent = dt.datetime.combine(sent_on, dt.time(rng.randint(8, 17), 30))
            sent = timezone.make_aware(min(sent, dt.datetime.combine(today, dt.time(8, 0))))
            ReportingMonth.objects.filter(district=district, month=month).update(
                first_submitted_at=sent, submitted_at=sent
            )
    # The seeding's own notices would fill every bell: keep them, read.
    now = timezone.now()
    Notice.objects.filter(read_at__isnull=True).update(read_at=now, emailed_at=now)
    return ", ".join(f"{state} {count}" for state, count in counts.items())
