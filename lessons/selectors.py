from django.db.models import Count, Q

from bangphlat import permissions
from lessons.diff import diff_html
from lessons.models import SECTION_FIELDS, SECTIONS, Lesson, LessonRevision, LessonStatus

LIST_RELATED = ["district", "approved_revision"]


def lesson_list(*, user, filters: dict | None = None):
    filters = filters or {}
    qs = permissions.lessons_visible_to(user, Lesson.objects.all()).select_related(*LIST_RELATED)
    if filters.get("district"):
        qs = qs.filter(district__code=filters["district"])
    if filters.get("step"):
        qs = qs.filter(step=filters["step"])
    if filters.get("topic"):
        qs = qs.filter(topics=filters["topic"])
    if filters.get("dimension"):
        # JSON list of codes; a quoted code matches one element on SQLite and PostgreSQL alike.
        qs = qs.filter(dimensions__icontains=f'"{filters["dimension"]}"')
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if query := (filters.get("q") or "").strip():
        # Outsiders search the approved text only, never another district's draft.
        approved_match = Q(approved_revision__search_text__icontains=query)
        if permissions.sees_all_districts(user):
            qs = qs.filter(Q(search_text__icontains=query) | approved_match)
        else:
            own = Q(district_id=user.district_id, search_text__icontains=query)
            qs = qs.filter(own | approved_match)
    return qs.order_by("-updated_at", "-pk")


def review_queue():
    """Submitted lessons, oldest first (the strategy office's queue)."""
    return Lesson.objects.submitted().select_related("district").order_by("submitted_at", "pk")


def sections_of(source):
    return [(name, label, getattr(source, name)) for name, label in SECTIONS] if source else []


def revision_diffs(lesson, *, limit=5):
    """Each revision compared with the one before it, section by section."""
    revisions = list(lesson.revisions.select_related("created_by").order_by("-number")[: limit + 1])
    result = []
    for newer, older in zip(revisions[:limit], [*revisions[1:], None], strict=False):
        changes = []
        for name, label in [("title", "ชื่อบทเรียน"), *SECTIONS]:
            before = getattr(older, name) if older else ""
            after = getattr(newer, name)
            if before != after:
                changes.append((label, diff_html(before, after)))
        result.append({"revision": newer, "changes": changes, "first": older is None})
    return result


def conflict_diff(saved: Lesson, mine: dict):
    """What the other person saved, against what this user typed, per changed field."""
    rows = []
    for name in ["title", *SECTION_FIELDS]:
        if name in mine and (getattr(saved, name) or "") != (mine[name] or ""):
            label = saved._meta.get_field(name).verbose_name
            rows.append((label, diff_html(mine[name] or "", getattr(saved, name) or "")))
    return rows


def district_lesson_counts(*, district):
    return Lesson.objects.filter(district=district).aggregate(
        total=Count("pk"),
        approved=Count(
            "pk", filter=Q(approved_revision__isnull=False) & ~Q(status=LessonStatus.ARCHIVED)
        ),
        submitted=Count("pk", filter=Q(status=LessonStatus.SUBMITTED)),
        in_progress=Count(
            "pk", filter=Q(status__in=[LessonStatus.DRAFT, LessonStatus.CHANGES_REQUESTED])
        ),
    )


def recent_approved(*, district, limit=5):
    """The approved texts of a district's latest shared lessons."""
    return list(
        LessonRevision.objects.filter(
            pk__in=Lesson.objects.approved().for_district(district).values("approved_revision")
        ).order_by("-created_at", "-pk")[:limit]
    )
