"""The activity list at the city's scale: a capped count instead of an exact one over 300,000
rows, the community filter as a search box (no 2,500-option menu) that works without
JavaScript, its JSON suggestions, and the one FilterSet the page and the API share."""

import re

import pytest

from communities import views
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
URL = "/communities/activities/"


def titles(response):
    return re.findall(r'class="activity-title">([^<]+)<', response.content.decode())


def test_a_list_longer_than_the_cap_says_more_than_and_how_to_see_older(
    login, strategy, bangphlat, monkeypatch
):
    monkeypatch.setattr(views, "ACTIVITY_COUNT_CAP", 30)
    ActivityFactory.create_batch(31, community=CommunityFactory(district=bangphlat))
    client = login(strategy)
    first = client.get(URL).content.decode()
    assert "มากกว่า 30 กิจกรรม" in first
    assert "หน้า 1 จาก 2" in first
    assert 'id="activity-cap"' not in first
    last = client.get(URL, {"page": 2})
    assert len(titles(last)) == 5
    assert "เลือกเดือนหรือชุมชนเพื่อดูกิจกรรมที่เก่ากว่า" in last.content.decode()


def test_a_list_within_the_cap_gives_the_exact_count(login, strategy, bangphlat, monkeypatch):
    monkeypatch.setattr(views, "ACTIVITY_COUNT_CAP", 30)
    ActivityFactory.create_batch(30, community=CommunityFactory(district=bangphlat))
    body = login(strategy).get(URL).content.decode()
    assert "30 กิจกรรม" in body and "มากกว่า" not in body


def test_the_community_filter_is_a_search_box_not_a_menu_of_every_community(
    login, strategy, bangphlat
):
    CommunityFactory(district=bangphlat, name="ชุมชนริมคลองบางพลัด")
    body = login(strategy).get(URL).content.decode()
    assert 'name="community_name"' in body and "data-community-search" in body
    assert "ริมคลองบางพลัด" not in body  # no option, no name: only what the user types


def test_without_javascript_a_typed_name_filters_by_communities_holding_it(
    login, strategy, bangphlat
):
    ActivityFactory(community=CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง"), title="ก")
    ActivityFactory(community=CommunityFactory(district=bangphlat, name="ชุมชนวัดใหม่"), title="ข")
    client = login(strategy)
    assert titles(client.get(URL, {"community_name": "ริมคลอง"})) == ["ก"]
    assert titles(client.get(URL, {"community_name": "ชุมชน ริม คลอง"})) == ["ก"]  # prefix, spaces
    assert titles(client.get(URL, {"community_name": "ไม่มีชื่อนี้"})) == []


def test_a_chosen_community_shows_its_name_and_a_name_typed_over_it_wins(
    login, strategy, bangphlat
):
    riverside = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    temple = CommunityFactory(district=bangphlat, name="ชุมชนวัดใหม่")
    ActivityFactory(community=riverside, title="ก")
    ActivityFactory(community=temple, title="ข")
    client = login(strategy)
    chosen = client.get(URL, {"community": riverside.pk, "community_name": ""})
    assert titles(chosen) == ["ก"]
    assert 'value="ชุมชนริมคลอง"' in chosen.content.decode()
    assert f'name="community" value="{riverside.pk}"' in chosen.content.decode()
    # A page without JavaScript still sends the old id beside the newly typed name.
    retyped = client.get(URL, {"community": riverside.pk, "community_name": "วัดใหม่"})
    assert titles(retyped) == ["ข"]


def test_another_districts_community_id_shows_nothing_of_it(login, staff_bangphlat, phranakhon):
    hidden = CommunityFactory(district=phranakhon, name="ชุมชนพระนครลับ")
    ActivityFactory(community=hidden, title="ของพระนคร")
    response = login(staff_bangphlat).get(URL, {"community": hidden.pk})
    assert titles(response) == []
    assert "ชุมชนพระนครลับ" not in response.content.decode()


def test_suggestions_are_the_readable_communities_closest_first(
    login, staff_bangphlat, bangphlat, phranakhon
):
    CommunityFactory(district=bangphlat, name="ชุมชนริมคลองบางพลัด")
    CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    CommunityFactory(district=phranakhon, name="ชุมชนริมคลองพระนคร")
    results = login(staff_bangphlat).get("/communities/search.json", {"q": "ริมคลอง"}).json()
    names = [row["name"] for row in results["results"]]
    assert names == ["ชุมชนริมคลอง", "ชุมชนริมคลองบางพลัด"]
    assert results["results"][0]["district"] == bangphlat.name_th


def test_suggestions_for_an_empty_box_are_none_and_anonymous_visitors_log_in(
    client, login, staff_bangphlat, bangphlat
):
    CommunityFactory(district=bangphlat)
    assert client.get("/communities/search.json", {"q": "ชุมชน"}).status_code == 302
    assert login(staff_bangphlat).get("/communities/search.json", {"q": " "}).json() == {
        "results": []
    }


def test_the_api_takes_the_pages_filters_and_says_what_is_wrong(login, strategy, bangphlat):
    from communities.models import ActivityType

    other_type = ActivityType.objects.order_by("pk")[1]
    community = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    ActivityFactory(community=community, title="ก")
    ActivityFactory(community=community, title="ข", activity_type=other_type)
    client = login(strategy)
    rows = client.get("/api/v1/activities/", {"activity_type": other_type.pk}).json()["results"]
    assert [row["title"] for row in rows] == ["ข"]
    rows = client.get("/api/v1/activities/", {"community_name": "ริมคลอง"}).json()["results"]
    assert len(rows) == 2
    response = client.get("/api/v1/activities/", {"date_from": "5 ม.ค."})
    assert response.status_code == 400
    assert "date_from" in response.json()
