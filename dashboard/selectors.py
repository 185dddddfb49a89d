"""Dashboard figures, computed by aggregation in the database and cached.

One call of ``dashboard_data`` runs a fixed number of queries (numbered below) whatever the
size of the data: Python only adds up rows the database has already aggregated (at most
50 districts × 60 months), never individual records. Activities, the only large table, are
read from their per-district, per-month summary (``ActivityMonth``, kept by triggers).

Caching: the assembled figures are cached under the data tokens of the districts in scope
(bangphlat/versions.py; one query reads them). A district's token changes after each
transaction that changed its counted records commits (dashboard/signals.py and the writers),
so a new activity shows on the next load, and writers of different districts never write the
same token row.
"""

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import get_language

from bangphlat.thai import fiscal_year_bounds, fiscal_year_of
from bangphlat.versions import tokens as data_tokens
from communities.models import Community, ModelStep
from dashboard.models import ActivityMonth, DistrictTarget
from districts.models import District, RolloutStage, ZoneGroup
from lessons.models import Lesson, LessonStatus
from mentoring.models import FollowUp, MentoringSession, Pairing

CACHE_SECONDS = 600
TREND_YEARS = 5  # the reach chart covers the selected fiscal year and the four before it
BREAKDOWN = {
    "women": "participants_women",
    "elderly": "participants_elderly",
    "disabled": "participants_disabled",
    "youth": "participants_youth",
    "welfare_card": "participants_welfare_card",
}
# The columns of an activity slice row, after (district id, first day of the month).
SLICE_SUMS = ["n", "total", *BREAKDOWN]


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


def _district_scope(zone_group: str = "", kind: str = "", district_ids=None):
    qs = District.objects.select_related("zone_group")
    if zone_group:
        qs = qs.filter(zone_group__slug=zone_group)
    if kind == "pilot":
        qs = qs.filter(is_pilot=True)
    elif kind == "mentee":
        qs = qs.filter(is_pilot=False)
    if district_ids is not None:
        qs = qs.filter(pk__in=district_ids)
    return qs


def dashboard_data(
    *,
    fiscal_year: int,
    zone_group: str = "",
    kind: str = "",
    district_ids=None,
    light=False,
    approved_only=False,
) -> dict:
    """The figures of the districts in scope (zone group, pilots or mentees, or the given
    district ids) for a fiscal year. ``light`` leaves out the all-district parts (mentors,
    mentoring sessions, follow-ups, steps per zone group, lesson pipeline): what a district
    page shows."""
    # 1. The data tokens of the districts in scope (see module docstring).
    years = list(range(fiscal_year - TREND_YEARS + 1, fiscal_year + 1))
    tokens = data_tokens(district_ids, years)
    today = timezone.localdate()
    ids_key = ",".join(map(str, sorted(district_ids))) if district_ids is not None else "all"
    if district_ids is None:  # every key was read: keep those of the years counted here
        # (not the districts' "d<id>:*", which change with those)
        year_keys = {str(year) for year in years}
        tokens = {k: v for k, v in tokens.items() if ":" not in k or k[-4:] in year_keys}
    version = hashlib.sha1(
        "|".join(f"{key}={token}" for key, (token, _at) in sorted(tokens.items())).encode(),
        usedforsecurity=False,
    ).hexdigest()
    key = (
        f"dashboard:{version}:{today}:{fiscal_year}:{zone_group}:{kind}:{ids_key}:{light}:"
        f"{approved_only}:{get_language()}"  # names and stage labels are in the reader's language
    )
    data = cache.get(key)
    if data is None:
        data = _compute(
            fiscal_year=fiscal_year,
            zone_group=zone_group,
            kind=kind,
            district_ids=district_ids,
            light=light,
            today=today,
            approved_only=approved_only,
        )
        cache.set(key, data, CACHE_SECONDS)
    # "Data as of": when the newest change the figures count was committed.
    return {
        **data,
        "as_of": max((at for _token, at in tokens.values()), default=None),
        "cache_key": key,  # what the figures are a function of: pages cache their HTML under it
    }


