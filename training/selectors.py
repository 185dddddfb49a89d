"""Reads for training: runs a user may see, participant lists with personal data masked,
knowledge gain (paired post − pre with a 95 % t-interval) and coverage per district.

Every function runs a fixed number of queries whatever the number of rows (query budgets in
tests/training/test_selectors.py)."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum

from districts.models import District
from training import access
from training.models import (
    Assessment,
    AssessmentKind,
    Course,
    CourseModule,
    CourseRun,
    Participant,
    ParticipantKind,
    ParticipantStatus,
    RunStatus,
)

# Two-sided 95 % critical values of Student's t for 1–30 degrees of freedom, then the
# values at 40, 60 and 120 (a df between two rows uses the lower row: a slightly wider,
# never narrower, interval); beyond 120 the normal 1.96.
T_95 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
    17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
    25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000,
    120: 1.980,
}  # fmt: skip
MIN_PAIRS = 2
# The data version (bangphlat.versions) of everything training: changed with each training
# row (TrainingConfig.ready()), for the district page's panel.
VERSION_KEY = "training"


def t_critical_95(df: int) -> float:
    if df < 1:
        raise ValueError("df must be at least 1")
    if df > 120:
        return 1.960
    return T_95[max(k for k in T_95 if k <= df)]


@dataclass(frozen=True)
class Gain:
    """Mean paired gain (post − pre, in score points) with its 95 % interval; ``enough`` is
    False under two pairs, and then mean/low/high are None ("too few to tell")."""

    pairs: int
    mean: float | None = None
    low: float | None = None
    high: float | None = None

    @property
    def enough(self) -> bool:
        return self.mean is not None


def mean_gain(differences) -> Gain:
    values = [float(d) for d in differences]
    n = len(values)
    if n < MIN_PAIRS:
        return Gain(pairs=n)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_critical_95(n - 1) * sd / math.sqrt(n)
    return Gain(pairs=n, mean=mean, low=mean - half, high=mean + half)


def course_list():
    """Active courses with their modules in order (two queries)."""
    return Course.objects.filter(is_active=True).prefetch_related(_ordered_modules())


def _ordered_modules():
    return Prefetch(
        "course_modules",
        queryset=CourseModule.objects.select_related("module").order_by("order", "pk"),
    )


def run_list(*, user, filters: dict | None = None):
    """Runs the user may see, newest first, with their course, host and head counts."""
    filters = filters or {}
    qs = access.runs_visible_to(user, CourseRun.objects.all())
    if code := filters.get("host"):
        qs = qs.filter(host__code=code)
    if (status := filters.get("status")) in RunStatus.values:
        qs = qs.filter(status=status)
    return qs.select_related("course", "host").annotate(
        enrolled=Count("participants", filter=Q(participants__status=ParticipantStatus.ENROLLED)),
        waitlisted=Count(
            "participants", filter=Q(participants__status=ParticipantStatus.WAITLISTED)
        ),
    )


def district_runs(*, user, district, limit: int):
    """The newest runs a district hosts or is invited to that the user may see (its page's
    panel): no head counts, and the invitation through a subquery, not a join, so there is
    nothing to make distinct (the joined, counted, distinct form cost PostgreSQL ~7 ms)."""
    invited = CourseRun.target_districts.through.objects.filter(district=district).values(
        "courserun_id"
    )
    return (
        access.runs_visible_to(user, CourseRun.objects.all())
        .filter(Q(host=district) | Q(pk__in=invited))
        .select_related("course", "host")
        .order_by("-starts_on", "-pk")[:limit]
    )


def participant_list(*, run):
    """A run's participants in list order, with what the masking and the rule need."""
    return run.participants.select_related("user", "district", "community").annotate(
        present=Count("attendance", filter=Q(attendance__present=True), distinct=True),
        pre=Subquery(_score(AssessmentKind.PRE)),
        post=Subquery(_score(AssessmentKind.POST)),
    )


def _score(kind):
    return Assessment.objects.filter(participant=OuterRef("pk"), kind=kind).values("score")[:1]


@dataclass(frozen=True)
class ParticipantRow:
    participant: Participant
    name: str | None  # None: the user may only count this person
    shown: bool


