"""Lesson transitions reach the authors and the strategy office as each chose (reporting's
notice preference): always in the bell; by e-mail at once, in the daily digest, or not at
all — no more one e-mail per event to everyone."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lessons import services
from notices.digests import send_digests
from notices.models import Notice
from notices.services import notice_preference_set
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(staff_bangphlat, strategy):
    for user, address in [(staff_bangphlat, "staff@example.org"), (strategy, "office@example.org")]:
        user.email = address
        user.save()
    return staff_bangphlat, strategy


@pytest.fixture
def lesson(staff_bangphlat):
    return make_lesson(staff_bangphlat, title="ออมวันละบาท")


def mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_every_transition_reaches_the_authors_and_the_office_in_their_bell(
    people, lesson, django_capture_on_commit_callbacks
):
    staff, office = people
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_submit(lesson=lesson, by=staff)
        services.lesson_request_changes(lesson=lesson, by=office, comment="เพิ่มตัวเลขผลลัพธ์")
    assert [n.text for n in Notice.objects.filter(user=office)] == [
        "บทเรียน “ออมวันละบาท” ของเขตบางพลัด เปลี่ยนสถานะเป็น รอพิจารณา โดย staff1025_t"
    ]
    (returned,) = Notice.objects.filter(user=staff)
    assert "ขอให้แก้ไข" in returned.text and "ความเห็น: เพิ่มตัวเลขผลลัพธ์" in returned.text
    assert returned.url == f"/lessons/{lesson.pk}/"
    assert mail.outbox == []  # both are on the daily digest (the default)


def test_those_who_chose_immediate_get_each_transition_by_email_at_once(
    people, lesson, django_capture_on_commit_callbacks
):
    staff, office = people
    notice_preference_set(user=staff, mode="immediate")
    notice_preference_set(user=office, mode="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_submit(lesson=lesson, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_request_changes(lesson=lesson, by=office, comment="เพิ่มตัวเลขผลลัพธ์")
    assert [m.to for m in mail.outbox] == [["office@example.org"], ["staff@example.org"]]
    assert "ขอให้แก้ไข" in mail.outbox[1].subject and "ออมวันละบาท" in mail.outbox[1].subject
    assert "ความเห็น: เพิ่มตัวเลขผลลัพธ์" in mail.outbox[1].body
    assert f"/lessons/{lesson.pk}/" in mail.outbox[1].body
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()


def test_no_email_leaves_before_the_transition_commits(
    people, lesson, django_capture_on_commit_callbacks
):
    staff, office = people
    notice_preference_set(user=office, mode="immediate")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.lesson_submit(lesson=lesson, by=staff)
    assert mail.outbox == [] and callbacks


def test_the_office_on_the_daily_digest_reads_lessons_waiting_the_next_morning(
    people, lesson, frozen, django_capture_on_commit_callbacks
):
    staff, office = people
    frozen(dt.datetime(2025, 11, 3, 16, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_submit(lesson=lesson, by=staff)
    assert mail_to("office@example.org") == []
    frozen(dt.datetime(2025, 11, 4, 7, 0))
    send_digests()
    (digest,) = mail_to("office@example.org")
    assert "บทเรียนรอพิจารณา 1 เรื่อง" in digest.body
    assert "“ออมวันละบาท” ของเขตบางพลัด เปลี่ยนสถานะเป็น รอพิจารณา" in digest.body
    send_digests()  # the same morning again: nothing more
    assert len(mail_to("office@example.org")) == 1


def test_those_who_chose_none_get_no_lesson_email_but_keep_the_bell(
    people, lesson, frozen, django_capture_on_commit_callbacks
):
    staff, office = people
    notice_preference_set(user=office, mode="none")
    notice_preference_set(user=staff, mode="none")
    frozen(dt.datetime(2025, 11, 3, 16, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_submit(lesson=lesson, by=staff)
        services.lesson_approve(lesson=lesson, by=office)
    frozen(dt.datetime(2025, 11, 4, 7, 0))
    send_digests()
    assert mail.outbox == []
    assert Notice.objects.filter(user=office, text__contains="ออมวันละบาท").count() == 1
    assert Notice.objects.filter(user=staff, text__contains="เป็น อนุมัติแล้ว").count() == 1


def test_a_refused_transition_leaves_no_notice(people, lesson):
    staff, office = people
    services.lesson_submit(lesson=lesson, by=staff)
    with pytest.raises(ValidationError):  # changes requested without a comment
        services.lesson_request_changes(lesson=lesson, by=office, comment="  ")
    assert not Notice.objects.filter(user=staff).exists()
