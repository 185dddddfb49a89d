"""Every dashboard figure equals an independent count over the data, per fiscal year and
zone group, including the fiscal-year boundary."""

import datetime as dt

import pytest
from django.db.models import Sum

from communities.models import Activity, Community
from dashboard import selectors
from dashboard.models import DistrictTarget
from districts.models import District
from mentoring.models import FollowUp, MentoringSession, Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import approved_lesson, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(bangphlat, phranakhon, staff_bangphlat, strategy):
    bang_c = [
        CommunityFactory(district=bangphlat, model_step=step)
        for step in ("reach", "develop", "not_engaged")
    ]
    phra_c = [
        CommunityFactory(district=phranakhon, model_step=step)
        for step in ("understand", "not_engaged")
    ]
    # The fiscal-year boundary: 30 Sep 2025 is FY 2568, 1 Oct 2025 is FY 2569.
    ActivityFactory(
        community=bang_c[0], date=dt.date(2025, 9, 30), participants_total=10, participants_women=4
    )
    ActivityFactory(
        community=bang_c[0],
        date=dt.date(2025, 10, 1),
        participants_total=20,
        participants_women=5,
        participants_elderly=3,
    )
    ActivityFactory(
        community=bang_c[1],
        date=dt.date(2026, 3, 15),
        participants_total=15,
        participants_disabled=2,
        participants_welfare_card=6,
    )
    ActivityFactory(
        community=phra_c[0],
        date=dt.date(2026, 9, 30),
        participants_total=8,
        participants_women=0,
        participants_youth=8,
    )
    gone = ActivityFactory(community=phra_c[0], date=dt.date(2026, 1, 5), participants_total=50)
    Activity.objects.filter(pk=gone.pk).update(is_deleted=True)
    approved_lesson(staff_bangphlat, strategy, title="อนุมัติแล้ว")
    make_lesson(staff_bangphlat, title="ร่าง")
    Pairing.objects.create(
        mentor=District.objects.get(code="1037"),
        mentee=phranakhon,
        start_date="2025-01-01",
        status=PairingStatus.ACTIVE,
    )
    session = MentoringSession.objects.create(
        date=dt.date(2025, 11, 1),
        mentor=District.objects.get(code="1037"),
        kind="training",
        topics="t",
        attendee_count=10,
    )
    session.mentees.add(phranakhon)
    FollowUp.objects.create(session=session, who="a", what="b", due_date=dt.date(2025, 12, 1))
    DistrictTarget.objects.create(
        district=bangphlat,
        fiscal_year=2569,
        communities_engaged=4,
        activities=4,
        lessons_approved=1,
    )


def expected_activities(fy, **filters):
    start, end = dt.date(fy - 544, 10, 1), dt.date(fy - 543, 9, 30)
    qs = Activity.objects.filter(is_deleted=False, date__gte=start, date__lte=end, **filters)
    return qs.count(), qs.aggregate(n=Sum("participants_total"))["n"] or 0


@pytest.mark.parametrize("fy", [2568, 2569])
def test_headline_figures_equal_independent_counts(data, fy):
    result = selectors.dashboard_data(fiscal_year=fy)
    count, participants = expected_activities(fy)
    totals = result["totals"]
    assert (totals["activities"], totals["participants"]) == (count, participants)
    assert totals["registered"] == Community.objects.filter(is_deleted=False).count()
    assert (
        totals["engaged"]
        == Community.objects.filter(is_deleted=False).exclude(model_step="not_engaged").count()
    )
    assert (
        totals["women"]
        == Activity.objects.filter(
            is_deleted=False, date__range=(dt.date(fy - 544, 10, 1), dt.date(fy - 543, 9, 30))
        ).aggregate(n=Sum("participants_women"))["n"]
    )
    assert (totals["lessons_submitted"], totals["lessons_approved"]) == (0, 1)
    assert sum(result["stage_counts"].values()) == 50


def test_the_fiscal_year_boundary_splits_30_september_and_1_october(data):
    def bang(fy):
        return next(
            r for r in selectors.dashboard_data(fiscal_year=fy)["rows"] if r["code"] == "1025"
        )

    assert (bang(2568)["activities"], bang(2568)["participants"]) == (1, 10)
    assert (bang(2569)["activities"], bang(2569)["participants"]) == (2, 35)


def test_zone_group_filter_counts_only_that_group(data):
    result = selectors.dashboard_data(fiscal_year=2569, zone_group="central-bangkok")
    assert {r["code"] for r in result["rows"]} == set(
        District.objects.filter(zone_group__slug="central-bangkok").values_list("code", flat=True)
    )
    count, participants = expected_activities(2569, district__zone_group__slug="central-bangkok")
    assert (
        (result["totals"]["activities"], result["totals"]["participants"])
        == (count, participants)
        == (1, 8)
    )
    assert result["totals"]["sessions"] == 1 and result["totals"]["overdue"] == 1


def test_pilot_and_mentee_filters(data):
    pilots = selectors.dashboard_data(fiscal_year=2569, kind="pilot")["rows"]
    mentees = selectors.dashboard_data(fiscal_year=2569, kind="mentee")["rows"]
    assert len(pilots) == 7 and len(mentees) == 43


def test_progress_against_targets(data):
    bang = next(
        r for r in selectors.dashboard_data(fiscal_year=2569)["rows"] if r["code"] == "1025"
    )
    # engaged 2/4, activities 2/4, lessons 1/1 → (50 + 50 + 100) / 3
    assert bang["progress"] == 67
    assert (
        bang["mentor"] == ""
        and next(
            r for r in selectors.dashboard_data(fiscal_year=2569)["rows"] if r["code"] == "1001"
        )["mentor"]
        == "ราชเทวี"
    )


def test_monthly_and_yearly_series_match_the_data(data):
    result = selectors.dashboard_data(fiscal_year=2569)
    months = dict(result["months"])
    assert months[dt.date(2026, 3, 1)] == 1 and months[dt.date(2025, 10, 1)] == 1
    reach = dict(result["reach"])
    assert reach[2569]["total"] == 43 and reach[2568]["total"] == 10
    assert reach[2569]["elderly"] == 3 and reach[2569]["welfare_card"] == 6


@pytest.mark.parametrize("fy", [2568, 2569])
def test_every_district_read_without_a_list_of_ids_gives_the_same_figures(data, fy):
    """The all-district dashboard sends no list of the 50 ids (selectors._in): its figures are
    those of the same 50 districts named one by one."""
    everyone = selectors.dashboard_data(fiscal_year=fy)
    named = selectors.dashboard_data(
        fiscal_year=fy, district_ids=set(District.objects.values_list("pk", flat=True))
    )
    for part in ("rows", "totals", "stage_counts", "months", "steps_by_group", "pipeline"):
        assert everyone[part] == named[part], part
    assert everyone["sessions_per_mentor"] == named["sessions_per_mentor"]
    assert everyone["totals"]["activities"] > 0
