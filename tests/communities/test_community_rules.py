"""Counts, money and dates are validated by the models and enforced by the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from communities.models import Activity, IndicatorSnapshot
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field",
    [
        "participants_women",
        "participants_elderly",
        "participants_disabled",
        "participants_youth",
        "participants_welfare_card",
    ],
)
def test_no_participant_breakdown_may_exceed_the_total(field):
    activity = ActivityFactory.build(
        community=CommunityFactory(), participants_total=10, **{field: 11}
    )
    activity.district_id = activity.community.district_id
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert field in error.value.message_dict
    assert "เกินจำนวนผู้เข้าร่วมทั้งหมด" in error.value.message_dict[field][0]
    # …and the database refuses it even when validation is skipped (imports, shell).
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_budget_cannot_be_negative_in_the_database():
    activity = ActivityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(budget=Decimal("-1"))


def test_a_budget_needs_a_funding_source():
    activity = ActivityFactory.build(
        community=CommunityFactory(), budget=Decimal("500"), funding_source="none"
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "funding_source" in error.value.message_dict


def test_activity_dates_cannot_be_in_the_future():
    activity = ActivityFactory.build(
        community=CommunityFactory(), date=timezone.localdate() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "date" in error.value.message_dict


def test_population_cannot_be_smaller_than_households():
    community = CommunityFactory.build(households=100, population=50)
    with pytest.raises(ValidationError):
        community.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        community.save()


def test_community_numbers_are_unique_within_a_district(bangphlat, phranakhon):
    CommunityFactory(district=bangphlat, number=7)
    CommunityFactory(district=phranakhon, number=7)  # another district may reuse it
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityFactory(district=bangphlat, number=7)


def test_snapshot_counts_cannot_exceed_the_households_surveyed():
    snapshot = IndicatorSnapshot(
        community=CommunityFactory(), year=2568, households_surveyed=10, income_in_need=11
    )
    with pytest.raises(ValidationError):
        snapshot.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        snapshot.save()
