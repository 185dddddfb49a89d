"""/communities/: Thai search and order, filters, and a query budget independent of size."""

import re

import pytest
from django.urls import reverse

from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r'class="community-name">([^<]+)<', response.content.decode())


def test_thai_substring_search_finds_the_community(login, strategy, bangphlat):
    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    CommunityFactory(district=bangphlat, name="ชุมชนวัดบางพลัด")
    found = names(login(strategy).get(reverse("communities:list"), {"q": "ร่วมใจ"}))
    assert found == ["ชุมชนร่วมใจพัฒนา"]


def test_list_is_in_thai_dictionary_order(login, strategy, bangphlat):
    for name in ["ชุมชนบางซื่อ", "ชุมชนบางแค", "ชุมชนบางคอแหลม", "ชุมชนบางเขน"]:
        CommunityFactory(district=bangphlat, name=name)
    assert names(login(strategy).get(reverse("communities:list"))) == [
        "ชุมชนบางเขน",
        "ชุมชนบางคอแหลม",
        "ชุมชนบางแค",
        "ชุมชนบางซื่อ",
    ]


def test_filters_by_district_type_step_and_status(login, strategy, bangphlat, phranakhon):
    CommunityFactory(district=bangphlat, name="ชุมชนก", community_type="crowded", model_step="reach")
    CommunityFactory(district=bangphlat, name="ชุมชนข", community_type="urban", status="merged")
    CommunityFactory(district=phranakhon, name="ชุมชนค", community_type="crowded")
    client = login(strategy)
    url = reverse("communities:list")
    assert names(client.get(url, {"district": "1001"})) == ["ชุมชนค"]
    assert names(client.get(url, {"community_type": "crowded", "district": "1025"})) == ["ชุมชนก"]
    assert names(client.get(url, {"model_step": "reach"})) == ["ชุมชนก"]
    assert names(client.get(url, {"status": "merged"})) == ["ชุมชนข"]


def test_list_is_paginated(login, strategy, bangphlat):
    CommunityFactory.create_batch(30, district=bangphlat)
    response = login(strategy).get(reverse("communities:list"))
    assert len(names(response)) == 25
    assert "หน้า 1 จาก 2" in response.content.decode()


@pytest.mark.parametrize("size", [3, 40])
def test_list_query_count_does_not_grow_with_the_data(
    login, strategy, bangphlat, size, django_assert_max_num_queries
):
    CommunityFactory.create_batch(size, district=bangphlat)
    client = login(strategy)
    # session, user, districts for the filter, count, one page of communities with districts,
    # the kept list's version (mentoring/kept_lists.py)
    with django_assert_max_num_queries(8):
        client.get(reverse("communities:list"))


@pytest.mark.parametrize("size", [2, 25])
def test_profile_query_count_does_not_grow_with_the_data(
    login, staff_bangphlat, bangphlat, size, django_assert_max_num_queries
):
    community = CommunityFactory(district=bangphlat)
    ActivityFactory.create_batch(size, community=community)
    client = login(staff_bangphlat)
    client.post(
        reverse("communities:step", args=[community.pk]),
        {"step": "reach", "changed_on": "2025-01-01"},
    )
    # session, user, community, snapshots, activities (+types, users), photos, step changes,
    # history records with users, savepoints for the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("communities:detail", args=[community.pk]))
    assert response.status_code == 200
