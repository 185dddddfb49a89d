"""Two people editing one record: the second save is refused, nothing is lost."""

import pytest
from django.urls import reverse

from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


def form_data(community, **changes):
    data = {
        "name": community.name,
        "number": community.number,
        "community_type": community.community_type,
        "households": community.households,
        "population": community.population,
        "status": community.status,
        "model_step": community.model_step,
        "version": community.version,
    }
    return data | changes


def test_the_second_save_of_a_community_is_refused_and_keeps_the_users_text(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, households=100)
    client = login(staff_bangphlat)
    url = reverse("communities:edit", args=[community.pk])
    opened_by_a = form_data(community)
    opened_by_b = form_data(community)

    assert client.post(url, opened_by_a | {"households": 120}).status_code == 302
    response = client.post(url, opened_by_b | {"households": 90, "address": "ซอยใหม่ 5"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "มีผู้อื่นแก้ไขข้อมูลนี้ไปก่อนแล้ว" in body
    assert 'value="ซอยใหม่ 5"' in body  # the user's text is still in the form
    conflict = body.split('id="conflict"')[1]
    assert "120" in conflict and "90" in conflict  # what the other person saved vs. mine
    community.refresh_from_db()
    assert community.households == 120 and community.address == ""


def test_after_seeing_the_conflict_the_user_can_save_deliberately(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat)
    client = login(staff_bangphlat)
    url = reverse("communities:edit", args=[community.pk])
    stale = form_data(community)
    client.post(url, stale | {"households": 120})
    refused = client.post(url, stale | {"households": 90})
    fresh_version = refused.context["form"].data["version"]
    assert client.post(url, stale | {"households": 90, "version": fresh_version}).status_code == 302
    community.refresh_from_db()
    assert community.households == 90


def test_a_stale_activity_edit_is_refused(login, staff_bangphlat, bangphlat):
    activity = ActivityFactory(community=CommunityFactory(district=bangphlat))
    client = login(staff_bangphlat)
    url = reverse("communities:activity_edit", args=[activity.pk])
    base = {
        "community": activity.community_id, "date": "2025-08-04", "title": activity.title,
        "activity_type": activity.activity_type_id, "model_step": "understand", "participants_total": 30,
        "participants_women": 0, "participants_elderly": 0, "participants_disabled": 0,
        "participants_youth": 0, "participants_welfare_card": 0, "budget": "0", "funding_source": "none",
        "version": activity.version,
    }  # fmt: skip
    assert client.post(url, base | {"title": "ชื่อของคนแรก"}).status_code == 302
    response = client.post(url, base | {"title": "ชื่อของคนที่สอง"})
    assert "มีผู้อื่นแก้ไขกิจกรรมนี้ไปก่อนแล้ว" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "ชื่อของคนแรก"


def test_an_edit_without_its_version_is_refused_until_saved_deliberately(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat, households=100)
    client = login(staff_bangphlat)
    url = reverse("communities:edit", args=[community.pk])
    without = {k: v for k, v in form_data(community, households=120).items() if k != "version"}
    refused = client.post(url, without)
    assert refused.status_code == 200
    assert "ฟอร์มนี้ไม่ได้ระบุว่าแก้ไขจากข้อมูลฉบับใด" in refused.content.decode()
    community.refresh_from_db()
    assert community.households == 100
    armed = refused.context["form"].data["version"]
    assert client.post(url, without | {"version": armed}).status_code == 302
    community.refresh_from_db()
    assert community.households == 120


def test_an_activity_edit_without_its_version_is_refused(login, staff_bangphlat, bangphlat):
    activity = ActivityFactory(community=CommunityFactory(district=bangphlat), title="เดิม")
    client = login(staff_bangphlat)
    url = reverse("communities:activity_edit", args=[activity.pk])
    response = client.post(url, {
        "community": activity.community_id, "date": "2025-08-04", "title": "ใหม่",
        "activity_type": activity.activity_type_id, "model_step": "understand", "participants_total": 30,
        "participants_women": 0, "participants_elderly": 0, "participants_disabled": 0,
        "participants_youth": 0, "participants_welfare_card": 0, "budget": "0", "funding_source": "none",
    })  # fmt: skip
    assert "ฟอร์มนี้ไม่ได้ระบุว่าแก้ไขจากข้อมูลฉบับใด" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "เดิม"
