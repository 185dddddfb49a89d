"""Dashboard figures, computed by aggregation in the database and cached.

One call of ``dashboard_data`` runs a fixed number of queries (listed below) whatever the
size of the data. The result is cached under a version number that every change to the
underlying records bumps (see dashboard/signals.py), so a new activity shows at once.
"""

import datetime as dt

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from bangphlat.thai import fiscal_year_bounds, fiscal_year_of
from communities.models import Activity, Community, ModelStep
from dashboard.models import DistrictTarget
from districts.models import District, RolloutStage, ZoneGroup
from lessons.models import Lesson, LessonStatus
from mentoring.models import FollowUp, MentoringSession, Pairing

VERSION_KEY = "dashboard:version"
CACHE_SECONDS = 600
BREAKDOWN = {
    "women": "participants_women",
    "elderly": "participants_elderly",
    "disabled": "participants_disabled",
    "youth": "participants_youth",
    "welfare_card": "participants_welfare_card",
}


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


def bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


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
    *, fiscal_year: int, zone_group: str = "", kind: str = "", district_ids=None, light=False
) -> dict:
    """``light`` leaves out the all-district parts (mentoring sessions, follow-ups, steps per
    zone group, lesson pipeline): what a district page shows needs 7 queries, not 12."""
    version = cache.get_or_set(VERSION_KEY, 1, None)
    ids_key = ",".join(map(str, sorted(district_ids))) if district_ids is not None else "all"
    key = f"dashboard:{version}:{fiscal_year}:{zone_group}:{kind}:{ids_key}:{light}"
    data = cache.get(key)
    if data is None:
        data = _compute(
            fiscal_year=fiscal_year,
            zone_group=zone_group,
            kind=kind,
            district_ids=district_ids,
            light=light,
        )
        cache.set(key, data, CACHE_SECONDS)
    return data


def _compute(*, fiscal_year, zone_group, kind, district_ids, light=False) -> dict:
    start, end = fiscal_year_bounds(fiscal_year)
    # 1. The districts in scope, with their zone group.
    districts = list(_district_scope(zone_group, kind, district_ids).order_by("code"))
    scope = [d.pk for d in districts]
    # 2. Communities registered / engaged per district.
    communities = {
        row["district_id"]: row
        for row in Community.objects.alive()
        .filter(district_id__in=scope)
        .values("district_id")
        .annotate(
            registered=Count("pk"), engaged=Count("pk", filter=~Q(model_step=ModelStep.NOT_ENGAGED))
        )
    }
    # 3. Activities and participants per district in the fiscal year.
    activity_rows = (
        Activity.objects.alive()
        .filter(district_id__in=scope, date__range=(start, end))
        .values("district_id")
        .annotate(
            activities=Count("pk"),
            participants=Sum("participants_total"),
            **{k: Sum(f) for k, f in BREAKDOWN.items()},
        )
    )
    activities = {row["district_id"]: row for row in activity_rows}
    # 4. Lessons per district: submitted (waiting) and approved (with an approved text).
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
            FollowUp.objects.overdue(timezone.localdate())
            .filter(Q(session__mentor_id__in=scope) | Q(session__mentees__in=scope))
            .values("pk")
            .distinct()
            .count()
        )
    )
    # 9. Activities per month, last 24 months (to the end of the fiscal year or today).
    last_day = min(end, timezone.localdate())
    first_month = (last_day.replace(day=1) - dt.timedelta(days=700)).replace(day=1)
    monthly = dict(
        Activity.objects.alive()
        .filter(district_id__in=scope, date__range=(first_month, last_day))
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
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
    pipeline = dict(
        Lesson.objects.filter(district_id__in=scope)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    # 12. Reach of vulnerable groups per fiscal year (the last five).
    fy_expr = ExtractYear("date") + Case(
        When(date__month__gte=10, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    reach = {
        row["fy"]: row
        for row in Activity.objects.alive()
        .filter(
            district_id__in=scope, date__gte=fiscal_year_bounds(fiscal_year - 4)[0], date__lte=end
        )
        .annotate(fy=fy_expr)
        .values("fy")
        .annotate(total=Sum("participants_total"), **{k: Sum(f) for k, f in BREAKDOWN.items()})
    }

    rows = []
    for district in districts:
        c, a, lesson, target = (
            communities.get(district.pk, {}),
            activities.get(district.pk, {}),
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
            "activities": a.get("activities", 0),
            "participants": a.get("participants") or 0,
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

    # TruncMonth gives dates on SQLite and datetimes on PostgreSQL: compare as dates.
    monthly = {
        (key.date() if isinstance(key, dt.datetime) else key): n for key, n in monthly.items()
    }
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
        "activities": sum(r["activities"] for r in rows),
        "participants": sum(r["participants"] for r in rows),
        **{k: sum((activities.get(d, {}).get(k) or 0) for d in scope) for k in BREAKDOWN},
        "lessons_submitted": pipeline.get(LessonStatus.SUBMITTED, 0),
        "lessons_approved": sum(r["lessons_approved"] for r in rows),
        "sessions": sum(s["n"] for s in sessions),
        "overdue": overdue,
    }
    return {
        "fiscal_year": fiscal_year,
        "rows": rows,
        "totals": totals,
        "stage_counts": stage_counts,
        "months": months,
        "steps_by_group": steps_by_group,
        "pipeline": pipeline,
        "sessions_per_mentor": [(s["mentor__name_th"], s["n"]) for s in sessions],
        "reach": [
            (fy + 543, {k: (reach.get(fy, {}).get(k) or 0) for k in ["total", *BREAKDOWN]})
            for fy in range(fiscal_year - 543 - 4, fiscal_year - 543 + 1)
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
