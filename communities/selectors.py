"""Reads for communities and activities, always scoped by the permission module."""

from bisect import bisect_left
from collections import defaultdict
from statistics import median

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import Count, Max, Q
from django.db.models.functions import Greatest

from bangphlat.search import Similarity
from bangphlat.thai import (
    COMMUNITY_PREFIX,
    clean_text,
    fold_search_key,
    fold_search_key_sql,
    search_key,
    thai_collate,
)
from communities.access import activities_visible_to, can_change_community, communities_visible_to
from communities.models import Activity, Community, ConfirmedOutlier, ModelStep
from mentoring.access import readable_district_ids

SORTS = {
    "name": [thai_collate("name"), "pk"],
    "-name": [thai_collate("name").desc(), "-pk"],
    "number": ["district__code", "number"],
    "population": ["-population", "pk"],
    "district": [thai_collate("district__name_th"), "number"],
}


def community_list(*, user, filters: dict | None = None):
    """Communities the user may read, filtered, searched and sorted (Thai order by default)."""
    filters = filters or {}
    qs = communities_visible_to(user, Community.objects.alive()).select_related("district")
    if filters.get("district"):
        qs = qs.filter(district__code=filters["district"])
    if filters.get("community_type"):
        qs = qs.filter(community_type=filters["community_type"])
    if filters.get("model_step"):
        qs = qs.filter(model_step=filters["model_step"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if query := clean_text(filters.get("q")):
        # Thai has no word spaces: a substring match is what users expect ("ร่วมใจ"), on the
        # normalised key so the ชุมชน prefix, spaces ("หมู่4", "1 - 3") and Thai digits do not
        # matter; the closest names first unless the user picks an order.
        key = search_key(query, prefix=COMMUNITY_PREFIX)
        qs = _tolerant_name_match(qs, key, extra=Q(address__icontains=query))
        if not filters.get("sort"):
            return qs.annotate(rank=Similarity("name_key", key)).order_by("-rank", *SORTS["name"])
    return qs.order_by(*SORTS.get(filters.get("sort") or "name", SORTS["name"]))


# The trigram fallback: one-letter slips of a whole name score ≥ 0.5, a short part of a long
# name ~0.3 (that one the substring search finds already).
SIMILAR_AT_LEAST = 0.4
# The fallback ranks every candidate (no index helps a similarity above a bound on SQLite):
# at most this many, on both databases, so both give the same answers.
FUZZY_AT_MOST = 5_000


def _tolerant_name_match(qs, key, *, field="name_key", extra=None):
    """Rows whose ``field`` holds the key; if none, the same with the spellings readers take for
    one (ล็อก/ล็อค, กม./ก.ม., ฯ) folded; if still none, one-letter slips (trigram similarity,
    pg_trgm on PostgreSQL and its twin on SQLite, over at most FUZZY_AT_MOST rows).
    One query when the key matches as typed, up to three when it does not."""
    exact = Q(**{f"{field}__contains": key})
    if extra is not None:
        exact |= extra
    matched = qs.filter(exact)
    if matched.exists():
        return matched
    folded = qs.alias(folded_key=fold_search_key_sql(field)).filter(
        folded_key__contains=fold_search_key(key)
    )
    if folded.exists():
        return folded
    candidates = qs.order_by("pk").values("pk")[:FUZZY_AT_MOST]
    return (
        qs.filter(pk__in=candidates)
        .alias(closeness=Similarity(field, key))
        .filter(closeness__gte=SIMILAR_AT_LEAST)
    )


def community_suggestions(*, user, query: str, limit: int = 10):
    """The closest readable communities for a search box (none for an empty query)."""
    if not search_key(query, prefix=COMMUNITY_PREFIX):
        return []
    return list(community_list(user=user, filters={"q": query})[:limit])


def community_activities(*, community, limit=None):
    qs = (
        Activity.objects.alive()
        .filter(community=community)
        .select_related("activity_type", "created_by", "updated_by")
        .prefetch_related("photos")
    )
    return qs[:limit] if limit else qs


def district_community_summary(*, district):
    """Counts by model step for a district page panel (one query)."""
    counts = (
        Community.objects.alive()
        .filter(district=district)
        .aggregate(
            total=Count("pk"),
            **{step.value: Count("pk", filter=Q(model_step=step.value)) for step in ModelStep},
        )
    )
    return counts


def last_used_community(*, user, session):
    pk = session.get("last_community_id")
    if not pk:
        return None
    community = Community.objects.alive().filter(pk=pk).select_related("district").first()
    if community and can_change_community(user, community):
        return community
    return None


# Ranking costs a similarity() per matching row and side (~6 µs each on PostgreSQL): a broad
# query over the city's 300,000 activities would take seconds to rank, so beyond this many
# matches the list stays newest first (and a narrower query ranks again).
RANK_AT_MOST = 5_000


def search_activities(queryset, query, *, rank: bool = True):
    """Activities whose title or community name holds the query, Thai-tolerantly (the ชุมชน
    prefix, spaces, Thai digits and invisible characters do not matter): closest first when
    at most RANK_AT_MOST match and ``rank`` is asked, else in the queryset's order.

    One search for the list page, the API and the lesson form's picker. Two queries: the
    matching communities' ids (so PostgreSQL combines both indexes, title trigrams and
    community, instead of scanning every activity), and, when ranking, a bounded count."""
    key = search_key(query, prefix=COMMUNITY_PREFIX)
    if not key:
        return queryset
    named = Community.objects.filter(name_key__contains=key).order_by().values_list("pk", flat=True)
    named = list(named)
    matches = queryset.filter(Q(title_key__contains=key) | Q(community_id__in=named))
    if not named and not matches.exists():
        matches = _tolerant_activity_match(queryset, key)
    if not rank or matches.order_by()[: RANK_AT_MOST + 1].count() > RANK_AT_MOST:
        return matches
    closeness = Greatest(Similarity("title_key", key), Similarity("community__name_key", key))
    return matches.alias(rank=closeness).order_by("-rank", "-date", "-pk")


def _tolerant_activity_match(queryset, key):
    """Nothing holds the key as typed: titles or community names with the folded spellings
    or a one-letter slip (``_tolerant_name_match``), over at most FUZZY_AT_MOST of the newest
    activities and all communities."""
    named = list(
        _tolerant_name_match(Community.objects.all(), key).order_by().values_list("pk", flat=True)
    )
    newest = queryset.order_by("-date", "-pk").values("pk")[:FUZZY_AT_MOST]
    titles = _tolerant_name_match(queryset.filter(pk__in=newest), key, field="title_key")
    return queryset.filter(Q(pk__in=titles.values("pk")) | Q(community_id__in=named))


def activities_for_export(*, user, query: str = ""):
    """The alive activities of the communities the list shows for this query string (its
    filters, as in the page's URL): the same rows whether exported at once or by the worker."""
    from django.http import QueryDict

    from communities.forms import CommunityFilterForm
    from districts.models import District

    ids = readable_district_ids(user)
    districts = District.objects.thai_order()
    form = CommunityFilterForm(
        QueryDict(query) or None,
        districts=districts if ids is None else districts.filter(pk__in=ids),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    community_ids = community_list(user=user, filters=filters).values("pk")
    return (
        Activity.objects.alive()
        .filter(community_id__in=community_ids)
        .select_related("district", "community", "activity_type")
        .order_by("date", "pk")
    )


def activity_page(*, user, data=None, rank=True):
    """Activities the user may read, newest first, filtered by the query parameters through
    the one FilterSet the list page and the API share (communities/filters.py). Returns the
    bound filter (its form draws the page's filter bar, its errors the API's 400) and the
    queryset; ``rank=False`` keeps newest first under a search (the API's cursor)."""
    from communities.filters import ActivityFilter

    queryset = (
        activities_visible_to(user, Activity.objects.alive())
        .filter(community__is_deleted=False)
        .select_related("community", "district", "activity_type", "created_by")
        .order_by("-date", "-pk")
    )
    activity_filter = ActivityFilter(data or None, queryset=queryset, user=user, rank=rank)
    return activity_filter, activity_filter.qs


def recent_entries(*, user, limit=20):
    """The user's own latest entries (what they typed last, newest first), still editable."""
    return list(
        activities_visible_to(user, Activity.objects.alive())
        .filter(created_by=user)
        .select_related("community")
        .order_by("-created_at", "-pk")[:limit]
    )


def next_community_number(*, district):
    """The number services.community_create would give a new community of this district."""
    highest = Community.objects.filter(district=district).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


# --- Entry checks ----------------------------------------------------------------------
OUTLIER_FACTOR = 3
OUTLIER_MIN_SAMPLE = 5  # fewer activities than this say nothing about what is usual


def district_median(*, district_id: int, activity_type_id: int, exclude_pk=None) -> float | None:
    """Median participants of the district's activities of this type (one query)."""
    values = (
        Activity.objects.alive()
        .filter(district_id=district_id, activity_type_id=activity_type_id)
        .exclude(pk=exclude_pk)
        .values_list("participants_total", flat=True)
    )
    values = list(values)
    return median(values) if len(values) >= OUTLIER_MIN_SAMPLE else None


def is_outlier(total, usual) -> bool:
    """More than OUTLIER_FACTOR times the district's usual figure (unknown usual: never)."""
    return usual is not None and total is not None and total > OUTLIER_FACTOR * usual


def participants_by_district_and_type(district_ids) -> dict[tuple[int, int], list[int]]:
    """(district id, activity type id) → the sorted participants of its activities, for
    these districts in one query: a batch (an import) checks every row against it."""
    activities = Activity.objects.alive().filter(district_id__in=list(district_ids)).order_by()
    if connection.vendor == "postgresql":
        # One array per group instead of a row per activity: a district's 6,000 rows cost
        # ~6 ms of Python on its page, the ten arrays ~1.5 ms.
        grouped = (
            activities.values("district_id", "activity_type_id")
            .annotate(totals=ArrayAgg("participants_total"))
            .values_list("district_id", "activity_type_id", "totals")
        )
        values = defaultdict(list, {(d, t): totals for d, t, totals in grouped})
    else:
        values = defaultdict(list)
        for district_id, type_id, total in activities.values_list(
            "district_id", "activity_type_id", "participants_total"
        ):
            values[(district_id, type_id)].append(total)
    for totals in values.values():
        totals.sort()
    return values


def median_without(totals: list[int], left_out: int | None = None) -> float | None:
    """``district_median`` from a sorted list: the median of ``totals`` without one
    occurrence of ``left_out`` (the activity being changed), None under OUTLIER_MIN_SAMPLE.
    No copy of the list: a file's thousand rows cost a thousand bisections."""
    skip = None
    if left_out is not None:
        skip = bisect_left(totals, left_out)
        if skip == len(totals) or totals[skip] != left_out:
            skip = None
    size = len(totals) - (skip is not None)
    if size < OUTLIER_MIN_SAMPLE:
        return None

    def kth(k):
        return totals[k + 1] if skip is not None and k >= skip else totals[k]

    middle = size // 2
    return kth(middle) if size % 2 else (kth(middle - 1) + kth(middle)) / 2


def confirmed_outliers():
    return ConfirmedOutlier.objects.select_related(
        "activity__district", "activity__community", "activity__activity_type", "confirmed_by"
    ).filter(activity__is_deleted=False)
