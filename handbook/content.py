"""Everything a handbook edition is made of, collected into one JSON-serialisable snapshot.

The snapshot is stored with the edition: its hash decides whether a build can reuse a stored
file, and re-rendering the stored snapshot gives the same book again."""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Count, Q, Sum
from django.utils import timezone

from bangphlat.thai import fiscal_year_bounds, fiscal_year_of, format_date_th, format_date_th_long
from communities.models import Activity, Community, ModelStep
from districts.models import District, RolloutStage
from evaluation import selectors as evaluation_selectors
from evaluation.choices import DEFAULT_OUTCOME, DEFAULT_STAGE
from handbook.models import FrontMatter, Selection
from lessons.models import SECTIONS, Lesson, LessonStep
from mentoring.models import Pairing
from training.models import Course, CourseRun, ParticipantStatus, RunStatus, TrainingModule

STEP_ORDER = [LessonStep.UNDERSTAND, LessonStep.REACH, LessonStep.DEVELOP]


# Everything besides the data that shapes the printed book: a change to any of them gives a
# new hash, so a stored file is never reused for a book that would now look different.
BOOK_SOURCES = [
    "templates/handbook/book.html",
    "static/css/handbook-print.css",
    "handbook/render.py",
    "bangphlat/thaifont.py",
    # Where the book's Thai lines may break: a new word in the list moves lines and pages, so
    # the stored editions are no longer this book.
    "bangphlat/thai_breaks.py",
    "bangphlat/pdf_thai_breaks.py",
    "bangphlat/thai_words.txt",
]


@lru_cache(maxsize=1)
def template_version() -> str:
    import weasyprint

    from handbook import thaifont

    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__}".encode())
    for name in BOOK_SOURCES:
        digest.update((Path(settings.BASE_DIR) / name).read_bytes())
    digest.update(thaifont.source_digest().encode())
    return digest.hexdigest()[:16]


