"""The read API: same data, same scope and same masking as the pages."""

import pytest
from django.urls import reverse

from api import services
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(bangphlat):
    return CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")


def test_anonymous_callers_are_refused_with_401(client, community):
    response = client.get("/api/v1/communities/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_staff_read_their_own_communities_with_the_chairs_contact(
    login, staff_bangphlat, community
):
    rows = login(staff_bangphlat).get("/api/v1/communities/").json()["results"]
    assert [r["name"] for r in rows] == ["ชุมชนร่วมใจพัฒนา"]
    assert rows[0]["chair_phone"] == "081-234-5678"


def test_strategy_office_sees_the_community_with_the_chair_masked(login, strategy, community):
    rows = login(strategy).get("/api/v1/communities/").json()["results"]
    assert rows[0]["name"] == "ชุมชนร่วมใจพัฒนา"
    assert rows[0]["chair_name"] is None
    assert rows[0]["chair_phone"] is None


def test_another_districts_staff_see_no_communities_and_404_on_one(login, staff_mentee, community):
    client = login(staff_mentee)
    assert client.get("/api/v1/communities/").json()["results"] == []
    assert client.get(f"/api/v1/communities/{community.pk}/").status_code == 404


def test_activities_filter_by_date_like_the_pages(login, staff_bangphlat, community):
    import datetime as dt

    ActivityFactory(community=community, date=dt.date(2025, 1, 5), title="มกราคม")
    ActivityFactory(community=community, date=dt.date(2025, 3, 5), title="มีนาคม")
    client = login(staff_bangphlat)
    rows = client.get("/api/v1/activities/", {"date_from": "2025-02-01"}).json()["results"]
    assert [r["title"] for r in rows] == ["มีนาคม"]


def test_pages_are_cursor_paginated_and_capped_at_500(login, staff_bangphlat, community):
    for _ in range(3):
        ActivityFactory(community=community)
    client = login(staff_bangphlat)
    first = client.get("/api/v1/activities/", {"page_size": 2}).json()
    assert len(first["results"]) == 2
    assert "cursor=" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert {r["id"] for r in first["results"]}.isdisjoint(r["id"] for r in second["results"])
    from api.pagination import ApiCursorPagination

    assert ApiCursorPagination.max_page_size == 500


def test_the_dashboard_figures_for_the_strategy_office(login, strategy, community):
    ActivityFactory(community=community)
    body = login(strategy).get("/api/v1/dashboard/", {"fy": 2568}).json()
    assert body["fiscal_year"] == 2568
    assert body["totals"]["activities"] == 1
    assert len(body["rows"]) == 50


def test_district_staff_get_their_own_district_figures_only(login, staff_bangphlat, community):
    body = login(staff_bangphlat).get("/api/v1/dashboard/", {"fy": 2568}).json()
    assert [row["code"] for row in body["rows"]] == ["1025"]


