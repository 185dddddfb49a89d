"""The admin writes nothing that has rules of its own: activities, snapshots, sessions and
lesson texts are read-only there (the portal writes them through services); communities go
through the services; a lesson's interviewees can still be changed (consent withdrawn)."""

import pytest
from django.urls import reverse

from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["communities_activity", "communities_indicatorsnapshot", "mentoring_mentoringsession"]
)
def test_records_with_rules_cannot_be_added_in_the_admin(model, login, portal_admin):
    response = login(portal_admin).get(reverse(f"admin:{model}_add"))
    assert response.status_code == 403


def test_an_activity_is_shown_but_not_editable_in_the_admin(login, portal_admin, bangphlat):
    activity = ActivityFactory(community=CommunityFactory(district=bangphlat), title="ปลูกผัก")
    client = login(portal_admin)
    url = reverse("admin:communities_activity_change", args=[activity.pk])
    page = client.get(url)
    assert page.status_code == 200 and "ปลูกผัก" in page.content.decode()
    assert 'name="title"' not in page.content.decode()  # view only
    assert client.post(url, {"title": "เปลี่ยน"}).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "ปลูกผัก"


def test_a_lessons_text_is_read_only_in_the_admin_but_interviewees_are_not(
    login, portal_admin, staff_bangphlat
):
    lesson = make_lesson(staff_bangphlat)
    page = login(portal_admin).get(reverse("admin:lessons_lesson_change", args=[lesson.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'name="title"' not in body
    assert 'name="interviewees-TOTAL_FORMS"' in body
