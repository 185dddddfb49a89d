"""Who may read and change communities and activities, view by view."""

import pytest
from django.urls import reverse

from communities.models import Activity, Community
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(bangphlat):
    return CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")


@pytest.fixture
def activity(community):
    return ActivityFactory(community=community)


def community_urls(community, activity):
    return [
        reverse("communities:detail", args=[community.pk]),
        reverse("communities:edit", args=[community.pk]),
        reverse("communities:snapshot_create", args=[community.pk]),
        reverse("communities:activity_detail", args=[activity.pk]),
        reverse("communities:activity_edit", args=[activity.pk]),
    ]


def test_anonymous_visitors_are_sent_to_login_everywhere(client, community, activity):
    urls = [
        reverse("communities:list"),
        reverse("communities:create"),
        reverse("communities:activity_create"),
        reverse("communities:import"),
        reverse("communities:import_template"),
        reverse("communities:export", args=["xlsx"]),
        *community_urls(community, activity),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url


def test_staff_of_another_district_get_404_for_every_page_of_the_community(
    login, staff_mentee, community, activity
):
    client = login(staff_mentee)
    for url in community_urls(community, activity):
        assert client.get(url).status_code == 404, url


def test_staff_of_another_district_cannot_change_it_by_form_post(
    login, staff_mentee, community, activity
):
    client = login(staff_mentee)
    edit = client.post(
        reverse("communities:edit", args=[community.pk]),
        {
            "name": "ถูกแก้",
            "number": 1,
            "community_type": "urban",
            "households": 1,
            "population": 1,
            "status": "active",
            "model_step": "not_engaged",
            "version": community.version,
        },
    )
    delete = client.post(reverse("communities:delete", args=[community.pk]))
    step = client.post(
        reverse("communities:step", args=[community.pk]),
        {"step": "develop", "changed_on": "2025-01-01"},
    )
    activity_delete = client.post(reverse("communities:activity_delete", args=[activity.pk]))
    assert {
        edit.status_code,
        delete.status_code,
        step.status_code,
        activity_delete.status_code,
    } == {404}
    community.refresh_from_db()
    assert (community.name, community.is_deleted, community.model_step) == (
        "ชุมชนร่วมใจพัฒนา",
        False,
        "not_engaged",
    )
    assert not Activity.objects.get(pk=activity.pk).is_deleted


def test_staff_cannot_add_an_activity_to_another_districts_community(
    login, staff_mentee, phranakhon, community
):
    CommunityFactory(district=phranakhon, number=1)  # their own, so the form opens
    response = login(staff_mentee).post(
        reverse("communities:activity_create"),
        {
            "community": community.pk,
            "date": "2025-08-04",
            "title": "แอบเพิ่ม",
            "activity_type": 1,
            "model_step": "understand",
            "participants_total": 5,
            "participants_women": 0,
            "participants_elderly": 0,
            "participants_disabled": 0,
            "participants_youth": 0,
            "participants_welfare_card": 0,
            "budget": 0,
            "funding_source": "none",
        },
    )
    assert response.status_code == 200
    assert "ตัวเลือกไม่ถูกต้อง" in response.content.decode()
    assert not Activity.objects.filter(title="แอบเพิ่ม").exists()


def test_staff_see_only_their_own_districts_communities_in_the_list(
    login, staff_mentee, phranakhon, community
):
    own = CommunityFactory(district=phranakhon, number=1, name="ชุมชนพระนครหนึ่ง")
    body = login(staff_mentee).get(reverse("communities:list")).content.decode()
    assert own.name in body
    assert community.name not in body


def test_strategy_office_reads_every_district_but_cannot_change(
    login, strategy, community, activity
):
    client = login(strategy)
    assert client.get(reverse("communities:detail", args=[community.pk])).status_code == 200
    assert client.get(reverse("communities:activity_detail", args=[activity.pk])).status_code == 200
    assert community.name in client.get(reverse("communities:list")).content.decode()
    assert client.get(reverse("communities:edit", args=[community.pk])).status_code == 403
    assert client.get(reverse("communities:create")).status_code == 403
    assert client.get(reverse("communities:activity_create")).status_code == 403
    assert client.get(reverse("communities:import")).status_code == 403
    assert client.post(reverse("communities:delete", args=[community.pk])).status_code == 403


def test_own_staff_edit_and_soft_delete(login, staff_bangphlat, community):
    client = login(staff_bangphlat)
    response = client.post(
        reverse("communities:edit", args=[community.pk]),
        {
            "name": "ชุมชนร่วมใจพัฒนาใหม่",
            "number": community.number,
            "community_type": "crowded",
            "households": 120,
            "population": 400,
            "status": "active",
            "model_step": "understand",
            "version": community.version,
        },
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.name == "ชุมชนร่วมใจพัฒนาใหม่" and community.model_step == "understand"
    assert community.step_changes.get().step == "understand"
    client.post(reverse("communities:delete", args=[community.pk]))
    assert Community.objects.get(pk=community.pk).is_deleted
    assert client.get(reverse("communities:detail", args=[community.pk])).status_code == 404
    listing = (
        client.get(reverse("communities:list")).content.decode().split('id="community-table"')[1]
    )
    assert "ชุมชนร่วมใจพัฒนาใหม่" not in listing


def test_chair_contact_is_shown_to_own_staff_and_admins_only(
    login, staff_bangphlat, strategy, portal_admin, community
):
    url = reverse("communities:detail", args=[community.pk])
    assert "081-234-5678" in login(staff_bangphlat).get(url).content.decode()
    assert "081-234-5678" in login(portal_admin).get(url).content.decode()
    masked = login(strategy).get(url).content.decode()
    assert "081-234-5678" not in masked and "นายสมชาย" not in masked
    assert "ข้อมูลส่วนบุคคล" in masked


def test_district_users_see_the_change_history_with_who_and_what(login, staff_bangphlat, community):
    client = login(staff_bangphlat)
    client.post(
        reverse("communities:edit", args=[community.pk]),
        {
            "name": community.name,
            "number": community.number,
            "community_type": "urban",
            "households": 150,
            "population": 400,
            "status": "active",
            "model_step": "not_engaged",
            "version": community.version,
        },
    )
    body = client.get(reverse("communities:detail", args=[community.pk])).content.decode()
    history = body.split('id="history"')[1]
    assert staff_bangphlat.username in history and "จำนวนครัวเรือน" in history
