"""Dashboard figures, computed by aggregation in the database and cached.

One call of ``dashboard_data`` runs a fixed number of queries (numbered below) whatever the
size of the data: Python only adds up rows the database has already aggregated (at most
50 districts × 60 months), never individual records.

Caching: the assembled figures are cached under the data tokens of ``DataVersion`` (one query
reads them; dashboard/signals.py changes them whenever a counted record changes, so a new
activity shows on the next load). Activities, the only large table, are aggregated per fiscal
year ("slices" of district × month sums) and each year is cached under its own token: a new
activity this year recomputes this year's slice only, not the five years the trends need.
"""

import datetime as dt
import secrets

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from bangphlat.thai import fiscal_year_bounds, fiscal_year_of
from communities.models import Activity, Community, ModelStep
from dashboard.models import DataVersion, DistrictTarget
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


def _new_token(key: str, token: str) -> None:
    if not DataVersion.objects.filter(key=key).update(token=token):
        DataVersion.objects.get_or_create(key=key, defaults={"token": token})


def bump_version(fiscal_years=None) -> None:
    """Make cached figures stale. With ``fiscal_years`` (an activity changed in those years):
    the assembled figures and those years' activity slices. Without: everything (bulk loads
    that send no signals, such as the demo seeders)."""
    token = secrets.token_hex(8)
    if fiscal_years is None:
        DataVersion.objects.update(token=token)
        for key in ("epoch", "all"):
            _new_token(key, token)
        return
    keys = ["all", *(f"act:{fy}" for fy in sorted(set(fiscal_years)))]
    # One UPDATE in the usual case (the rows exist): imports save many rows, each bumps.
    if DataVersion.objects.filter(key__in=keys).update(token=token) < len(keys):
        for key in keys:
            _new_token(key, token)


def data_tokens() -> dict[str, str]:
    tokens = dict(DataVersion.objects.values_list("key", "token"))
    if "epoch" not in tokens or "all" not in tokens:  # a database emptied by hand or a test
        bump_version()
        tokens = dict(DataVersion.objects.values_list("key", "token"))
    return tokens


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
    # 1. The data tokens (see module docstring).
    tokens = data_tokens()
    today = timezone.localdate()
    ids_key = ",".join(map(str, sorted(district_ids))) if district_ids is not None else "all"
    key = (
        f"dashboard:{tokens['epoch']}:{tokens['all']}:{today}:{fiscal_year}:{zone_group}:"
        f"{kind}:{ids_key}:{light}:{approved_only}"
    )
    data = cache.get(key)
    if data is None:
        data = _compute(
            fiscal_year=fiscal_year,
            zone_group=zone_group,
            kind=kind,
            district_ids=district_ids,
            light=light,
            tokens=tokens,
            today=today,
            approved_only=approved_only,
        )
        cache.set(key, data, CACHE_SECONDS)
    return data


def activity_slices(years, *, district_ids, tokens) -> dict[int, list[tuple]]:
    """Activities (alive) per fiscal year as rows (district id, month, count, participants,
    women, elderly, disabled, youth, welfare-card holders), aggregated by the database.
    ``district_ids`` None means all districts (zone-group and pilot filters reuse it)."""
    scope_key = "all" if district_ids is None else ",".join(map(str, sorted(district_ids)))
    keys = {
        fy: f"dashboard:act:{tokens['epoch']}:{fy}:{tokens.get(f'act:{fy}', '-')}:{scope_key}"
        for fy in years
    }
    found = cache.get_many(list(keys.values()))
    slices = {fy: found[k] for fy, k in keys.items() if k in found}
    missing = [fy for fy in years if fy not in slices]
    if missing:
        # One query for the years not cached (usually only the current one after a change).
        first, last = fiscal_year_bounds(min(missing))[0], fiscal_year_bounds(max(missing))[1]
        qs = Activity.objects.alive().filter(date__range=(first, last))
        if district_ids is not None:
            qs = qs.filter(district_id__in=district_ids)
        rows = (
            qs.annotate(month=TruncMonth("date"))
            .order_by()
            .values("district_id", "month")
            .annotate(
                n=Count("pk"),
                total=Sum("participants_total"),
                **{k: Sum(f) for k, f in BREAKDOWN.items()},
            )
            .values_list("district_id", "month", *SLICE_SUMS)
        )
        fresh = {fy: [] for fy in range(min(missing), max(missing) + 1)}
        for district_id, month, *sums in rows:
            # TruncMonth gives dates on SQLite and datetimes on PostgreSQL: keep dates.
            month = month.date() if isinstance(month, dt.datetime) else month
            fresh[fiscal_year_of(month)].append((district_id, month, *sums))
        cache.set_many({keys[fy]: rows for fy, rows in fresh.items() if fy in keys}, CACHE_SECONDS)
        slices.update(fresh)
    return slices


def _approved_only(slices) -> dict:
    """Keep the district × month rows of months the strategy office approved (reporting)."""
    from reporting.selectors import locked_months

    approved = locked_months(None)
    return {fy: [row for row in rows if row[:2] in approved] for fy, rows in slices.items()}