def activity_slices(years, *, district_ids) -> dict[int, list[tuple]]:
    """Activities (alive) per fiscal year as rows (district id, month, count, participants,
    women, elderly, disabled, youth, welfare-card holders), from the monthly summary.
    ``district_ids`` None means all districts (zone-group and pilot filters reuse it)."""
    first, last = fiscal_year_bounds(min(years))[0], fiscal_year_bounds(max(years))[1]
    qs = ActivityMonth.objects.filter(month__range=(first, last), n__gt=0)
    if district_ids is not None:
        qs = qs.filter(district_id__in=district_ids)
    slices = {fy: [] for fy in years}
    year_of_month: dict[dt.date, int] = {}  # 60 months for ~3,000 rows
    for row in qs.values_list("district_id", "month", *SLICE_SUMS):
        month = row[1]
        fy = year_of_month.get(month)
        if fy is None:
            fy = year_of_month[month] = fiscal_year_of(month)
        slices[fy].append(row)
    return slices


def _approved_only(slices) -> dict:
    """Keep the district × month rows of months the strategy office approved (reporting)."""
    from periods.selectors import locked_months

    approved = locked_months(None)
    return {fy: [row for row in rows if row[:2] in approved] for fy, rows in slices.items()}


def _compute(
    *, fiscal_year, zone_group, kind, district_ids, light, today, approved_only=False
) -> dict:
    """The figures, in named steps: the queries numbered as in ``dashboard_data`` (2–11), then
    Python adding up what the database aggregated. ``light`` skips queries 5, 7, 8, 10, 11."""
    start, end = fiscal_year_bounds(fiscal_year)
    name = "name_en" if (get_language() or "th").startswith("en") else "name_th"
    # 2. The districts in scope, with their zone group.
    districts = list(_district_scope(zone_group, kind, district_ids).order_by("code"))
    in_scope = {d.pk for d in districts}
    # Every district in scope: the queries below need no list of their 50 ids (None).
    everyone = district_ids is None and not zone_group and not kind
    scope = None if everyone else [d.pk for d in districts]
    counts = {
        "communities": _communities_by_district(scope),  # 3.
        "lessons": _lessons_by_district(scope),  # 4.
        "mentors": {} if light else _mentors_by_district(scope, name),  # 5.
        "targets": _targets_by_district(fiscal_year, scope),  # 6.
    }
    sessions = [] if light else _sessions_per_mentor(scope, start, end, name)  # 7.
    overdue = 0 if light else _overdue_follow_ups(scope, today)  # 8.
    # 9. Activities: district × month sums for the five fiscal years of the trends.
    years = list(range(fiscal_year - TREND_YEARS + 1, fiscal_year + 1))
    slices = activity_slices(years, district_ids=district_ids)
    if approved_only:  # 9b. the approved months (one query)
        slices = _approved_only(slices)
    steps_by_group = {} if light else _steps_by_group(scope, name)  # 10.
    pipeline = {} if light else _lesson_pipeline(scope)  # 11.

    counts["activities"] = _activities_by_district(slices[fiscal_year], in_scope)
    # Activities per month, the last 24 months (to the end of the fiscal year or today).
    last_day = min(end, today)
    first_month = (last_day.replace(day=1) - dt.timedelta(days=700)).replace(day=1)
    reach, monthly = _reach_and_monthly(slices, years, in_scope, first_month, last_day)
    # A dict lookup: get_FOO_display() rebuilds a hashable copy of the choices on every call.
    stage_labels = {stage.value: str(stage.label) for stage in RolloutStage}
    rows = [_district_row(district, counts, stage_labels) for district in districts]
    stage_counts = {stage.value: 0 for stage in RolloutStage}
    for row in rows:
        stage_counts[row["stage"]] += 1
    return {
        "fiscal_year": fiscal_year,
        "computed_at": timezone.now(),
        "approved_only": approved_only,
        "rows": rows,
        "totals": _totals(rows, reach[fiscal_year], sessions, overdue),
        "stage_counts": stage_counts,
        "months": _month_series(monthly, first_month, last_day),
        "steps_by_group": steps_by_group,
        "pipeline": pipeline,
        "sessions_per_mentor": [(s["mentor_name"], s["n"]) for s in sessions],
        "reach": [
            (
                fy,
                {
                    "activities": reach[fy]["n"],
                    "total": reach[fy]["total"],
                    **{k: reach[fy][k] for k in BREAKDOWN},
                },
            )
            for fy in years
        ],
    }


