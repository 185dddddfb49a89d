"""Shared helpers for reporting tests: a mentee district with its mentor, months in a state."""

import datetime as dt

from django.utils import timezone

from districts.models import District
from mentoring.models import Pairing
from reporting import services

# How to bring a month into each state, and who does each step.
PATH = {
    "open": [],
    "submitted": ["submit"],
    "checked": ["submit", "check"],
    "returned": ["submit", "return"],
    "approved": ["submit", "approve"],
}
ACTOR_OF_STEP = {
    "submit": "own_staff",
    "check": "mentor",
    "approve": "strategy",
    "return": "strategy",
    "unlock": "strategy",
}


def last_month() -> dt.date:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def pair(mentor: District, mentee: District) -> Pairing:
    return Pairing.objects.create(
        mentor=mentor, mentee=mentee, start_date=dt.date(2024, 1, 1), status="active"
    )


def month_in(status, actors, district, month=None):
    month = month or last_month()
    for step in PATH[status]:
        services.ACTIONS[step](
            district=district, month=month, by=actors[ACTOR_OF_STEP[step]], comment="เหตุผล"
        )
    return month
