"""The lesson form's live preview (the server's safe Markdown) and its activity picker."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
PREVIEW = "/lessons/preview/"
PICKER = "/lessons/activities/"


def test_the_preview_renders_the_same_safe_markdown(login, staff_bangphlat):
    response = login(staff_bangphlat).post(
        PREVIEW, {"text": "**ออม** วันละบาท\n\n- ข้อ 1\n\n<script>alert(1)</script>"}
    )
    html = response.json()["html"]
    assert "<strong>ออม</strong>" in html
    assert "<li>ข้อ 1</li>" in html
    assert "<script>" not in html


def test_the_preview_refuses_readers_who_write_no_lessons_and_anonymous(login, strategy, client):
    assert client.post(PREVIEW, {"text": "x"}).status_code == 302
    response = login(strategy).post(PREVIEW, {"text": "x"})
    assert response.status_code == 403
    assert response.json()["error"] == "ไม่มีสิทธิ์ดูตัวอย่าง"


def test_an_overlong_preview_gets_a_thai_message(login, staff_bangphlat):
    response = login(staff_bangphlat).post(PREVIEW, {"text": "ก" * 20_001})
    assert response.status_code == 400
    assert "ยาวเกิน" in response.json()["error"]


def test_the_picker_finds_any_activity_of_the_own_district_only(
    login, staff_bangphlat, bangphlat, phranakhon
):
    mine = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    old = ActivityFactory(community=mine, title="ธนาคารขยะ", date=dt.date(2020, 1, 5))
    ActivityFactory.create_batch(30, community=mine, title="ประชุมประจำเดือน")
    ActivityFactory(community=CommunityFactory(district=phranakhon), title="ธนาคารขยะพระนคร")
    client = login(staff_bangphlat)
    results = client.get(PICKER, {"q": "ธนาคารขยะ"}).json()["results"]
    assert [r["id"] for r in results] == [old.pk]
    assert "ชุมชนริมคลอง" in results[0]["label"]
    by_community = client.get(PICKER, {"q": "ริมคลอง"}).json()["results"]
    assert len(by_community) == 20  # at most 20 at a time


def test_the_picker_refuses_the_strategy_office(login, strategy):
    assert login(strategy).get(PICKER, {"q": "x"}).status_code == 403


def test_an_old_activity_found_by_the_picker_can_be_linked(login, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat)
    old = ActivityFactory(community=community, title="ธนาคารขยะ", date=dt.date(2020, 1, 5))
    ActivityFactory.create_batch(12, community=community)
    client = login(staff_bangphlat)
    body = client.get(reverse("lessons:create")).content.decode()
    assert "ธนาคารขยะ" not in body  # only the latest ten are listed
    assert "data-preview-url" in body and "js/lesson_form.js" in body
    from tests.lessons.factories import TEXT

    response = client.post(
        reverse("lessons:create"),
        {"title": "ธนาคารขยะ", "step": "understand", "activities": [old.pk], **TEXT,
         "people-TOTAL_FORMS": "0", "people-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    from lessons.models import Lesson

    assert list(Lesson.objects.get().activities.all()) == [old]