def _file_sha256(name: str) -> str | None:
    try:
        with default_storage.open(name, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def selected_lessons(selection: str, value: str):
    qs = Lesson.objects.approved().select_related("district", "approved_revision")
    if selection == Selection.DISTRICT:
        qs = qs.filter(district__code=value)
    elif selection == Selection.STEP:
        qs = qs.filter(approved_revision__step=value)
    elif selection == Selection.TOPIC:
        qs = qs.filter(approved_revision__topics__pk=value)
    return qs.prefetch_related("approved_revision__topics", "photos").order_by(
        "district__code", "pk"
    )


def _approved_photos(lesson, revision) -> list[dict]:
    """The photos approved with the revision, with their approved captions."""
    stored = {photo.pk: photo for photo in lesson.photos.all()}
    photos = []
    for item in revision.photos:
        photo = stored.get(item["id"])
        if photo is None:
            continue
        photos.append(
            {
                "path": photo.image.name,
                "caption": item.get("caption", photo.caption),
                "sha256": _file_sha256(photo.image.name),
            }
        )
    return photos


def _lessons(selection, value) -> list[dict]:
    """The selected lessons, each from its approved revision."""
    lessons = []
    for lesson in selected_lessons(selection, value):
        revision = lesson.approved_revision
        lessons.append(
            {
                "id": lesson.pk,
                "revision_id": revision.pk,
                "revision": revision.number,
                "title": revision.title,
                "step": revision.step,
                "district": lesson.district.name_th,
                "district_code": lesson.district.code,
                # Everything below from the approved revision, never the working copy.
                "topics": [t.name_th for t in revision.topics.all()],
                "sections": [[str(label), getattr(revision, name)] for name, label in SECTIONS],
                "authors": sorted(revision.authors),
                # Names only with consent, otherwise the role (see Interviewee.public).
                "interviewees": revision.public_interviewees(),
                "photos": _approved_photos(lesson, revision),
            }
        )
    return lessons


def _pilots(fy) -> list[dict]:
    """The pilot districts with their communities by step, the fiscal year's activities and
    their mentees (three aggregate queries and the districts)."""
    fy_start, fy_end = fiscal_year_bounds(fy)
    pilots = []
    community_counts = {
        row["district_id"]: row
        for row in Community.objects.alive()
        .filter(district__is_pilot=True)
        .values("district_id")
        .annotate(
            total=Count("pk"),
            **{step.value: Count("pk", filter=Q(model_step=step.value)) for step in ModelStep},
        )
    }
    activity_counts = {
        row["district_id"]: row
        for row in Activity.objects.alive()
        .filter(district__is_pilot=True, date__range=(fy_start, fy_end))
        .values("district_id")
        .annotate(activities=Count("pk"), participants=Sum("participants_total"))
    }
    mentee_counts = {
        row["mentor_id"]: row["n"]
        for row in Pairing.objects.active().values("mentor_id").annotate(n=Count("pk"))
    }
    for district in District.objects.pilots().select_related("zone_group").order_by("code"):
        counts = community_counts.get(district.pk, {})
        acts = activity_counts.get(district.pk, {})
        pilots.append(
            {
                "code": district.code,
                "name": district.name_th,
                "name_en": district.name_en,
                "zone_group": district.zone_group.name_th,
                "original": district.is_original_pilot,
                "stage": district.get_rollout_stage_display(),
                "communities": counts.get("total", 0),
                "steps": [[str(step.label), counts.get(step.value, 0)] for step in ModelStep],
                "activities": acts.get("activities", 0),
                "participants": acts.get("participants") or 0,
                "mentees": mentee_counts.get(district.pk, 0),
            }
        )
    return pilots


def collect(selection: str = Selection.ALL, value: str = "") -> dict:
    """The content snapshot (without the edition's title, number and date)."""
    lessons = _lessons(selection, value)
    fy = fiscal_year_of(timezone.localdate())
    pilots = _pilots(fy)
    pairings = [
        [
            p.mentor.name_th,
            p.mentee.name_th,
            p.mentee.zone_group.name_th,
            format_date_th(p.start_date),
        ]
        for p in Pairing.objects.active()
        .select_related("mentor", "mentee__zone_group")
        .order_by("mentor__code", "mentee__code")
    ]
    front = {fm.key: [fm.title, fm.body] for fm in FrontMatter.objects.all()}
    modules = [
        {
            "order": m.order,
            "title": m.title,
            "objectives": m.objectives,
            "audience": m.audience,
            "hours": str(m.hours),
            "outline": m.outline,
            "district": m.teaching_district.name_th,
            "lessons": sorted(
                lesson.approved_revision.title
                for lesson in m.lessons.all()
                if lesson.approved_revision_id
            ),
            "topics": [t.name_th for t in m.topics.all()],
        }
        for m in TrainingModule.objects.select_related("teaching_district").prefetch_related(
            "lessons__approved_revision", "topics"
        )
    ]
    stages = dict(RolloutStage.choices)
    stats = list(
        District.objects.order_by("code")
        .annotate(
            community_count=Count(
                "communities", filter=Q(communities__is_deleted=False), distinct=True
            ),
            engaged=Count(
                "communities",
                filter=Q(communities__is_deleted=False)
                & ~Q(communities__model_step=ModelStep.NOT_ENGAGED),
                distinct=True,
            ),
        )
        .values_list("code", "name_th", "community_count", "engaged", "rollout_stage")
    )
    snapshot = {
        "template_version": template_version(),
        "selection": [selection, value],
        "front_matter": [front.get(key) for key in FrontMatter.ORDER if key in front],
        "lessons": lessons,
        "pilots": pilots,
        "fiscal_year": fy,
        "pairings": pairings,
        "modules": modules,
        **_courses_and_runs(),
        "stats": [[*row[:4], str(stages.get(row[4], row[4]))] for row in stats],
        # Pooled over every district (no district's own figures): the same in every book.
        "evidence": evaluation_selectors.evaluation(DEFAULT_OUTCOME, DEFAULT_STAGE),
    }
    if selection == Selection.DISTRICT:
        # A district's own book is read by its staff: only the figures they read anyway.
        snapshot = mask_figures(snapshot, district_codes=_district_and_mentees(value))
    return snapshot


def _courses_and_runs() -> dict:
    """The courses (modules in order, hours, pass mark) and the runs held (completed), with
    head counts only: a printed book names nobody who took part. Three queries."""
    courses = [
        {
            "title": course.title,
            "version": course.version,
            "pass_mark": course.pass_mark,
            "district": course.district.name_th if course.district_id else "",
            "modules": [cm.module.title for cm in course.course_modules.all()],
            "hours": f"{float(sum(cm.module.hours for cm in course.course_modules.all())):g}",
        }
        for course in Course.objects.filter(is_active=True)
        .select_related("district")
        .prefetch_related("course_modules__module")
    ]
    runs = [
        [
            run.course.title,
            run.host.name_th,
            format_date_th(run.starts_on),
            format_date_th(run.ends_on),
            run.enrolled,
            run.certified,
        ]
        for run in CourseRun.objects.filter(status=RunStatus.COMPLETED)
        .select_related("course", "host")
        .annotate(
            enrolled=Count(
                "participants",
                filter=Q(participants__status=ParticipantStatus.ENROLLED),
                distinct=True,
            ),
            certified=Count(
                "participants__certificate",
                filter=Q(participants__certificate__revoked_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("starts_on", "pk")
    ]
    return {"courses": courses, "runs_held": runs}


def _district_and_mentees(code: str) -> set[str]:
    mentees = (
        Pairing.objects.active().filter(mentor__code=code).values_list("mentee__code", flat=True)
    )
    return {code, *mentees}


def mask_figures(snapshot: dict, *, district_codes: set[str] | None) -> dict:
    """The snapshot with community and activity figures only for ``district_codes`` (``None``:
    every district): a district's figures are private to the district, its mentors and the
    strategy office until the office publishes a book. Masked figures print as "–"."""
    if district_codes is None:
        return snapshot
    hidden = {"communities": None, "steps": None, "activities": None, "participants": None}
    return {
        **snapshot,
        "pilots": [
            pilot if pilot["code"] in district_codes else {**pilot, **hidden}
            for pilot in snapshot["pilots"]
        ],
        "stats": [
            row if row[0] in district_codes else [row[0], row[1], None, None, row[4]]
            for row in snapshot["stats"]
        ],
    }


def content_hash(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def edition_meta(*, title: str, number: int) -> dict:
    today = timezone.localdate()
    return {
        "title": title,
        "number": number,
        "date": format_date_th_long(today),
        "iso_date": today.isoformat(),
    }
