"""Synthetic staggered-adoption panels with a known effect (shared by the estimator tests)."""

import math

import numpy as np

YEARS = np.arange(2560, 2567)


def panel(seed, *, effect=-5.0, districts=30, communities=3, grow=0.0, cohorts=(2562, 2563, 2564)):
    """Districts adopt in one of ``cohorts`` or never; outcome = community level + year shock +
    district-year shock (so errors are correlated within a district) + effect after adoption
    (plus ``grow`` per year since adoption). Returns the arrays and the true overall ATT."""
    rng = np.random.default_rng(seed)
    choices = np.array([*cohorts, math.inf])
    district_cohort = rng.choice(choices, size=districts)
    unit = np.repeat(np.arange(districts * communities), len(YEARS))
    cluster = unit // communities
    year = np.tile(YEARS, districts * communities)
    cohort = district_cohort[cluster]
    level = rng.normal(40, 8, districts * communities)[unit]
    year_shock = rng.normal(0, 2, len(YEARS))[year - YEARS[0]]
    district_year = rng.normal(0, 1.5, (districts, len(YEARS)))[cluster, year - YEARS[0]]
    noise = rng.normal(0, 2, len(unit))
    treated = year >= cohort
    since = np.where(treated, year - cohort, 0)
    tau = np.where(treated, effect + grow * since, 0.0)
    y = level + year_shock + district_year + noise + tau
    true_att = float(tau[treated].mean()) if treated.any() else 0.0
    return unit, cluster, year, y, cohort, true_att
