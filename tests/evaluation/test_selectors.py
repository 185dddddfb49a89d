"""The panel and treatment years read from real snapshots and stage changes."""

import datetime as dt
import math

import pytest

from communities.models import IndicatorSnapshot
from districts.models import District
from evaluation import selectors
from mentoring.models import StageChange, StageChangeStatus
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def _change(district, stage, on, author, status=StageChangeStatus.APPLIED):
    return StageChange.objects.create(
        district=district, stage=stage, changed_on=on, reason="ทดสอบ", author=author, status=status
    )


@pytest.fixture
def mentees(db):
    return list(District.objects.non_pilots().order_by("code")[:4])


def test_treatment_starts_in_the_fiscal_year_of_the_first_applied_change(mentees, strategy):
    first, second, third, fourth = mentees
    _change(first, "implementing", dt.date(2024, 9, 30), strategy)  # FY 2567 (last day)
    _change(second, "implementing", dt.date(2024, 10, 1), strategy)  # FY 2568 (first day)
    _change(third, "preparing", dt.date(2023, 1, 5), strategy)  # not yet implementing
    _change(third, "self_running", dt.date(2025, 3, 1), strategy)  # a later stage counts
    _change(third, "implementing", dt.date(2025, 11, 1), strategy)  # not the first
    _change(fourth, "implementing", dt.date(2022, 1, 1), strategy, StageChangeStatus.PROPOSED)
    _change(fourth, "mentor_ready", dt.date(2022, 2, 1), strategy, StageChangeStatus.REJECTED)
    years = selectors.treatment_years("implementing")
    assert years == {first.pk: 2567, second.pk: 2568, third.pk: 2568}
    assert selectors.treatment_years("preparing")[third.pk] == 2566


def test_districts_at_the_stage_without_a_dated_change_are_left_out(mentees, strategy):
    dated = mentees[0]
    _change(dated, "implementing", dt.date(2024, 1, 1), strategy)
    pilots = set(District.objects.pilots().values_list("pk", flat=True))  # implementing, undated
    assert selectors.undated_districts("implementing", {dated.pk: 2567}) == pilots


def test_panel_rows_carry_share_and_cohort_and_skip_unsurveyed(mentees, strategy):
    treated, comparison = mentees[:2]
    _change(treated, "implementing", dt.date(2024, 10, 1), strategy)
    a = CommunityFactory(district=treated)
    b = CommunityFactory(district=comparison)
    deleted = CommunityFactory(district=comparison, is_deleted=True)
    pilot = CommunityFactory(district=District.objects.get(code="1025"))
    IndicatorSnapshot.objects.create(
        community=a, year=2567, households_surveyed=200, income_in_need=50
    )
    IndicatorSnapshot.objects.create(community=a, year=2568, households_surveyed=0)
    IndicatorSnapshot.objects.create(
        community=b, year=2567, households_surveyed=80, income_in_need=8
    )
    IndicatorSnapshot.objects.create(community=deleted, year=2567, households_surveyed=10)
    IndicatorSnapshot.objects.create(community=pilot, year=2567, households_surveyed=10)
    rows, left_out = selectors.panel("income_in_need", "implementing")
    assert [(r.community_id, r.year, r.share, r.cohort) for r in rows] == [
        (a.pk, 2567, 25.0, 2568),
        (b.pk, 2567, 10.0, math.inf),
    ]  # ordered by district code: the treated district's code is the lower one
    assert pilot.district_id in left_out


def test_the_panel_reads_a_fixed_number_of_queries(mentees, strategy, django_assert_num_queries):
    for district in mentees:
        community = CommunityFactory(district=district)
        for year in (2566, 2567, 2568):
            IndicatorSnapshot.objects.create(community=community, year=year, households_surveyed=10)
    # 1 treatment years, 2 current stages, 3 the snapshots with their communities
    with django_assert_num_queries(3):
        rows, _left_out = selectors.panel("health_in_need", "implementing")
    assert len(rows) == 12
