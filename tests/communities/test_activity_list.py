"""/communities/activities/: filters, scope, pagination, a query budget; "รายการล่าสุดของฉัน"
on the district page; the next free community number; no district column for one district."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from communities.models import ActivityType
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
URL = "/communities/activities/"


def titles(response):
    return re.findall(r'class="activity-title">([^<]+)<', response.content.decode())


def test_the_list_shows_only_activities_of_readable_districts(
    login, staff_mentee, bangphlat, phranakhon
):
    ActivityFactory(community=CommunityFactory(district=bangphlat), title="ของบางพลัด")
    ActivityFactory(community=CommunityFactory(district=phranakhon), title="ของพระนคร")
    assert titles(login(staff_mentee).get(URL)) == ["ของพระนคร"]


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_filters_by_community_month_type_and_recorder(login, strategy, staff_bangphlat, bangphlat):
    first, second = CommunityFactory(district=bangphlat), CommunityFactory(district=bangphlat)
    other_type = ActivityType.objects.order_by("pk")[1]
    ActivityFactory(community=first, title="ก", date=dt.date(2025, 8, 4))
    ActivityFactory(community=second, title="ข", date=dt.date(2025, 9, 1))
    ActivityFactory(community=second, title="ค", date=dt.date(2025, 9, 2), activity_type=other_type)
    ActivityFactory(
        community=first, title="ง", date=dt.date(2025, 7, 2), created_by=staff_bangphlat
    )
    client = login(strategy)
    assert titles(client.get(URL, {"community": first.pk})) == ["ก", "ง"]
    assert titles(client.get(URL, {"month": "2025-09"})) == ["ค", "ข"]
    assert titles(client.get(URL, {"month": "2568-08"})) == ["ก"]  # Buddhist-era year
    assert titles(client.get(URL, {"activity_type": other_type.pk})) == ["ค"]
    assert titles(client.get(URL, {"created_by": staff_bangphlat.pk})) == ["ง"]


def test_the_list_is_paginated(login, strategy, bangphlat):
    ActivityFactory.create_batch(30, community=CommunityFactory(district=bangphlat))
    response = login(strategy).get(URL)
    assert len(titles(response)) == 25
    assert "หน้า 1 จาก 2" in response.content.decode()


@pytest.mark.parametrize("size", [3, 40])
def test_list_query_count_does_not_grow_with_the_data(
    login, strategy, bangphlat, size, django_assert_max_num_queries
):
    ActivityFactory.create_batch(size, community=CommunityFactory(district=bangphlat))
    client = login(strategy)
    client.get(URL)  # the bell's unread count is cached after the first page
    # session, user, communities / types / recorders for the filter bar, count, one page of
    # activities with communities, districts, types and recorders, "may add" check
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_single_district_staff_see_no_district_column(login, staff_bangphlat, strategy, bangphlat):
    ActivityFactory(community=CommunityFactory(district=bangphlat))
    assert (
        '<th scope="col" class="d-none d-md-table-cell">เขต</th>'
        not in login(staff_bangphlat).get(URL).content.decode()
    )
    assert (
        ">เขต</th>" not in login(staff_bangphlat).get(reverse("communities:list")).content.decode()
    )
    assert ">เขต</th>" in login(strategy).get(reverse("communities:list")).content.decode()
    assert ">เขต</th>" in login(strategy).get(URL).content.decode()


def test_my_recent_entries_on_the_district_page_lists_my_last_twenty_with_edit_links(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat)
    mine = ActivityFactory.create_batch(22, community=community, created_by=staff_bangphlat)
    ActivityFactory(community=community, title="ของคนอื่น")
    body = login(staff_bangphlat).get(reverse("districts:detail", args=["1025"])).content.decode()
    assert "รายการล่าสุดของฉัน" in body
    entries = re.findall(r'class="recent-entry">([^<]+)<', body)
    assert len(entries) == 20
    assert entries[0] == mine[-1].title
    assert "ของคนอื่น" not in entries
    assert reverse("communities:activity_edit", args=[mine[-1].pk]) in body


def test_other_districts_pages_show_no_recent_entries_panel(login, staff_mentee):
    body = login(staff_mentee).get(reverse("districts:detail", args=["1025"])).content.decode()
    assert "รายการล่าสุดของฉัน" not in body


def test_the_community_form_suggests_the_next_free_number(login, staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat, number=7)
    body = login(staff_bangphlat).get(reverse("communities:create")).content.decode()
    assert 'placeholder="8"' in body
    assert "ลำดับถัดไปที่ว่างของเขตคือ 8" in body