def participant_rows(*, user, run) -> list[ParticipantRow]:
    """The list with each person's name only where ``can_view_participant_personal_data``
    allows; everyone else appears as a counted, unnamed row."""
    rows = []
    for person in participant_list(run=run):
        person.run = run  # the rule reads the run; no query per row
        shown = access.can_view_participant_personal_data(user, person)
        rows.append(ParticipantRow(person, person.display_name if shown else None, shown))
    return rows


def participant_gains(*, run) -> dict[int, Decimal]:
    """Post − pre per participant id, for those with both scores."""
    return {
        p.pk: p.post - p.pre
        for p in participant_list(run=run)
        if p.pre is not None and p.post is not None
    }


def run_gain(*, run) -> Gain:
    return mean_gain(participant_gains(run=run).values())


TRAINED = Q(certificate__isnull=False, certificate__revoked_at__isnull=True)


def courses_with_runs():
    """Active courses with their modules in order and the runs held (completed), each with
    its head counts: what the handbook prints. Three queries."""
    held = (
        CourseRun.objects.filter(status=RunStatus.COMPLETED)
        .select_related("host")
        .annotate(
            enrolled=Count(
                "participants", filter=Q(participants__status=ParticipantStatus.ENROLLED)
            ),
            certified=Count(
                "participants",
                filter=Q(
                    participants__certificate__isnull=False,
                    participants__certificate__revoked_at__isnull=True,
                ),
            ),
        )
        .order_by("starts_on", "pk")
    )
    return course_list().prefetch_related(Prefetch("runs", queryset=held, to_attr="held_runs"))


def coverage(*, districts=None) -> list[dict]:
    """Per district: staff and community leaders trained (a valid certificate), runs hosted
    (pilots; cancelled runs not counted), trainers' hours (course hours of every run a
    district's trainers taught, cancelled not counted) and whether nobody is trained yet.
    Four queries, whatever the number of districts and runs."""
    districts = list(districts if districts is not None else District.objects.order_by("code"))
    ids = [d.pk for d in districts]
    trained = {
        row["district_id"]: row
        for row in Participant.objects.filter(TRAINED, district_id__in=ids)
        .values("district_id")
        .annotate(
            staff=Count("pk", filter=Q(kind=ParticipantKind.STAFF)),
            leaders=Count("pk", filter=Q(kind=ParticipantKind.LEADER)),
        )
    }
    hosted = dict(
        CourseRun.objects.live()
        .filter(host_id__in=ids)
        .values("host_id")
        .annotate(n=Count("pk"))
        .values_list("host_id", "n")
    )
    hours = _trainer_hours(ids)
    rows = []
    for district in districts:
        counts = trained.get(district.pk, {"staff": 0, "leaders": 0})
        rows.append(
            {
                "district": district,
                "staff_trained": counts["staff"],
                "leaders_trained": counts["leaders"],
                "runs_hosted": hosted.get(district.pk, 0),
                "trainer_hours": hours.get(district.pk, Decimal(0)),
                "nobody_trained": counts["staff"] + counts["leaders"] == 0,
            }
        )
    return rows


def _trainer_hours(district_ids) -> dict[int, Decimal]:
    """Two grouped queries: trainer-runs per (district, course), and each course's hours."""
    taught = (
        CourseRun.trainers.through.objects.filter(trainer__district_id__in=district_ids)
        .exclude(courserun__status=RunStatus.CANCELLED)
        .values("trainer__district_id", "courserun__course_id")
        .annotate(n=Count("pk"))
    )
    taught = list(taught)
    hours = dict(
        CourseModule.objects.filter(course_id__in={row["courserun__course_id"] for row in taught})
        .values("course_id")
        .annotate(total=Sum("module__hours"))
        .values_list("course_id", "total")
    )
    totals: dict[int, Decimal] = {}
    for row in taught:
        district = row["trainer__district_id"]
        course_hours = hours.get(row["courserun__course_id"]) or Decimal(0)
        totals[district] = totals.get(district, Decimal(0)) + course_hours * row["n"]
    return totals


def untrained_districts(*, rows=None) -> list:
    """Districts with nobody trained yet (they stand out on the coverage page)."""
    return [
        row["district"]
        for row in (rows if rows is not None else coverage())
        if row["nobody_trained"]
    ]
