"""Staggered-adoption difference-in-differences on numpy alone (no Django, no pandas).

The estimator is Callaway & Sant'Anna's (2021) group-time average effect on the treated,
without covariates, with the not-yet-treated as comparison:

    ATT(g, t) = mean over cohort g of (Y_t − Y_b)  −  mean over units not yet treated at
                max(t, b) (or never) of (Y_t − Y_b),            with b = g − 1,

one long difference from the last year before adoption ("universal base": the event study
is zero at −1 by construction and every other year is measured against it). Comparing each
cohort only with units not yet treated keeps the estimate free of the "forbidden
comparisons" that bias two-way fixed effects when effects differ by cohort or grow over
time. Cells are aggregated by cohort size: the overall effect over all years at or after
adoption, the event study by years relative to adoption.

Inference: each cell is a difference of two means, so its influence function is known in
closed form; the aggregates' influence functions are summed per cluster (district, the level
at which treatment is assigned) and perturbed with a wild cluster bootstrap (Webb's six-point
weights by default: valid with few clusters, where Rademacher's two points give too few
distinct draws). The 95 % interval is symmetric: the estimate ± the 95th percentile of the
absolute bootstrap deviation, with the small-sample factor √(C / (C − 1)). The seed is fixed,
so the same data always give the same interval.

A unit is a community; its ``cohort`` is the first year its district counts as treated
(``math.inf`` when never within the data). Outcomes may be missing in some years: a cell
uses the units observed in both of its years.
"""

import math
from dataclasses import dataclass, field

import numpy as np

DRAWS = 999
SEED = 20260
LEVEL = 0.95
MIN_COMPARISON_CLUSTERS = 2
_WEBB = np.array([-math.sqrt(1.5), -1.0, -math.sqrt(0.5), math.sqrt(0.5), 1.0, math.sqrt(1.5)])

# Why an estimate was refused (the caller words them for people).
NO_ADOPTERS = "no_adopters"
NO_PRE_PERIOD = "no_pre_period"
FEW_COMPARISON = "few_comparison"
NO_OVERLAP = "no_overlap"
# Not refusals: a pre-adoption year whose interval excludes zero; adopters left out because
# they started before the first year with data (nothing to compare their change with).
PRE_TREND = "pre_trend"
EARLY_ADOPTERS_LEFT_OUT = "early_adopters_left_out"


@dataclass
class EventYear:
    rel_year: int
    att: float
    ci_low: float
    ci_high: float
    n_units: int
    reference: bool = False


@dataclass
class Estimate:
    att: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    se: float | None = None
    event_study: list[EventYear] = field(default_factory=list)
    twfe: float | None = None
    twfe_ci: tuple[float, float] | None = None
    treated_clusters: int = 0
    comparison_clusters: int = 0
    units: int = 0
    years: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.att is None


@dataclass
class _Cell:
    cohort: float
    year: int
    att: float
    n_treated: int
    cluster_sums: np.ndarray
    comparison_clusters: set


def bootstrap_weights(n_clusters, *, draws=DRAWS, seed=SEED, kind="webb") -> np.ndarray:
    """draws × clusters wild-bootstrap weights, mean 0 and variance 1."""
    rng = np.random.default_rng(seed)
    if kind == "rademacher":
        return rng.choice(np.array([-1.0, 1.0]), size=(draws, n_clusters))
    return rng.choice(_WEBB, size=(draws, n_clusters))


def _wide(unit, year, y):
    """Units × years matrix of the outcome (NaN where not observed)."""
    units, unit_index = np.unique(unit, return_inverse=True)
    years, year_index = np.unique(year, return_inverse=True)
    wide = np.full((len(units), len(years)), np.nan)
    wide[unit_index, year_index] = y
    return units, unit_index, years, wide


def _per_unit(values, unit_index, n_units):
    """The value of a per-observation array that is constant within a unit, per unit."""
    out = np.empty(n_units, dtype=values.dtype)
    out[unit_index] = values
    return out


