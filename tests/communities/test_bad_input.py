"""Bad input to community pages is a Thai form error, never a 500 (issue 11)."""

import pytest
from django.urls import reverse

from communities.models import IndicatorSnapshot
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db

SNAPSHOT = {
    "year": 2568, "households_surveyed": 100, "income_in_need": 10, "living_in_need": 0,
    "health_in_need": 0, "education_in_need": 0, "services_in_need": 0,
    "welfare_card_households": 0, "old_age_allowance": 0, "disability_allowance": 0,
}  # fmt: skip


def test_a_second_snapshot_for_the_same_year_is_refused_with_a_thai_message(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat)
    client = login(staff_bangphlat)
    url = reverse("communities:snapshot_create", args=[community.pk])
    assert client.post(url, SNAPSHOT).status_code == 302
    response = client.post(url, SNAPSHOT | {"income_in_need": 20})
    assert response.status_code == 200
    assert "ชุมชนนี้มีตัวชี้วัดของปี 2568 แล้ว" in response.content.decode()
    assert IndicatorSnapshot.objects.get(community=community).income_in_need == 10
