"""/reporting/'s rates against counts made from the raw transitions alone.

Months are driven through the services with a frozen clock (submitted early, on the due
day late in the evening, late; returned and sent again; approved, unlocked, approved again;
checked by a mentor), then the test counts, from ``ReportingTransition`` rows only and not
from the months' stored state:

- expected: the month's due date (day 10 of the next month, FY 2569) is before today;
- reported: the month's last transition left it submitted, checked or approved;
- on time: reported, and its first submission, on Bangkok's calendar, was on or before the
  due date.

Every district's row, every zone group and the city must show those figures."""

import datetime as dt
import random
import re
import zoneinfo
from collections import defaultdict

import pytest

from accounts.models import Role
from districts.models import District, ZoneGroup
from periods.models import ReportingDeadline
from reporting import services
from reporting.models import ReportingTransition
from tests.conftest import make_user
from tests.reporting.factories import pair

pytestmark = pytest.mark.django_db
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
TODAY = dt.datetime(2026, 3, 12, 9, 0)
FY_MONTHS = [dt.date(2025, m, 1) for m in (10, 11, 12)] + [
    dt.date(2026, m, 1) for m in range(1, 10)
]
PATHS = [
    [],
    ["submit"],
    ["submit", "return"],
    ["submit", "return", "submit"],
    ["submit", "approve"],
    ["submit", "check", "approve"],
    ["submit", "approve", "unlock"],
    ["submit", "approve", "unlock", "submit", "approve"],
    ["submit", "check", "return", "submit", "approve"],
]


def due(month):
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following.replace(day=10)


@pytest.fixture
def history(frozen, strategy, bangphlat):
    """A fixed-seed history for twelve districts (the others never report)."""
    ReportingDeadline.objects.create(fiscal_year=2569, due_day=10)
    rng = random.Random(2569)
    mentor = make_user("mentor_t", Role.DISTRICT_STAFF, bangphlat)
    districts = list(District.objects.filter(is_pilot=False).order_by("code")[:12])
    for district in districts:
        pair(bangphlat, district)
    staff = {d.pk: make_user(f"staff_{d.code}", Role.DISTRICT_STAFF, d) for d in districts}
    by = {"check": lambda d: mentor, "submit": lambda d: staff[d.pk]}
    steps = []
    for district in districts:
        for month in FY_MONTHS[:6]:  # October to March (which has begun)
            path = rng.choice(PATHS)
            # The first submission: well before, on the due day late at night (16:30 UTC
            # the same day), on the day after just past midnight, or weeks late.
            moment = rng.choice(
                [
                    dt.datetime.combine(due(month) - dt.timedelta(days=6), dt.time(10, 0)),
                    dt.datetime.combine(due(month), dt.time(23, 30)),
                    dt.datetime.combine(due(month) + dt.timedelta(days=1), dt.time(0, 15)),
                    dt.datetime.combine(due(month) + dt.timedelta(days=20), dt.time(14, 0)),
                ]
            )
            for action in path:
                steps.append((moment, district, month, action))
                moment += dt.timedelta(hours=rng.randint(5, 60))
    for moment, district, month, action in sorted(steps, key=lambda s: s[0]):
        if moment > TODAY:
            continue  # not happened yet
        frozen(moment)
        actor = by.get(action, lambda d: strategy)(district)
        services.ACTIONS[action](district=district, month=month, by=actor, comment="เหตุผล")
    frozen(TODAY)
    return districts


def counts_from_transitions():
    """district id → [expected, reported, on time], from the transitions only."""
    today = TODAY.date()
    last, first_submit = {}, {}
    for transition in ReportingTransition.objects.select_related("period").order_by("at", "pk"):
        key = (transition.period.district_id, transition.period.month)
        last[key] = transition.to_status
        if transition.action == "submit" and key not in first_submit:
            first_submit[key] = transition.at.astimezone(BANGKOK).date()
    counts = defaultdict(lambda: [0, 0, 0])
    for district_id in District.objects.values_list("pk", flat=True):
        for month in FY_MONTHS:
            if not due(month) < today:
                continue
            key = (district_id, month)
            counts[district_id][0] += 1
            reported = last.get(key) in ("submitted", "checked", "approved")
            counts[district_id][1] += reported
            counts[district_id][2] += (
                reported and key in first_submit and first_submit[key] <= due(month)
            )
    return counts


def rate(numerator, denominator):
    return f"{round(100 * numerator / denominator, 1)}%"


def figures(html, attribute, value):
    row = re.search(rf'<tr [^>]*{attribute}="{value}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return tuple(
        re.search(rf'class="text-end {name}">([^<]*)<', row).group(1)
        for name in ("rate-reporting", "rate-on-time")
    )


def add(counts, district_ids):
    total = [0, 0, 0]
    for district_id in district_ids:
        total = [a + b for a, b in zip(total, counts[district_id], strict=True)]
    return total


def test_the_history_covers_every_case(history):
    transitions = ReportingTransition.objects.all()
    assert {t.action for t in transitions} == {"submit", "check", "return", "approve", "unlock"}
    late_evening = [t for t in transitions if t.at.astimezone(BANGKOK).time() == dt.time(23, 30)]
    assert late_evening and all(t.at.astimezone(dt.UTC).hour == 16 for t in late_evening)


def test_every_districts_rates_equal_counts_from_the_transitions(history, strategy, login):
    counts = counts_from_transitions()
    html = login(strategy).get("/reporting/", {"fiscal_year": 2569}).content.decode()
    compared = 0
    for district in District.objects.all():
        expected, reported, on_time = counts[district.pk]
        assert expected == 5  # October to February are due by 12 March
        assert figures(html, "data-district", district.code) == (
            rate(reported, expected),
            rate(on_time, expected),
        ), district.code
        compared += reported > 0
    assert compared >= 8  # the history is not all empty


def test_zone_group_and_city_rates_equal_counts_from_the_transitions(history, strategy, login):
    counts = counts_from_transitions()
    html = login(strategy).get("/reporting/", {"fiscal_year": 2569}).content.decode()
    for group in ZoneGroup.objects.all():
        expected, reported, on_time = add(counts, group.districts.values_list("pk", flat=True))
        assert figures(html, "data-group", group.slug) == (
            rate(reported, expected),
            rate(on_time, expected),
        ), group.slug
    expected, reported, on_time = add(counts, District.objects.values_list("pk", flat=True))
    assert expected == 250
    city = re.search(r'<tr id="city-rates"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert f">{rate(reported, expected)}<" in city and f">{rate(on_time, expected)}<" in city
