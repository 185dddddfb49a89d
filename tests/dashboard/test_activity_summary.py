"""The per-district, per-month activity summary equals an independent count of the activities
after every kind of write: a form's save, an edit that moves the date or the district's
figures, a soft delete, a queryset update, a hard delete and a bulk insert."""

import datetime as dt

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from communities.models import Activity
from dashboard import summary
from dashboard.models import ActivityMonth
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db

SUMS = ["n", "total", "women", "elderly", "disabled", "youth", "welfare_card"]


def counted_by_hand():
    """(district, month) → sums, straight from the activities (months with none left out)."""
    rows = (
        Activity.objects.filter(is_deleted=False)
        .annotate(m=TruncMonth("date"))
        .values("district_id", "m")
        .annotate(
            n=Count("pk"),
            total=Sum("participants_total"),
            women=Sum("participants_women"),
            elderly=Sum("participants_elderly"),
            disabled=Sum("participants_disabled"),
            youth=Sum("participants_youth"),
            welfare_card=Sum("participants_welfare_card"),
        )
    )
    result = {}
    for row in rows:
        month = row["m"].date() if isinstance(row["m"], dt.datetime) else row["m"]
        result[(row["district_id"], month)] = tuple(row[k] for k in SUMS)
    return result


def summarised():
    return {
        (row[0], row[1]): tuple(row[2:])
        for row in ActivityMonth.objects.filter(n__gt=0).values_list("district_id", "month", *SUMS)
    }


@pytest.fixture
def communities(bangphlat, phranakhon):
    return CommunityFactory(district=bangphlat), CommunityFactory(district=phranakhon)


def test_new_activities_are_summed_per_district_and_month(communities):
    bang, phra = communities
    ActivityFactory(community=bang, date=dt.date(2025, 9, 30), participants_total=10)
    ActivityFactory(
        community=bang, date=dt.date(2025, 9, 1), participants_total=5, participants_women=2
    )
    ActivityFactory(community=phra, date=dt.date(2025, 10, 1), participants_youth=7)
    assert summarised() == counted_by_hand()
    assert len(summarised()) == 2  # both of Bang Phlat's are in September: one row


def test_an_edit_moves_the_activity_to_its_new_month_and_figures(communities):
    bang, _phra = communities
    activity = ActivityFactory(community=bang, date=dt.date(2025, 9, 30), participants_total=10)
    activity.date = dt.date(2025, 10, 1)
    activity.participants_total = 40
    activity.participants_elderly = 12
    activity.save()
    assert summarised() == counted_by_hand()
    assert (bang.district_id, dt.date(2025, 9, 1)) not in summarised()


def test_soft_deleted_activities_leave_the_summary_and_come_back_when_restored(communities):
    bang, _phra = communities
    keep = ActivityFactory(community=bang, date=dt.date(2026, 1, 5))
    gone = ActivityFactory(community=bang, date=dt.date(2026, 1, 6))
    gone.is_deleted = True
    gone.save()
    assert summarised() == counted_by_hand() == {(bang.district_id, dt.date(2026, 1, 1)): (
        1, keep.participants_total, keep.participants_women, 0, 0, 0, 0
    )}  # fmt: skip
    gone.is_deleted = False
    gone.save()
    assert summarised() == counted_by_hand()


def test_queryset_updates_hard_deletes_and_bulk_inserts_are_counted_too(communities):
    """Writes that send no signals: the database keeps the summary itself."""
    bang, phra = communities
    first = ActivityFactory(community=bang, date=dt.date(2026, 2, 1))
    ActivityFactory(community=phra, date=dt.date(2026, 2, 1))
    Activity.objects.filter(pk=first.pk).update(participants_total=99, participants_disabled=3)
    Activity.objects.filter(district=phra.district).update(is_deleted=True)
    fields = Activity.objects.filter(pk=first.pk).values().get()
    del fields["id"]
    Activity.objects.bulk_create([Activity(**fields) for _ in range(4)])
    assert summarised() == counted_by_hand()
    Activity.objects.filter(pk=first.pk).delete()
    assert summarised() == counted_by_hand()
    assert summarised()[(bang.district_id, dt.date(2026, 2, 1))][0] == 4


def test_an_edit_of_uncounted_fields_leaves_the_summary_row_untouched(communities):
    bang, _phra = communities
    activity = ActivityFactory(community=bang, date=dt.date(2026, 3, 3))
    ActivityMonth.objects.update(n=1000)  # would be put right by any recount
    activity.title = "ชื่อใหม่"
    activity.outcome = "ผลลัพธ์"
    activity.save()
    assert ActivityMonth.objects.get().n == 1000


def test_a_rebuild_recounts_the_summary_from_the_activities(communities):
    bang, phra = communities
    ActivityFactory(community=bang, date=dt.date(2026, 3, 3))
    ActivityFactory(community=phra, date=dt.date(2021, 3, 3))
    ActivityMonth.objects.all().delete()
    summary.rebuild()
    assert summarised() == counted_by_hand() and len(summarised()) == 2