def test_a_personal_token_reads_the_api_and_records_its_last_use(
    client, staff_bangphlat, community
):
    token, raw = services.token_create(user=staff_bangphlat, name="Power BI", days=30)
    assert raw not in token.key_hash
    response = client.get("/api/v1/communities/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["results"][0]["chair_phone"] == "081-234-5678"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_or_expired_token_is_refused(client, staff_bangphlat):
    import datetime as dt

    from django.utils import timezone

    token, raw = services.token_create(user=staff_bangphlat, name="old", days=30)
    services.token_revoke(token=token, by=staff_bangphlat)
    assert client.get("/api/v1/districts/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    token2, raw2 = services.token_create(user=staff_bangphlat, name="expired", days=1)
    token2.expires_at = timezone.now() - dt.timedelta(seconds=1)
    token2.save()
    response = client.get("/api/v1/districts/", HTTP_AUTHORIZATION=f"Bearer {raw2}")
    assert response.status_code == 401
    assert "หมดอายุ" in response.json()["detail"]


def test_each_token_has_its_own_rate_limit(client, settings, staff_bangphlat):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "2/minute"},
    }
    _t, first = services.token_create(user=staff_bangphlat, name="a", days=1)
    _t, second = services.token_create(user=staff_bangphlat, name="b", days=1)
    codes = [
        client.get("/api/v1/districts/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    other = client.get("/api/v1/districts/", HTTP_AUTHORIZATION=f"Bearer {second}")
    assert other.status_code == 200


def test_the_tokens_page_creates_shows_once_and_revokes(login, staff_bangphlat):
    client = login(staff_bangphlat)
    page = client.post(reverse("tokens"), {"name": "LINE bot", "days": 30})
    assert page.status_code == 200
    raw = page.context["new_token"]
    assert raw.startswith("bp_")
    listing = client.get(reverse("tokens")).content.decode()
    assert "LINE bot" in listing
    assert raw not in listing
    token = staff_bangphlat.api_tokens.get()
    client.post(reverse("token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_another_users_token(login, staff_bangphlat, staff_mentee):
    token, _raw = services.token_create(user=staff_bangphlat, name="mine", days=30)
    response = login(staff_mentee).post(reverse("token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_errors_are_answered_in_thai(client):
    detail = client.get("/api/v1/districts/").json()["detail"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in detail), detail


def thai(text) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in str(text))


@pytest.mark.parametrize("fy", ["0", "2400", "abc", "99999999999"])
def test_a_fiscal_year_the_dashboard_does_not_offer_is_a_400_in_thai(login, strategy, fy):
    # fy=0 was a 500 ("year -544 is out of range"); the page offers the same years only.
    response = login(strategy).get("/api/v1/dashboard/", {"fy": fy})
    assert response.status_code == 400
    assert thai(response.json()["fy"][0])


def test_the_dashboard_reads_approved_as_documented(login, strategy):
    api = login(strategy)
    assert api.get("/api/v1/dashboard/", {"approved": "0"}).json()["approved_only"] is False
    assert api.get("/api/v1/dashboard/", {"approved": "true"}).json()["approved_only"] is True


def test_a_lesson_filter_the_page_would_refuse_is_a_400_in_thai(login, strategy):
    # topic=abc was a 500 (an id that is no number reached the query).
    api = login(strategy)
    for query in [{"topic": "abc"}, {"topic": "999999"}, {"step": "nope"}, {"district": "9999"}]:
        response = api.get("/api/v1/lessons/", query)
        assert response.status_code == 400, query
        assert thai(response.json()[next(iter(query))][0]), query


def test_lessons_filter_by_topic_like_the_page(login, strategy, staff_bangphlat):
    from lessons.models import Topic
    from tests.lessons.factories import approved_lesson

    lesson = approved_lesson(staff_bangphlat, strategy, title="ออมทรัพย์")
    topic = Topic.objects.create(name_th="หัวข้อทดสอบการเงิน", name_en="Test finance")
    other = Topic.objects.create(name_th="หัวข้อทดสอบอื่น", name_en="Test other")
    lesson.topics.add(topic)
    lesson.approved_revision.topics.add(topic)
    api = login(strategy)
    assert [
        row["id"] for row in api.get("/api/v1/lessons/", {"topic": topic.pk}).json()["results"]
    ] == [lesson.pk]
    assert api.get("/api/v1/lessons/", {"topic": other.pk}).json()["results"] == []


def test_a_snapshot_filter_beyond_any_id_is_a_400_in_thai(login, strategy):
    # A number larger than any database integer was a 500 (OverflowError on SQLite).
    response = login(strategy).get("/api/v1/snapshots/", {"community": "1" * 30})
    assert response.status_code == 400
    assert thai(response.json()["community"][0])


def test_an_activity_sent_as_a_json_list_is_a_400_in_thai(login, staff_bangphlat):
    response = login(staff_bangphlat).post(
        "/api/v1/activities/", "[null, null]", content_type="application/json"
    )
    assert response.status_code == 400
    assert thai(response.json()["non_field_errors"][0])