def _cells(wide, years, unit_cohort, unit_cluster, n_clusters):
    """Every identified ATT(g, t), each with its per-cluster influence-function sums."""
    cells, col = [], {int(t): i for i, t in enumerate(years)}
    for g in np.unique(unit_cohort[np.isfinite(unit_cohort)]):
        base = int(g) - 1
        if base not in col:
            continue
        in_cohort = unit_cohort == g
        for t in years:
            t = int(t)
            if t == base:
                continue
            observed = ~np.isnan(wide[:, col[t]]) & ~np.isnan(wide[:, col[base]])
            treated = in_cohort & observed
            comparison = (unit_cohort > max(t, base)) & ~in_cohort & observed
            if not treated.any() or not comparison.any():
                continue
            change = wide[:, col[t]] - wide[:, col[base]]
            mean_t, mean_c = change[treated].mean(), change[comparison].mean()
            psi = np.zeros(len(unit_cohort))
            psi[treated] = (change[treated] - mean_t) / treated.sum()
            psi[comparison] = -(change[comparison] - mean_c) / comparison.sum()
            cells.append(
                _Cell(
                    cohort=float(g),
                    year=t,
                    att=float(mean_t - mean_c),
                    n_treated=int(treated.sum()),
                    cluster_sums=np.bincount(unit_cluster, weights=psi, minlength=n_clusters),
                    comparison_clusters=set(np.unique(unit_cluster[comparison]).tolist()),
                )
            )
    return cells


def _aggregate(cells):
    """Cohort-size-weighted estimate and cluster sums of a group of cells."""
    weights = np.array([c.n_treated for c in cells], dtype=float)
    weights /= weights.sum()
    att = float(sum(w * c.att for w, c in zip(weights, cells, strict=True)))
    sums = sum(w * c.cluster_sums for w, c in zip(weights, cells, strict=True))
    return att, sums, int(sum(c.n_treated for c in cells))


def _intervals(atts, sums, weights, level):
    """Symmetric wild-bootstrap intervals for several aggregates at once."""
    n_clusters = sums.shape[1]
    scale = math.sqrt(n_clusters / (n_clusters - 1)) if n_clusters > 1 else 1.0
    deviations = np.abs(weights @ sums.T) * scale  # draws × aggregates
    half = np.quantile(deviations, level, axis=0)
    se = deviations.std(axis=0)
    return [(a - h, a + h, s) for a, h, s in zip(atts, half, se, strict=True)]


def _demean_two_way(values, unit_index, year_index, *, tol=1e-10, max_iter=500):
    """Residual of values on unit and year effects (alternating projections: unbalanced ok)."""
    out = values.astype(float).copy()
    unit_n = np.bincount(unit_index)
    year_n = np.bincount(year_index)
    for _ in range(max_iter):
        before = out.copy()
        out -= (np.bincount(unit_index, weights=out) / unit_n)[unit_index]
        out -= (np.bincount(year_index, weights=out) / year_n)[year_index]
        if np.max(np.abs(out - before)) < tol:
            break
    return out


def twfe(unit, cluster, year, y, cohort, *, weights):
    """The naive two-way fixed-effects estimate (a comparison only: biased under staggered
    adoption with heterogeneous effects), with a wild cluster bootstrap interval."""
    treated = (year >= cohort).astype(float)
    _u, unit_index = np.unique(unit, return_inverse=True)
    _y, year_index = np.unique(year, return_inverse=True)
    _c, cluster_index = np.unique(cluster, return_inverse=True)
    d = _demean_two_way(treated, unit_index, year_index)
    denominator = float(d @ d)
    if denominator < 1e-12:
        return None, None
    r = _demean_two_way(y, unit_index, year_index)
    beta = float(d @ r) / denominator
    score = np.bincount(cluster_index, weights=d * (r - beta * d)) / denominator
    n = len(score)
    draws = weights[:, :n] if weights.shape[1] >= n else bootstrap_weights(n)
    low, high, _se = _intervals([beta], score[None, :], draws, LEVEL)[0]
    return beta, (float(low), float(high))