def _compute(
    *, fiscal_year, zone_group, kind, district_ids, light, tokens, today, approved_only=False
) -> dict:
    start, end = fiscal_year_bounds(fiscal_year)
    # 2. The districts in scope, with their zone group.
    districts = list(_district_scope(zone_group, kind, district_ids).order_by("code"))
    scope = [d.pk for d in districts]
    in_scope = set(scope)
    # 3. Communities registered / engaged per district.
    communities = {
        row["district_id"]: row
        for row in Community.objects.alive()
        .filter(district_id__in=scope)
        .values("district_id")
        .annotate(
            registered=Count("pk"), engaged=Count("pk", filter=~Q(model_step=ModelStep.NOT_ENGAGED))
        )
    }
    # 4. Lessons per district: submitted (waiting) and approved (as Lesson.objects.approved()).
    lessons = {
        row["district_id"]: row
        for row in Lesson.objects.filter(district_id__in=scope)
        .values("district_id")
        .annotate(
            submitted=Count("pk", filter=Q(status=LessonStatus.SUBMITTED)),
            approved=Count(
                "pk", filter=Q(approved_revision__isnull=False) & ~Q(status=LessonStatus.ARCHIVED)
            ),
        )
    }
    # 5. Active mentors.
    mentors = (
        {}
        if light
        else dict(
            Pairing.objects.active()
            .filter(mentee_id__in=scope)
            .values_list("mentee_id", "mentor__name_th")
        )
    )
    # 6. Targets for the year.
    targets = {
        t.district_id: t
        for t in DistrictTarget.objects.filter(fiscal_year=fiscal_year, district_id__in=scope)
    }
    # 7. Mentoring sessions held in the year, per mentor district.
    sessions = (
        []
        if light
        else list(
            MentoringSession.objects.filter(date__range=(start, end))
            .filter(Q(mentor_id__in=scope) | Q(mentees__in=scope))
            .values("mentor__name_th")
            .annotate(n=Count("pk", distinct=True))
            .order_by("mentor__name_th")
        )
    )
    # 8. Overdue follow-ups.
    overdue = (
        0
        if light
        else (
            FollowUp.objects.overdue(today)
            .filter(Q(session__mentor_id__in=scope) | Q(session__mentees__in=scope))
            .values("pk")
            .distinct()
            .count()
        )
    )
    # 9. Activities: district × month sums for the five fiscal years of the trends (cached per
    #    year; only the years not cached are queried, in one query).
    years = list(range(fiscal_year - TREND_YEARS + 1, fiscal_year + 1))
    slices = activity_slices(years, district_ids=district_ids, tokens=tokens)
    if approved_only:  # 9b. the approved months (one query)
        slices = _approved_only(slices)
    # 10. Communities by model step per zone group.
    step_rows = (
        []
        if light
        else (
            Community.objects.alive()
            .filter(district_id__in=scope)
            .values("district__zone_group__name_th", "model_step")
            .annotate(n=Count("pk"))
        )
    )
    # 11. Lesson pipeline by status.
    pipeline = (
        {}
        if light
        else dict(
            Lesson.objects.filter(district_id__in=scope)
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    )

    # Add up the database's aggregates (≤ 50 districts × 12 months per year).
    zero = dict.fromkeys(SLICE_SUMS, 0)
    activities: dict[int, dict] = {}
    for district_id, _month, *sums in slices[fiscal_year]:
        if district_id in in_scope:
            acc = activities.setdefault(district_id, dict(zero))
            for name, value in zip(SLICE_SUMS, sums, strict=True):
                acc[name] += value or 0
    # Activities per month, the last 24 months (to the end of the fiscal year or today).
    last_day = min(end, today)
    first_month = (last_day.replace(day=1) - dt.timedelta(days=700)).replace(day=1)
    monthly: dict[dt.date, int] = {}
    reach = {}
    for fy in years:
        year_sums = dict(zero)
        for district_id, month, *sums in slices[fy]:
            if district_id not in in_scope:
                continue
            for name, value in zip(SLICE_SUMS, sums, strict=True):
                year_sums[name] += value or 0
            if first_month <= month <= last_day:
                monthly[month] = monthly.get(month, 0) + sums[0]
        reach[fy] = year_sums

    rows = []
    for district in districts:
        c, a, lesson, target = (
            communities.get(district.pk, {}),
            activities.get(district.pk, zero),
            lessons.get(district.pk, {}),
            targets.get(district.pk),
        )
        row = {
            "code": district.code,
            "name": district.name_th,
            "zone_group": district.zone_group.name_th,
            "is_pilot": district.is_pilot,
            "stage": district.rollout_stage,
            "stage_label": str(district.get_rollout_stage_display()),
            "mentor": mentors.get(district.pk, ""),
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
        rows.append(row)

    months = []
    cursor = first_month
    while cursor <= last_day:
        months.append((cursor, monthly.get(cursor, 0)))
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)

    steps_by_group: dict[str, dict[str, int]] = {}
    for row in step_rows:
        steps_by_group.setdefault(row["district__zone_group__name_th"], {})[row["model_step"]] = (
            row["n"]
        )

    stage_counts = {stage.value: 0 for stage in RolloutStage}
    for row in rows:
        stage_counts[row["stage"]] += 1

    totals = {
        "districts": len(rows),
        "registered": sum(r["registered"] for r in rows),
        "engaged": sum(r["engaged"] for r in rows),
        "activities": reach[fiscal_year]["n"],
        "participants": reach[fiscal_year]["total"],
        **{k: reach[fiscal_year][k] for k in BREAKDOWN},
        "lessons_submitted": sum(r["lessons_submitted"] for r in rows),
        "lessons_approved": sum(r["lessons_approved"] for r in rows),
        "sessions": sum(s["n"] for s in sessions),
        "overdue": overdue,
    }
    return {
        "fiscal_year": fiscal_year,
        "computed_at": timezone.now(),
        "approved_only": approved_only,
        "rows": rows,
        "totals": totals,
        "stage_counts": stage_counts,
        "months": months,
        "steps_by_group": steps_by_group,
        "pipeline": pipeline,
        "sessions_per_mentor": [(s["mentor__name_th"], s["n"]) for s in sessions],
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
