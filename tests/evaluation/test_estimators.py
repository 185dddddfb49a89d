"""The estimator checked like science: synthetic staggered rollouts with a known effect."""

import math

import numpy as np

from evaluation import estimators
from evaluation.estimators import staggered_did
from tests.evaluation.synthetic import YEARS, panel

SEEDS = range(50)  # fixed seeds: the same verdict on every run, never flaky


def _covered(seeds, **kwargs):
    hits, errors = 0, []
    for seed in seeds:
        unit, cluster, year, y, cohort, true_att = panel(seed, **kwargs)
        result = staggered_did(unit, cluster, year, y, cohort)
        hits += result.ci_low <= true_att <= result.ci_high
        errors.append(result.att - true_att)
    return hits, np.array(errors)


def test_the_interval_covers_a_known_constant_effect_in_at_least_90_percent_of_panels():
    hits, errors = _covered(SEEDS, effect=-5.0)
    assert hits >= 0.9 * len(SEEDS)
    assert abs(errors.mean()) < 0.3  # unbiased: the average error is near zero


def test_the_interval_covers_an_effect_that_grows_with_time_since_adoption():
    hits, errors = _covered(SEEDS, effect=-3.0, grow=-1.0)
    assert hits >= 0.9 * len(SEEDS)
    assert abs(errors.mean()) < 0.3


def test_with_no_effect_the_interval_covers_zero_in_at_least_90_percent_of_panels():
    hits, _errors = _covered(SEEDS, effect=0.0)
    assert hits >= 0.9 * len(SEEDS)


def test_a_large_effect_is_found_with_an_interval_that_excludes_zero():
    unit, cluster, year, y, cohort, true_att = panel(1, effect=-8.0)
    result = staggered_did(unit, cluster, year, y, cohort)
    assert result.ci_high < 0
    assert result.ci_low < true_att < result.ci_high


def test_naive_twfe_is_biased_where_effects_grow_and_the_estimator_is_not():
    """The reason for the method: TWFE compares late adopters with early ones."""
    cs, tw = [], []
    for seed in range(20):
        unit, cluster, year, y, cohort, true_att = panel(seed, effect=0.0, grow=-2.0)
        result = staggered_did(unit, cluster, year, y, cohort)
        cs.append(result.att - true_att)
        tw.append(result.twfe - true_att)
    assert abs(np.mean(cs)) < 0.3
    assert abs(np.mean(tw)) > 1.0


def test_event_study_has_pre_years_near_zero_a_reference_year_and_post_years_at_the_effect():
    unit, cluster, year, y, cohort, _true = panel(3, effect=-6.0)
    result = staggered_did(unit, cluster, year, y, cohort)
    by_year = {row.rel_year: row for row in result.event_study}
    assert by_year[-1].reference and by_year[-1].att == 0.0
    assert min(by_year) < -1 and max(by_year) >= 2
    for rel_year, row in by_year.items():
        assert row.ci_low <= row.att <= row.ci_high
        if rel_year >= 0:
            assert row.ci_low <= -6.0 <= row.ci_high
    assert estimators.PRE_TREND not in result.warnings


def test_a_pre_trend_is_flagged():
    unit, cluster, year, y, cohort, _true = panel(4, effect=0.0)
    # Adopters were already falling fast before they started: parallel trends fail.
    y = y - np.where(np.isfinite(cohort), 3.0 * (year - YEARS[0]), 0.0)
    result = staggered_did(unit, cluster, year, y, cohort)
    assert estimators.PRE_TREND in result.warnings


def test_the_same_data_give_the_same_interval():
    args = panel(5)[:5]
    first, second = staggered_did(*args), staggered_did(*args)
    assert (first.att, first.ci_low, first.ci_high) == (second.att, second.ci_low, second.ci_high)


def test_rademacher_weights_also_cover():
    unit, cluster, year, y, cohort, true_att = panel(6)
    result = staggered_did(unit, cluster, year, y, cohort, kind="rademacher")
    assert result.ci_low <= true_att <= result.ci_high


def test_missing_years_are_tolerated():
    unit, cluster, year, y, cohort, true_att = panel(7, effect=-5.0)
    keep = np.random.default_rng(0).random(len(unit)) > 0.15
    result = staggered_did(unit[keep], cluster[keep], year[keep], y[keep], cohort[keep])
    assert result.ci_low <= -5.0 <= result.ci_high


# --- Refusals: no number where the data cannot carry one --------------------------------------
def test_refuses_without_an_adopting_district():
    unit, cluster, year, y, _cohort, _true = panel(8)
    result = staggered_did(unit, cluster, year, y, np.full(len(unit), math.inf))
    assert result.refused and result.warnings == [estimators.NO_ADOPTERS]


def test_refuses_when_adopters_have_no_year_before_adoption():
    unit, cluster, year, y, _c, _t = panel(9, cohorts=(int(YEARS[0]),))
    cohort = np.where(cluster % 2 == 0, float(YEARS[0]), math.inf)
    result = staggered_did(unit, cluster, year, y, cohort)
    assert result.refused and result.warnings == [estimators.NO_PRE_PERIOD]


def test_refuses_with_fewer_than_two_comparison_districts():
    unit, cluster, year, y, _c, _t = panel(10)
    cohort = np.where(cluster == 0, math.inf, 2563.0)  # one district stays out, all others start
    result = staggered_did(unit, cluster, year, y, cohort)
    assert result.refused and result.warnings == [estimators.FEW_COMPARISON]
    assert result.comparison_clusters == 1 and result.treated_clusters == 29


def test_counts_are_reported():
    unit, cluster, year, y, cohort, _true = panel(11, districts=12)
    result = staggered_did(unit, cluster, year, y, cohort)
    assert result.units == 36
    assert result.years == [int(t) for t in YEARS]
    assert result.treated_clusters == len(set(cluster[np.isfinite(cohort)]))
    assert result.comparison_clusters >= len(set(cluster[~np.isfinite(cohort)]))


def test_adopters_without_a_year_before_are_left_out_with_a_note():
    unit, cluster, year, y, cohort, _true = panel(12)
    cohort = np.where(cluster == 0, float(YEARS[0]), cohort)  # started in the first year
    result = staggered_did(unit, cluster, year, y, cohort)
    assert not result.refused
    assert estimators.EARLY_ADOPTERS_LEFT_OUT in result.warnings
