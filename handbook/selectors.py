"""Reads for the handbook pages. Who may see what is decided in handbook/access.py."""

from django.db.models import Count, Max, QuerySet
from django.http import Http404

from handbook import access as handbook_access
from handbook.access import can_view_edition
from handbook.models import Edition
from mentoring.access import readable_district_ids
from training.models import TrainingModule


def editions_visible_to(user) -> QuerySet[Edition]:
    """The editions the user may open (handbook.access.editions_visible_to), newest first,
    with their lesson counts."""
    # Meta.ordering does not apply to an aggregating query: order explicitly.
    editions = Edition.objects.annotate(lesson_count=Count("lesson_revisions")).order_by(
        "-created_at", "-pk"
    )
    return handbook_access.editions_visible_to(user, editions)


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