def _in(scope, *fields) -> Q:
    """Rows of the districts in ``scope`` through any of ``fields``; every row for None (every
    district: no list of 50 ids to send and plan)."""
    if scope is None:
        return Q()
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": scope})
    return condition


def _communities_by_district(scope) -> dict:
    """district id → communities registered and engaged (one query)."""
    return {
        row["district_id"]: row
        for row in Community.objects.alive()
        .filter(_in(scope, "district_id"))
        .values("district_id")
        .annotate(
            registered=Count("pk"), engaged=Count("pk", filter=~Q(model_step=ModelStep.NOT_ENGAGED))
        )
    }


def _lessons_by_district(scope) -> dict:
    """district id → lessons submitted (waiting) and approved (as Lesson.objects.approved())."""
    return {
        row["district_id"]: row
        for row in Lesson.objects.filter(_in(scope, "district_id"))
        .values("district_id")
        .annotate(
            submitted=Count("pk", filter=Q(status=LessonStatus.SUBMITTED)),
            approved=Count(
                "pk", filter=Q(approved_revision__isnull=False) & ~Q(status=LessonStatus.ARCHIVED)
            ),
        )
    }


def _mentors_by_district(scope, name) -> dict:
    """mentee district id → the name of its active mentor district."""
    return dict(
        Pairing.objects.active()
        .filter(_in(scope, "mentee_id"))
        .values_list("mentee_id", f"mentor__{name}")
    )


def _targets_by_district(fiscal_year, scope) -> dict:
    return {
        t.district_id: t
        for t in DistrictTarget.objects.filter(_in(scope, "district_id"), fiscal_year=fiscal_year)
    }


def _sessions_per_mentor(scope, start, end, name) -> list[dict]:
    """Mentoring sessions held in the fiscal year, per mentor district."""
    return list(
        MentoringSession.objects.filter(date__range=(start, end))
        .filter(_in(scope, "mentor_id", "mentees"))
        .values(mentor_name=F(f"mentor__{name}"))
        .annotate(n=Count("pk", distinct=True))
        .order_by("mentor_name")
    )


def _overdue_follow_ups(scope, today) -> int:
    return (
        FollowUp.objects.overdue(today)
        .filter(_in(scope, "session__mentor_id", "session__mentees"))
        .values("pk")
        .distinct()
        .count()
    )


def _steps_by_group(scope, name) -> dict[str, dict[str, int]]:
    """zone group name → model step → communities."""
    steps: dict[str, dict[str, int]] = {}
    for row in (
        Community.objects.alive()
        .filter(_in(scope, "district_id"))
        .values("model_step", group_name=F(f"district__zone_group__{name}"))
        .annotate(n=Count("pk"))
    ):
        steps.setdefault(row["group_name"], {})[row["model_step"]] = row["n"]
    return steps


