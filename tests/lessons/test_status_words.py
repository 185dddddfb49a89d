"""Words that say one thing: the author presses "ส่งพิจารณา", reads "ส่งพิจารณาแล้ว", and the
lesson's state is "รอพิจารณา" wherever it shows."""

import pytest
from django.urls import reverse

from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


def test_after_sending_the_author_reads_sent_and_the_state_reads_waiting(
    login, staff_bangphlat, strategy
):
    lesson = make_lesson(staff_bangphlat, title="ออมวันละบาท")
    client = login(staff_bangphlat)
    detail = client.get(lesson.get_absolute_url()).content.decode()
    assert 'value="submit">ส่งพิจารณา</button>' in detail
    response = client.post(
        reverse("lessons:transition", args=[lesson.pk]), {"action": "submit"}, follow=True
    )
    body = response.content.decode()
    assert "ส่งพิจารณาแล้ว" in body.split('role="alert"')[1].split("</div>")[0]
    status = body.split('id="lesson-status"')[1].split("</span>")[0]
    assert "รอพิจารณา" in status
    # The list and the office's queue use the same word for the state.
    assert "รอพิจารณา" in client.get(reverse("lessons:list")).content.decode()
    queue = login(strategy).get(reverse("lessons:review_queue")).content.decode()
    assert "ออมวันละบาท" in queue


def test_a_reviewers_decision_is_recorded_in_its_own_words(login, staff_bangphlat, strategy):
    from lessons import services

    lesson = make_lesson(staff_bangphlat)
    services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    response = login(strategy).post(
        reverse("lessons:transition", args=[lesson.pk]),
        {"action": "request_changes", "comment": "เพิ่มตัวเลข"},
        follow=True,
    )
    assert "บันทึกการพิจารณาแล้ว" in response.content.decode()
