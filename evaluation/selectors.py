"""The evaluation's panel (communities × years) and its cached result.

Queries: the panel reads every snapshot in one ``values_list`` (joined to its community for
the district), the treatment years in one aggregate over applied stage changes, the current
stages in one list of 50 districts, and the community count in one aggregate: four queries,
whatever the size of the data. The result is cached under a key over the state of those
tables (``data_state``, one aggregate query each), so a warm page reads four small aggregates
and one cache entry; any new, edited or deleted snapshot, stage change or community changes
the key.
"""

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, Sum

from bangphlat.thai import fiscal_year_of
from communities.models import Community, IndicatorSnapshot
from districts.models import District
from evaluation import estimators
from evaluation.choices import stages_from
from mentoring.models import StageChange, StageChangeStatus

CACHE_SECONDS = 24 * 3600  # the key changes with the data; the timeout only frees memory
CACHE_VERSION = 1
MIN_COVERAGE = 0.5  # below: "snapshots missing for most communities", refuse
MOST_MISSING = "most_missing"
UNDATED = "undated"
METHOD = "callaway_santanna_not_yet_treated"


@dataclass
class PanelRow:
    community_id: int
    community_code: str
    community_name: str
    district_id: int
    district_code: str
    year: int
    households_surveyed: int
    count: int
    cohort: float  # the first treated year (B.E.), math.inf when not treated in the data

    @property
    def share(self) -> float:
        """Percentage points of the surveyed households (per 100 households for allowances)."""
        return 100.0 * self.count / self.households_surveyed


def treatment_years(stage: str) -> dict[int, int]:
    """district id → the B.E. fiscal year in which its first applied stage change entered
    ``stage`` or a later one (fiscal years start on 1 October)."""
    firsts = (
        StageChange.objects.filter(status=StageChangeStatus.APPLIED, stage__in=stages_from(stage))
        .values("district_id")
        .annotate(first=Min("changed_on"))
        .values_list("district_id", "first")
    )
    return {district_id: fiscal_year_of(first) for district_id, first in firsts}


def undated_districts(stage: str, dated) -> set[int]:
    """Districts at ``stage`` or later today with no applied change saying when they got
    there: their timing is unknown, so they are neither treated nor a fair comparison."""
    current = District.objects.filter(rollout_stage__in=stages_from(stage)).values_list(
        "pk", flat=True
    )
    return set(current) - set(dated)


def panel(outcome: str, stage: str) -> tuple[list[PanelRow], set[int]]:
    """Every usable snapshot (households surveyed > 0) of a living community as a row with its
    district's treatment year; and the districts left out for unknown timing."""
    cohorts = treatment_years(stage)
    left_out = undated_districts(stage, cohorts)
    rows = (
        IndicatorSnapshot.objects.filter(community__is_deleted=False, households_surveyed__gt=0)
        .exclude(community__district_id__in=left_out)
        .order_by("community__district__code", "community__code", "year")
        .values_list(
            "community_id",
            "community__code",
            "community__name",
            "community__district_id",
            "community__district__code",
            "year",
            "households_surveyed",
            outcome,
        )
    )
    return [PanelRow(*row, cohort=cohorts.get(row[3], math.inf)) for row in rows], left_out


def data_state(outcome: str) -> str:
    """A fingerprint of everything the result depends on (see the module docstring)."""
    snapshots = IndicatorSnapshot.objects.aggregate(
        n=Count("pk"), at=Max("created_at"), s=Sum("households_surveyed"), o=Sum(outcome)
    )
    changes = StageChange.objects.aggregate(
        n=Count("pk"),
        applied=Count("pk", filter=Q(status=StageChangeStatus.APPLIED)),
        at=Max("created_at"),
        decided=Max("decided_at"),
        first=Min("changed_on"),
        last=Max("changed_on"),
    )
    communities = Community.objects.aggregate(
        alive=Count("pk", filter=Q(is_deleted=False)), v=Sum("version"), d=Sum("district_id")
    )
    stages = District.objects.order_by("pk").values_list("pk", "rollout_stage")
    text = repr((snapshots, changes, communities, list(stages)))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _coverage(rows, left_out) -> tuple[int, int]:
    """(communities with at least two snapshot years, living communities of the districts
    in the panel: those left out for unknown timing count in neither)."""
    years = {}
    for row in rows:
        years.setdefault(row.community_id, set()).add(row.year)
    usable = sum(1 for seen in years.values() if len(seen) >= 2)
    alive = Community.objects.filter(is_deleted=False).exclude(district_id__in=left_out)
    return usable, alive.count()


def compute(outcome: str, stage: str) -> dict:
    """The evaluation as plain data (JSON-able: cached, rendered, exported, served)."""
    rows, left_out = panel(outcome, stage)
    usable, alive = _coverage(rows, left_out)
    result = estimators.staggered_did(
        [r.community_id for r in rows],
        [r.district_id for r in rows],
        [r.year for r in rows],
        [r.share for r in rows],
        [r.cohort for r in rows],
    )
    codes = list(result.warnings)
    refused = result.refused
    if alive and usable / alive < MIN_COVERAGE:
        codes.insert(0, MOST_MISSING)
        refused = True
    if left_out:
        codes.append(UNDATED)
    return {
        "outcome": outcome,
        "stage": stage,
        "method": METHOD,
        "att": None if refused else result.att,
        "ci_low": None if refused else result.ci_low,
        "ci_high": None if refused else result.ci_high,
        "se": None if refused else result.se,
        "n_communities": result.units,
        "n_communities_alive": alive,
        "n_communities_usable": usable,
        "years": result.years,
        "n_treated_districts": result.treated_clusters,
        "n_comparison_districts": result.comparison_clusters,
        "n_undated_districts": len(left_out),
        "event_study": [] if refused else [vars(row) for row in result.event_study],
        "twfe": None
        if refused or result.twfe is None
        else {"att": result.twfe, "ci_low": result.twfe_ci[0], "ci_high": result.twfe_ci[1]},
        "warning_codes": codes,
        "refused": refused,
    }


def evaluation(outcome: str, stage: str) -> dict:
    """``compute`` once per data state (the key changes whenever the inputs change)."""
    key = f"evaluation:{CACHE_VERSION}:{outcome}:{stage}:{data_state(outcome)}"
    result = cache.get(key)
    if result is None:
        result = compute(outcome, stage)
        cache.set(key, result, CACHE_SECONDS)
    return result
