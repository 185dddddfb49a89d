from datetime import date

from django.core.cache import cache
from django.db.models import Case, Count, F, Q, When
from django.urls import reverse

from accounts.roles import sees_all_districts
from bangphlat.thai import COMMUNITY_PREFIX, search_key
from lessons.access import can_write_lesson_for, lessons_visible_to
from lessons.diff import diff_html
from lessons.models import (
    SECTION_FIELDS,
    SECTIONS,
    Lesson,
    LessonAttachment,
    LessonPhoto,
    LessonRevision,
    LessonStatus,
)

LIST_RELATED = ["district", "approved_revision"]


def _working_rows(user) -> Q | None:
    """The rows whose working copy this user reads (``None``: every row; the strategy office
    and administrators). Every other row is read through its approved revision only."""
    if sees_all_districts(user):
        return None
    if user.is_authenticated and user.is_district_staff and user.district_id:
        return Q(district_id=user.district_id)
    return Q(pk__in=[])


def _either(working: Q | None, on_working: Q, on_approved: Q) -> Q:
    """A filter asked of the working copy where the user reads it, else of the approved text,
    so no filter tells an outsider anything about a draft."""
    if working is None:
        return on_working
    return (working & on_working) | (~working & on_approved)


def lesson_list(*, user, filters: dict | None = None):
    filters = filters or {}
    qs = lessons_visible_to(user, Lesson.objects.all()).select_related(*LIST_RELATED)
    working = _working_rows(user)
    if filters.get("district"):
        qs = qs.filter(district__code=filters["district"])
    if step := filters.get("step"):
        qs = qs.filter(_either(working, Q(step=step), Q(approved_revision__step=step)))
    if topic := filters.get("topic"):
        on_approved = Q(pk__in=Lesson.objects.filter(approved_revision__topics=topic).values("pk"))
        qs = qs.filter(
            _either(
                working, Q(pk__in=Lesson.objects.filter(topics=topic).values("pk")), on_approved
            )
        )
    if dimension := filters.get("dimension"):
        # JSON list of codes; a quoted code matches one element on SQLite and PostgreSQL alike.
        code = f'"{dimension}"'
        qs = qs.filter(
            _either(
                working,
                Q(dimensions__icontains=code),
                Q(approved_revision__dimensions__icontains=code),
            )
        )
    if status := filters.get("status"):
        # Others only ever read an approved text: any other status finds none of their rows.
        on_approved = Q() if status == LessonStatus.APPROVED else Q(pk__in=[])
        qs = qs.filter(_either(working, Q(status=status), on_approved))
    if query := search_key(filters.get("q"), prefix=COMMUNITY_PREFIX):
        # Thai-tolerant: the stored text and the query are both search keys (no spaces, so
        # "หมู่4" = "หมู่ 4"; Thai digits = Arabic; ชุมชน optional in front of a name).
        # Outsiders search the approved text only, never another district's draft.
        qs = qs.filter(
            _either(
                working,
                Q(search_text__icontains=query)
                | Q(approved_revision__search_text__icontains=query),
                Q(approved_revision__search_text__icontains=query),
            )
        )
    # Others see when the approved text was written: a re-edit must not lift a row to the top.
    if working is not None:
        qs = qs.annotate(
            shown_at=Case(
                When(working, then=F("updated_at")), default=F("approved_revision__created_at")
            )
        )
    else:
        qs = qs.annotate(shown_at=F("updated_at"))
    return qs.order_by("-shown_at", "-pk")


def review_queue():
    """Submitted lessons, oldest first (the strategy office's queue)."""
    return Lesson.objects.submitted().select_related("district").order_by("submitted_at", "pk")


WAITING_KEY = "lessons:waiting-count"


def waiting_count() -> int:
    """Lessons waiting for the strategy office, for the nav (cached: no query on most pages;
    services.forget_waiting_count clears it on every transition)."""
    count = cache.get(WAITING_KEY)
    if count is None:
        count = Lesson.objects.submitted().count()
        cache.set(WAITING_KEY, count, 60)
    return count


def next_in_queue(*, after: Lesson):
    """The next lesson to review once ``after`` is dealt with: the oldest other one waiting."""
    return review_queue().exclude(pk=after.pk).first()


def lesson_display(lesson: Lesson, *, working: bool, full_interviewees: bool) -> dict:
    """What a reader sees of a lesson besides its sections: the working copy (the district,
    reviewers) or the approved revision's snapshot (everyone else)."""
    if working:
        return {
            "topics": [str(t) for t in lesson.topics.all()],
            "dimensions": lesson.dimension_labels(),
            "photos": list(lesson.photos.all()),
            "attachments": list(lesson.attachments.all()),
            "communities": [
                {"name": c.name, "url": c.get_absolute_url()} for c in lesson.communities.all()
            ],
            "activities": [
                {
                    "title": a.title,
                    "community": a.community.name,
                    "date": a.date,
                    "url": a.get_absolute_url(),
                }
                for a in lesson.activities.select_related("community").order_by("-date", "-pk")
            ],
            "interviewees": [
                {
                    "label": p.full_label(),
                    "name_hidden": bool(p.name) and not p.consent,
                    # the consent record, for those who keep it (who recorded it: the admin)
                    "consent_at": p.consent_recorded_at if p.consent and p.name else None,
                }
                if full_interviewees
                else {"label": p.public_label(), "name_hidden": False, "consent_at": None}
                for p in lesson.interviewees.all()
                if full_interviewees or p.public_label()
            ],
            "authors": [author.display_name for author in lesson.authors.all()],
        }
    revision = lesson.approved_revision
    return {
        "topics": [str(t) for t in revision.topics.all()],
        "dimensions": revision.dimension_labels(),
        "photos": approved_files(LessonPhoto, revision.photos, "caption", lesson=lesson),
        "attachments": approved_files(
            LessonAttachment, revision.attachments, "title", lesson=lesson
        ),
        "communities": [
            {"name": c["name"], "url": reverse("communities:detail", args=[c["id"]])}
            for c in revision.communities
        ],
        "activities": [
            {
                "title": a["title"],
                "community": a["community"],
                "date": date.fromisoformat(a["date"]) if a.get("date") else None,
                "url": reverse("communities:activity_detail", args=[a["id"]]),
            }
            for a in revision.activities
        ],
        "interviewees": [
            {"label": label, "name_hidden": False} for label in revision.public_interviewees()
        ],
        "authors": revision.authors,
    }


def approved_files(model, items: list, label_field: str, *, lesson: Lesson) -> list:
    """The photos or attachments of an approved revision, in its order and with the labels
    it was approved with (files since removed are left out)."""
    by_id = {
        row.pk: row for row in model.objects.filter(lesson=lesson, pk__in=[i["id"] for i in items])
    }
    rows = []
    for item in items:
        row = by_id.get(item["id"])
        if row is not None:
            setattr(row, label_field, item.get(label_field, getattr(row, label_field)))
            rows.append(row)
    return rows


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


def activity_search(*, user, query: str, limit: int = 20) -> list:
    """The picker's matches among the activities of the user's own district (the lesson's
    district), by title or community name (the activity list's search: closest first);
    without a query, the newest."""
    from communities.models import Activity
    from communities.selectors import search_activities

    if not user.district_id or not can_write_lesson_for(user, user.district):
        return []
    qs = Activity.objects.alive().filter(district_id=user.district_id).order_by("-date", "-pk")
    return list(search_activities(qs, query).select_related("community")[:limit])