def _lesson_pipeline(scope) -> dict[str, int]:
    """lesson status → lessons."""
    return dict(
        Lesson.objects.filter(_in(scope, "district_id"))
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def _activities_by_district(year_slices, in_scope) -> dict[int, dict]:
    """district id → the year's activity sums (≤ 50 districts × 12 months of rows)."""
    activities: dict[int, dict] = {}
    for district_id, _month, *sums in year_slices:
        if district_id in in_scope:
            acc = activities.setdefault(district_id, dict.fromkeys(SLICE_SUMS, 0))
            for name, value in zip(SLICE_SUMS, sums, strict=True):
                acc[name] += value or 0
    return activities


def _reach_and_monthly(slices, years, in_scope, first_month, last_day) -> tuple[dict, dict]:
    """The sums of each fiscal year (the reach chart), and activities per month between
    ``first_month`` and ``last_day`` (the monthly chart)."""
    monthly: dict[dt.date, int] = {}
    reach = {}
    for fy in years:
        rows = [row for row in slices[fy] if row[0] in in_scope]
        # Column sums over the rows (zip transposes them): ~3,000 rows × 7 sums a cold page.
        # filter(None, …) drops the NULLs (and the zeros, which add nothing) in C.
        columns = list(zip(*rows, strict=True))[2:] if rows else [()] * len(SLICE_SUMS)
        reach[fy] = {
            name: sum(filter(None, column))
            for name, column in zip(SLICE_SUMS, columns, strict=True)
        }
        for _district_id, month, n, *_sums in rows:
            if first_month <= month <= last_day:
                monthly[month] = monthly.get(month, 0) + n
    return reach, monthly


def _district_row(district, counts, stage_labels) -> dict:
    """One district's line of the table, from the per-district counts of ``_compute``."""
    c = counts["communities"].get(district.pk, {})
    a = counts["activities"].get(district.pk, dict.fromkeys(SLICE_SUMS, 0))
    lesson = counts["lessons"].get(district.pk, {})
    target = counts["targets"].get(district.pk)
    row = {
        "code": district.code,
        "name": district.name,
        "name_en": district.name_en,
        "zone_group": district.zone_group.name,
        "is_pilot": district.is_pilot,
        "stage": district.rollout_stage,
        "stage_label": stage_labels[district.rollout_stage],
        "mentor": counts["mentors"].get(district.pk, ""),
        "registered": c.get("registered", 0),
        "engaged": c.get("engaged", 0),
        "activities": a["n"],
        "participants": a["total"],
        "lessons_approved": lesson.get("approved", 0),
        "lessons_submitted": lesson.get("submitted", 0),
        "tile": (district.tile_col, district.tile_row),
    }
    row["progress"] = _progress(row, target)
    row["target"] = (
        {
            "engaged": target.communities_engaged,
            "activities": target.activities,
            "lessons": target.lessons_approved,
        }
        if target
        else None
    )
    return row


def _month_series(monthly, first_month, last_day) -> list[tuple[dt.date, int]]:
    """(first day of the month, activities) for every month, those without any included."""
    months = []
    cursor = first_month
    while cursor <= last_day:
        months.append((cursor, monthly.get(cursor, 0)))
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return months


def _totals(rows, year_sums, sessions, overdue) -> dict:
    return {
        "districts": len(rows),
        "registered": sum(r["registered"] for r in rows),
        "engaged": sum(r["engaged"] for r in rows),
        "activities": year_sums["n"],
        "participants": year_sums["total"],
        **{k: year_sums[k] for k in BREAKDOWN},
        "lessons_submitted": sum(r["lessons_submitted"] for r in rows),
        "lessons_approved": sum(r["lessons_approved"] for r in rows),
        "sessions": sum(s["n"] for s in sessions),
        "overdue": overdue,
    }


def _progress(row, target) -> int | None:
    """Per cent of the year's targets reached (average over the targets set), or None."""
    if target is None:
        return None
    pairs = [
        (row["engaged"], target.communities_engaged),
        (row["activities"], target.activities),
        (row["lessons_approved"], target.lessons_approved),
    ]
    shares = [min(done / goal, 1) for done, goal in pairs if goal]
    return round(100 * sum(shares) / len(shares)) if shares else None


def fiscal_year_choices() -> list[int]:
    current = current_fiscal_year()
    return list(range(current, current - 6, -1))


def zone_groups():
    return ZoneGroup.objects.all()
