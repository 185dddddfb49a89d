"""Checks at entry: participants never above the community's population; numbers far above
the district's usual for the activity type are saved only once confirmed, and listed for the
strategy office."""

import datetime as dt

import pytest
from django.urls import reverse

from communities import services
from communities.models import Activity, ActivityType, ConfirmedOutlier
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
OUTLIER = "สูงกว่า 3 เท่าของค่ากลางของเขตสำหรับกิจกรรมประเภทนี้"


@pytest.fixture
def usual(community):
    """Five earlier activities of the first type, 20 participants each: the median is 20."""
    for day in range(1, 6):
        ActivityFactory(
            community=community, date=dt.date(2025, 7, day), participants_total=20,
            participants_women=0,
        )  # fmt: skip
    return ActivityType.objects.order_by("pk").first()


def form_data(community, **overrides):
    return {
        "community": community.pk, "date": "2025-08-04", "title": "อบรมบัญชีครัวเรือน",
        "activity_type": ActivityType.objects.order_by("pk").first().pk, "model_step": "understand",
        "participants_total": 5, "participants_women": 0, "participants_elderly": 0,
        "participants_disabled": 0, "participants_youth": 0, "participants_welfare_card": 0,
        "budget": 0, "funding_source": "none",
    } | overrides  # fmt: skip


def post(client, community, **overrides):
    return client.post(reverse("communities:activity_create"), form_data(community, **overrides))


def test_participants_above_the_communitys_population_are_refused(
    community, staff_bangphlat, login
):
    response = post(login(staff_bangphlat), community, participants_total=1001)
    assert response.status_code == 200
    assert "ผู้เข้าร่วม (1001 คน) มากกว่าจำนวนประชากรของชุมชน (1000 คน)" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_unknown_population_sets_no_limit(bangphlat, staff_bangphlat, login):
    community = CommunityFactory(district=bangphlat, number=2, households=0, population=0)
    assert post(login(staff_bangphlat), community, participants_total=5000).status_code == 302


def test_an_outlier_is_warned_and_kept_only_once_confirmed(
    usual, community, staff_bangphlat, login
):
    client = login(staff_bangphlat)
    response = post(client, community, participants_total=61)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"ผู้เข้าร่วม 61 คน {OUTLIER} (20 คน)" in page
    assert 'id="confirm-outlier"' in page and "ยืนยันว่าถูกต้อง" in page
    assert not Activity.objects.filter(participants_total=61).exists()
    assert post(client, community, participants_total=61, confirm_outlier="on").status_code == 302
    outlier = ConfirmedOutlier.objects.get()
    assert (outlier.participants, outlier.district_median, outlier.confirmed_by) == (
        61,
        20,
        staff_bangphlat,
    )


def test_three_times_the_median_is_still_usual(usual, community, staff_bangphlat, login):
    assert post(login(staff_bangphlat), community, participants_total=60).status_code == 302
    assert not ConfirmedOutlier.objects.exists()


def test_without_five_earlier_activities_nothing_is_an_outlier(community, staff_bangphlat, login):
    ActivityFactory(community=community, participants_total=2, participants_women=0)
    assert post(login(staff_bangphlat), community, participants_total=900).status_code == 302


def test_correcting_a_confirmed_outlier_takes_it_off_the_list(usual, community, staff_bangphlat):
    activity = services.activity_create(
        by=staff_bangphlat, community=community, confirm_outlier=True, date=dt.date(2025, 8, 4),
        title="งานใหญ่", activity_type=usual, model_step="understand", participants_total=200,
    )  # fmt: skip
    assert ConfirmedOutlier.objects.filter(activity=activity).exists()
    services.activity_update(
        activity=activity, by=staff_bangphlat, version=activity.version, participants_total=25
    )
    assert not ConfirmedOutlier.objects.exists()


def test_the_strategy_office_lists_confirmed_outliers(
    usual, community, staff_bangphlat, strategy, login
):
    services.activity_create(
        by=staff_bangphlat, community=community, confirm_outlier=True, date=dt.date(2025, 8, 4),
        title="งานใหญ่ประจำปี", activity_type=usual, model_step="understand", participants_total=300,
    )  # fmt: skip
    assert login(staff_bangphlat).get("/reporting/outliers/").status_code == 403
    page = login(strategy).get("/reporting/outliers/").content.decode()
    assert "งานใหญ่ประจำปี" in page and ">300<" in page
