"""POST /api/v1/activities/: the form's validation, the service's locks and cleaning, and a
submission key that makes a resend harmless."""

import uuid

import pytest

from communities.models import Activity, ActivityType
from tests.communities.factories import CommunityFactory

pytest.importorskip("bangphlat.models", reason="issue 13's Submission").__dict__.get(
    "Submission"
) or pytest.skip("waiting for issue 13's Submission", allow_module_level=True)

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(bangphlat):
    return CommunityFactory(district=bangphlat, population=500)


def payload(community, **extra):
    return {
        "submission_key": str(uuid.uuid4()),
        "community": community.pk,
        "date": "2025-08-04",
        "title": "  อบรม\u200bการออม  ",
        "activity_type": ActivityType.objects.filter(is_active=True).first().pk,
        "model_step": "understand",
        "principles": [],
        "participants_total": 25,
        "participants_women": 10,
        "participants_elderly": 0,
        "participants_disabled": 0,
        "participants_youth": 0,
        "participants_welfare_card": 0,
        "budget": 0,
        "funding_source": "none",
        **extra,
    }


def post(client, data):
    return client.post("/api/v1/activities/", data, content_type="application/json")


def test_staff_record_an_activity_and_its_title_is_cleaned(login, staff_bangphlat, community):
    response = post(login(staff_bangphlat), payload(community))
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "อบรมการออม"
    assert Activity.objects.get().created_by == staff_bangphlat


def test_a_resend_with_the_same_key_never_duplicates(login, staff_bangphlat, community):
    client = login(staff_bangphlat)
    data = payload(community)
    first = post(client, data)
    again = post(client, data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Activity.objects.count() == 1


def test_a_key_is_required(login, staff_bangphlat, community):
    response = post(login(staff_bangphlat), payload(community, submission_key=""))
    assert response.status_code == 400
    assert "submission_key" in response.json()


def test_the_forms_validation_answers_in_thai_and_frees_the_key(login, staff_bangphlat, community):
    client = login(staff_bangphlat)
    data = payload(community, participants_total=600)  # above the community's population
    refused = post(client, data)
    assert refused.status_code == 400
    assert Activity.objects.count() == 0
    fixed = post(client, {**data, "participants_total": 20})
    assert fixed.status_code == 201


def test_another_districts_community_is_refused(login, staff_mentee, community):
    response = post(login(staff_mentee), payload(community))
    assert response.status_code == 400
    assert "community" in response.json()
    assert Activity.objects.count() == 0


def test_the_strategy_office_cannot_record_activities(login, strategy, community):
    assert post(login(strategy), payload(community)).status_code == 400
    assert Activity.objects.count() == 0


def test_a_locked_month_refuses_the_activity(login, staff_bangphlat, community, monkeypatch):
    from django.core.exceptions import ValidationError

    from communities import services

    def locked(**_kwargs):
        raise ValidationError({"date": ["เดือนนี้อนุมัติแล้ว แก้ไขไม่ได้"]})

    monkeypatch.setattr(services.activities, "assert_month_open", locked)
    response = post(login(staff_bangphlat), payload(community))
    assert response.status_code == 400
    assert response.json()["date"] == ["เดือนนี้อนุมัติแล้ว แก้ไขไม่ได้"]
