"""The whole evaluation on real models: a number when the data carry one, a reason when not,
and computed once per data state."""

import datetime as dt

import pytest

from communities.models import IndicatorSnapshot
from districts.models import District
from evaluation import selectors
from mentoring.models import StageChange
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db

YEARS = (2565, 2566, 2567, 2568)


def build(strategy, *, adopters=3, districts=8, effect=-10, years=YEARS, noise=False):
    """``districts`` mentee districts with two communities each; the first ``adopters`` start
    implementing in FY 2567 (a change on 1 October 2566 B.E. = 2023). Without ``noise`` the
    trends are exactly parallel, so the estimate is exactly ``effect``."""
    chosen = list(District.objects.non_pilots().order_by("code")[:districts])
    for index, district in enumerate(chosen):
        if index < adopters:
            StageChange.objects.create(
                district=district, stage="implementing", changed_on=dt.date(2023, 10, 1),
                reason="เริ่ม", author=strategy,
            )  # fmt: skip
        for number in range(2):
            community = CommunityFactory(district=district)
            for year in years:
                base = 30 + index + number + (year - 2565)
                if noise:  # a fixed wobble per community and year (pseudo-random, repeatable)
                    base += (index * 3 + number * 5 + year * 2) % 7 - 3
                treated = index < adopters and year >= 2567
                IndicatorSnapshot.objects.create(
                    community=community, year=year, households_surveyed=100,
                    income_in_need=base + (effect if treated else 0),
                )  # fmt: skip
    return chosen


def test_a_clear_effect_is_estimated_with_its_counts(strategy):
    build(strategy)
    result = selectors.compute("income_in_need", "implementing")
    assert result["att"] == pytest.approx(-10.0)
    assert result["ci_low"] <= -10.0 <= result["ci_high"]
    assert result["n_communities"] == 16
    assert result["n_treated_districts"] == 3
    assert result["n_comparison_districts"] == 5
    assert result["years"] == list(YEARS)
    assert "undated" in result["warning_codes"]  # the pilots, implementing since before records
    assert [row["rel_year"] for row in result["event_study"]] == [-2, -1, 0, 1]
    assert result["twfe"]["att"] == pytest.approx(-10.0)


def test_refuses_when_most_communities_lack_two_years(strategy):
    build(strategy)
    for district in District.objects.non_pilots().order_by("code")[10:14]:
        for _ in range(5):
            community = CommunityFactory(district=district)
            IndicatorSnapshot.objects.create(community=community, year=2568, households_surveyed=9)
    result = selectors.compute("income_in_need", "implementing")
    assert result["refused"] and result["att"] is None and result["event_study"] == []
    assert result["warning_codes"][0] == "most_missing"
    assert result["n_communities"] == 36  # still said how many went in


def test_communities_of_left_out_districts_do_not_count_as_missing(strategy):
    build(strategy)
    pilot = District.objects.get(code="1025")  # implementing with no dated change: left out
    for _ in range(30):
        IndicatorSnapshot.objects.create(
            community=CommunityFactory(district=pilot), year=2568, households_surveyed=9
        )
    result = selectors.compute("income_in_need", "implementing")
    assert result["att"] == pytest.approx(-10.0)
    assert result["n_communities_alive"] == 16


def test_refuses_without_adopters(strategy):
    build(strategy, adopters=0)
    result = selectors.compute("income_in_need", "implementing")
    assert result["att"] is None and "no_adopters" in result["warning_codes"]


def test_refuses_when_adopters_have_no_year_before(strategy):
    build(strategy, years=(2567, 2568))
    result = selectors.compute("income_in_need", "implementing")
    assert result["att"] is None and "no_pre_period" in result["warning_codes"]


def test_refuses_with_one_comparison_district(strategy):
    build(strategy, adopters=3, districts=4)
    result = selectors.compute("income_in_need", "implementing")
    assert result["att"] is None and "few_comparison" in result["warning_codes"]
    assert result["n_comparison_districts"] == 1


def test_computed_once_per_data_state(strategy, django_assert_max_num_queries):
    build(strategy)
    first = selectors.evaluation("income_in_need", "implementing")
    # Warm: the four aggregates of the data state, nothing else.
    with django_assert_max_num_queries(4):
        assert selectors.evaluation("income_in_need", "implementing") == first
    snapshot = IndicatorSnapshot.objects.filter(year=2568).first()
    snapshot.income_in_need += 1
    snapshot.save()
    assert selectors.evaluation("income_in_need", "implementing")["att"] != first["att"]


def test_an_empty_database_is_refused_not_an_error(db):
    result = selectors.compute("living_in_need", "preparing")
    assert result["att"] is None and result["warning_codes"] == ["no_adopters", "undated"]
    assert result["n_communities"] == 0 and result["years"] == []
