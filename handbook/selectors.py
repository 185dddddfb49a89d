"""Reads for the handbook pages. Who may see what is decided in handbook/access.py."""

from django.db.models import Count, Max, QuerySet
from django.http import Http404

from handbook.access import can_publish_handbook, can_view_edition
from handbook.models import Edition, EditionStatus
from mentoring.access import readable_district_ids
from training.models import TrainingModule


def editions_visible_to(user) -> QuerySet[Edition]:
    """Published, ready editions for everyone; the strategy office sees every build, and
    district staff also the builds they requested themselves."""
    # Meta.ordering does not apply to an aggregating query: order explicitly.
    editions = Edition.objects.annotate(lesson_count=Count("lesson_revisions")).order_by(
        "-created_at", "-pk"
    )
    if can_publish_handbook(user):
        return editions
    published = editions.filter(published=True, status=EditionStatus.READY)
    own = editions.filter(requested_by=user)
    if user.district_id:
        own = own | editions.filter(selection="district", selection_value=user.district.code)
    return published | own


def edition_for(user, pk: int) -> Edition:
    edition = Edition.objects.filter(pk=pk).first()
    if edition is None or not can_view_edition(user, edition):
        raise Http404
    return edition


def curriculum() -> QuerySet[TrainingModule]:
    return TrainingModule.objects.select_related("teaching_district")


def figure_districts_for(user) -> set[str] | None:
    """Codes of the districts whose community figures this user reads on district pages
    (``None``: every district)."""
    from districts.models import District

    ids = readable_district_ids(user)
    if ids is None:
        return None
    return set(District.objects.filter(pk__in=ids).values_list("code", flat=True))


def edition_number(*, selection: str, value: str, content_hash: str) -> int:
    """The printing number a book of this content has or would get: the existing edition's
    number for the same content, else one more than the same book's last printing (each
    handbook, all lessons or one district's…, counts its own printings)."""
    existing = Edition.objects.filter(content_hash=content_hash).values_list("number", flat=True)
    if existing:
        return existing[0]
    same_book = Edition.objects.filter(selection=selection, selection_value=value)
    return (same_book.aggregate(n=Max("number"))["n"] or 0) + 1