def staggered_did(
    unit,
    cluster,
    year,
    y,
    cohort,
    *,
    draws=DRAWS,
    seed=SEED,
    kind="webb",
    level=LEVEL,
    min_comparison_clusters=MIN_COMPARISON_CLUSTERS,
) -> Estimate:
    """Overall ATT, event study and TWFE comparison; refuses (att None) when unidentified.

    All arguments are per-observation arrays of equal length (``cohort`` constant within a
    unit and ``cluster``, ``math.inf`` for never treated within the data)."""
    unit, cluster, year = np.asarray(unit), np.asarray(cluster), np.asarray(year, dtype=int)
    y, cohort = np.asarray(y, dtype=float), np.asarray(cohort, dtype=float)
    result = Estimate(units=len(np.unique(unit)), years=sorted({int(t) for t in year}))
    if not np.isfinite(cohort).any() or np.all(cohort[np.isfinite(cohort)] > year.max()):
        result.warnings.append(NO_ADOPTERS)
        return result
    units, unit_index, years, wide = _wide(unit, year, y)
    clusters, cluster_index = np.unique(cluster, return_inverse=True)
    unit_cohort = _per_unit(cohort, unit_index, len(units))
    unit_cluster = _per_unit(cluster_index, unit_index, len(units))
    cells = _cells(wide, years, unit_cohort, unit_cluster, len(clusters))
    post = [c for c in cells if c.year >= c.cohort]
    if not post:
        adopters = unit_cohort[np.isfinite(unit_cohort) & (unit_cohort <= years.max())]
        no_base = bool(len(adopters)) and all(int(g) - 1 < years.min() for g in adopters)
        result.warnings.append(NO_PRE_PERIOD if no_base else NO_OVERLAP)
        return result
    treated_cohorts = {c.cohort for c in post}
    result.treated_clusters = len(
        np.unique(unit_cluster[np.isin(unit_cohort, list(treated_cohorts))])
    )
    if np.any(np.isfinite(unit_cohort) & (unit_cohort - 1 < years.min())):
        result.warnings.append(EARLY_ADOPTERS_LEFT_OUT)
    comparison = set().union(*(c.comparison_clusters for c in post))
    result.comparison_clusters = len(comparison)
    if len(comparison) < min_comparison_clusters:
        result.warnings.append(FEW_COMPARISON)
        return result

    groups = [post] + [
        [c for c in cells if c.year - c.cohort == e]
        for e in sorted({int(c.year - c.cohort) for c in cells})
    ]
    aggregates = [_aggregate(group) for group in groups]
    boot = bootstrap_weights(len(clusters), draws=draws, seed=seed, kind=kind)
    intervals = _intervals(
        [a for a, _s, _n in aggregates], np.vstack([s for _a, s, _n in aggregates]), boot, level
    )
    (result.att, (low, high, se)) = aggregates[0][0], intervals[0]
    result.ci_low, result.ci_high, result.se = float(low), float(high), float(se)
    rel_years = sorted({int(c.year - c.cohort) for c in cells})
    for e, (att, _s, n), (lo, hi, _se) in zip(
        rel_years, aggregates[1:], intervals[1:], strict=True
    ):
        result.event_study.append(EventYear(e, att, float(lo), float(hi), n))
        if e < -1 and not lo <= 0 <= hi and PRE_TREND not in result.warnings:
            result.warnings.append(PRE_TREND)
    reference_units = sum(c.n_treated for c in post if c.year == c.cohort)
    result.event_study.append(EventYear(-1, 0.0, 0.0, 0.0, reference_units, reference=True))
    result.event_study.sort(key=lambda row: row.rel_year)
    result.twfe, result.twfe_ci = twfe(unit, cluster_index, year, y, cohort, weights=boot)
    return result
