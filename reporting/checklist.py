"""What to look at before a district sends its month (read only): communities without an
activity in the month, activities far above the district's usual figure that nobody confirmed,
and activities without an outcome or a photo. None of these blocks the submission — a quiet
month is a true answer — but the district should have seen them before it sends.

Queries: the district's communities (1), the month's activities with their photo count and
confirmed outlier (1), the district's participants by activity type (1)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from periods.selectors import month_start, next_month

SHOWN = 10  # names listed per item; the rest are counted


@dataclass
class Checklist:
    month: dt.date
    communities_total: int = 0
    without_activity: list = field(default_factory=list)
    outliers: list = field(default_factory=list)
    no_outcome: list = field(default_factory=list)
    no_photo: list = field(default_factory=list)

    @property
    def without_activity_count(self) -> int:
        return len(self.without_activity)

    @property
    def issues(self) -> int:
        """How many things are worth a look (0: nothing to check)."""
        return (
            len(self.without_activity)
            + len(self.outliers)
            + len(self.no_outcome)
            + len(self.no_photo)
        )

    @property
    def shown_without_activity(self) -> list:
        return self.without_activity[:SHOWN]


def district_communities(district) -> list:
    from communities.models import Community

    return list(Community.objects.alive().filter(district=district).thai_order().only("pk", "name"))


def month_checklist(*, district, month: dt.date, communities=None) -> Checklist:
    """``communities``: the district's, when the caller has read them already."""
    from communities.models import Activity, ConfirmedOutlier
    from communities.selectors import is_outlier, median_without, participants_by_district_and_type

    month = month_start(month)
    result = Checklist(month=month)
    activities = list(
        Activity.objects.alive()
        .filter(district=district, date__gte=month, date__lt=next_month(month))
        .annotate(
            photo_count=Count("photos"),
            confirmed=Exists(ConfirmedOutlier.objects.filter(activity=OuterRef("pk"))),
        )
        .only(
            "pk",
            "title",
            "date",
            "outcome",
            "participants_total",
            "activity_type_id",
            "community_id",
        )
        .order_by("date", "pk")
    )
    active = {a.community_id for a in activities} if activities else set()
    if communities is None:
        communities = district_communities(district)
    result.communities_total = len(communities)
    result.without_activity = [c for c in communities if c.pk not in active]
    totals = participants_by_district_and_type([district.pk]) if activities else {}
    for activity in activities:
        if not activity.outcome.strip():
            result.no_outcome.append(activity)
        if not activity.photo_count:
            result.no_photo.append(activity)
        usual = median_without(
            totals.get((district.pk, activity.activity_type_id), []), activity.participants_total
        )
        if not activity.confirmed and is_outlier(activity.participants_total, usual):
            activity.usual = round(usual)
            result.outliers.append(activity)
    return result


def mentor_of(district):
    """The district's mentor (who reads a submission beside the strategy office), or None."""
    from mentoring.models import Pairing

    if district.is_pilot:
        return None
    pairing = Pairing.objects.active().filter(mentee=district).select_related("mentor").first()
    return pairing.mentor if pairing else None
