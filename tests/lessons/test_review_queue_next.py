"""The strategy office lands on the dashboard, sees how many lessons wait, and after approving
or returning one, "ถัดไป" opens the next in the queue."""

import pytest
from django.urls import reverse

from lessons import services
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(staff_bangphlat):
    lessons = [make_lesson(staff_bangphlat, title=f"บทเรียนที่ {n}") for n in (1, 2)]
    for lesson in lessons:
        services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    return lessons


def test_the_nav_shows_the_strategy_office_how_many_lessons_wait(login, strategy, queue):
    body = login(strategy).get(reverse("lessons:list")).content.decode()
    assert 'id="lessons-waiting"' in body
    assert '<span class="badge text-bg-warning">2</span>' in body


def test_district_staff_see_no_waiting_count(login, staff_bangphlat, queue):
    assert (
        'id="lessons-waiting"'
        not in login(staff_bangphlat).get(reverse("lessons:list")).content.decode()
    )


def test_approving_a_lesson_lowers_the_count_and_offers_the_next(
    login, strategy, queue, django_capture_on_commit_callbacks
):
    client = login(strategy)
    client.get(reverse("lessons:list"))  # the count is now cached
    first, second = queue
    with django_capture_on_commit_callbacks(execute=True):  # the count is forgotten on commit
        response = client.post(
            reverse("lessons:transition", args=[first.pk]), {"action": "approve", "comment": ""},
        )  # fmt: skip
    response = client.get(response.url)
    body = response.content.decode()
    assert "ถัดไปในคิวพิจารณา: บทเรียนที่ 2" in body
    assert f'id="next-in-queue" href="{second.get_absolute_url()}"' in body
    assert '<span class="badge text-bg-warning">1</span>' in body


def test_returning_the_last_lesson_leaves_no_next_and_no_count(
    login, strategy, queue, django_capture_on_commit_callbacks
):
    client = login(strategy)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_approve(lesson=queue[0], by=strategy)
        client.post(
            reverse("lessons:transition", args=[queue[1].pk]),
            {"action": "request_changes", "comment": "เพิ่มตัวเลขผลลัพธ์"},
        )
    body = client.get(reverse("lessons:detail", args=[queue[1].pk])).content.decode()
    assert 'id="next-in-queue"' not in body
    assert 'id="lessons-waiting"' not in body
