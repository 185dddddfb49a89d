"""Requesting builds: one build per content even when requests race, retrying failed or
abandoned builds, and who may see which edition."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from handbook import content, services
from handbook.models import Edition, EditionStatus
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_only(settings):
    """Tasks are queued, never run (as when no worker is running)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def lesson(staff_bangphlat, strategy):
    return approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต")


def test_a_request_that_loses_the_race_gets_the_winners_build(
    lesson, strategy, queue_only, monkeypatch
):
    """Both requests looked and found nothing; the second one's insert hits the unique
    content hash and it returns the first one's edition instead of queueing a second build."""
    winner, _ = services.request_build(by=strategy)
    real_filter = Edition.objects.filter

    def looked_before_the_winner_committed(*args, **kwargs):
        if "content_hash" in kwargs:
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Edition.objects, "filter", looked_before_the_winner_committed)
    loser, queued = services.request_build(by=strategy)
    assert (loser.pk, queued) == (winner.pk, False)
    assert Edition.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_two_simultaneous_requests_queue_one_build(lesson, strategy, queue_only, monkeypatch):
    barrier = threading.Barrier(2)
    real_collect = content.collect

    def collect_then_wait(*args, **kwargs):
        snapshot = real_collect(*args, **kwargs)
        barrier.wait(timeout=10)  # both have their snapshot before either looks or inserts
        return snapshot

    monkeypatch.setattr(content, "collect", collect_then_wait)
    results = []

    def request():
        try:
            results.append(services.request_build(by=strategy))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(queued for _edition, queued in results) == [False, True]
    assert len({edition.pk for edition, _queued in results}) == 1
    assert Edition.objects.count() == 1


def test_a_second_worker_does_not_render_an_edition_already_claimed(
    lesson, strategy, queue_only, monkeypatch
):
    edition, _ = services.request_build(by=strategy)
    renders = []
    real_render = services.render.render_pdfs

    def render_and_count(*args):
        renders.append(1)
        services.run_build(edition.pk)  # a second worker picks the same task meanwhile
        return real_render(*args)

    monkeypatch.setattr(services.render, "render_pdfs", render_and_count)
    services.run_build(edition.pk)
    edition.refresh_from_db()
    assert renders == [1] and edition.status == EditionStatus.READY


def test_a_failed_build_is_queued_again_by_the_next_request(lesson, strategy, queue_only):
    edition, _ = services.request_build(by=strategy)
    Edition.objects.filter(pk=edition.pk).update(status=EditionStatus.FAILED, error="boom")
    again, queued = services.request_build(by=strategy)
    again.refresh_from_db()
    assert (again.pk, queued, again.status, again.error) == (
        edition.pk,
        True,
        EditionStatus.QUEUED,
        "",
    )


def test_a_build_whose_worker_died_is_retried_but_a_running_one_is_not(
    lesson, strategy, queue_only, settings
):
    settings.HANDBOOK_BUILD_STALE_SECONDS = 90
    # Beats every 60 s: a beat 30 s old is not yet "two missed beats", so on PostgreSQL too
    # only the stale limit decides here (the advisory-lock path: test_build_recovery.py).
    settings.HANDBOOK_BUILD_HEARTBEAT_SECONDS = 60
    edition, _ = services.request_build(by=strategy)
    long_ago = timezone.now() - timedelta(minutes=20)
    Edition.objects.filter(pk=edition.pk).update(
        status=EditionStatus.BUILDING,
        started_at=long_ago,
        heartbeat_at=timezone.now() - timedelta(seconds=30),
    )
    assert services.request_build(by=strategy)[1] is False  # long, but alive: wait for it
    Edition.objects.filter(pk=edition.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=100)
    )
    assert services.request_build(by=strategy)[1] is True  # silent for 100 s: its worker died
    services.run_build(edition.pk)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY


# --- Who sees which edition ---------------------------------------------------------------
@pytest.fixture
def district_edition(lesson, staff_bangphlat, strategy, django_capture_on_commit_callbacks):
    """Bang Phlat's own handbook, asked for by the strategy office, not published."""
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = services.request_build(by=strategy, selection="district", value="1025")
    edition.refresh_from_db()
    return edition


@pytest.mark.parametrize("name", ["edition", "edition_status", "download"])
def test_edition_pages_per_role(
    name, district_edition, client, login, staff_bangphlat, staff_mentee, strategy
):
    url = reverse(f"handbook:{name}", args=[district_edition.pk])
    assert client.get(url).status_code == 302  # anonymous → login
    assert login(staff_mentee).get(url).status_code == 404  # another district
    # Bang Phlat's staff may see their district's handbook though someone else asked for it.
    assert login(staff_bangphlat).get(url).status_code == 200
    assert login(strategy).get(url).status_code == 200


def test_only_the_strategy_office_publishes(district_edition, login, staff_bangphlat, strategy):
    url = reverse("handbook:publish", args=[district_edition.pk])
    assert login(staff_bangphlat).post(url).status_code == 403
    district_edition.refresh_from_db()
    assert district_edition.published is False
    login(strategy).post(url)
    district_edition.refresh_from_db()
    assert district_edition.published is True


def test_the_editions_list_shows_each_user_what_they_may_open(
    district_edition, login, staff_bangphlat, staff_mentee, django_assert_max_num_queries
):
    mentee = login(staff_mentee)
    # session, user, count, page of editions
    with django_assert_max_num_queries(8):
        body = mentee.get(reverse("handbook:home")).content.decode()
    assert district_edition.get_absolute_url() not in body
    body = login(staff_bangphlat).get(reverse("handbook:home")).content.decode()
    assert district_edition.get_absolute_url() in body


def test_edition_page_query_budget(
    district_edition, login, strategy, django_assert_max_num_queries
):
    client = login(strategy)
    # session, user, edition, lesson count
    with django_assert_max_num_queries(6):
        assert client.get(district_edition.get_absolute_url()).status_code == 200


def test_an_unknown_district_is_a_clear_message_not_an_error(login, strategy):
    response = login(strategy).post(
        reverse("handbook:build"), {"selection": "district", "district": "9999"}, follow=True
    )
    assert response.status_code == 200 and "ขอบเขตของคู่มือไม่ถูกต้อง" in response.content.decode()
    assert Edition.objects.count() == 0


def test_the_preview_uses_no_inline_style_and_shows_approved_lessons_only(
    lesson, staff_bangphlat, login
):
    from tests.lessons.factories import make_lesson

    make_lesson(staff_bangphlat, title="ร่างที่ยังไม่อนุมัติ")
    response = login(staff_bangphlat).get(reverse("handbook:preview"))
    body = response.content.decode()
    assert "<style" not in body and "style=" not in body  # the CSP forbids inline styles
    assert "handbook-print.css" in body
    assert "บัญชีครัวเรือนเปลี่ยนชีวิต" in body and "ร่างที่ยังไม่อนุมัติ" not in body


# --- The curriculum -------------------------------------------------------------------------
def module_data(**overrides):
    return {
        "order": 1,
        "title": "การทำแผนที่ชุมชน",
        "objectives": "ผู้เรียนทำแผนที่ชุมชนร่วมกับแกนนำได้",
        "audience": "เจ้าหน้าที่เขต",
        "hours": "3",
        "teaching_district": "",
        "outline": "- เดินสำรวจ\n- วาดแผนที่",
        **overrides,
    }


def test_the_strategy_office_writes_the_curriculum_and_the_book_uses_it(
    login, strategy, bangphlat, lesson
):
    client = login(strategy)
    response = client.post(
        reverse("handbook:module_new"),
        module_data(teaching_district=bangphlat.pk, lessons=[lesson.pk]),
    )
    assert response.status_code == 302
    modules = content.collect()["modules"]
    assert modules[0]["title"] == "การทำแผนที่ชุมชน"
    assert modules[0]["lessons"] == ["บัญชีครัวเรือนเปลี่ยนชีวิต"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours", "0", "จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 100"),
        ("hours", "250", "จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 100"),
        ("teaching_district", "phranakhon", "ตัวเลือกไม่ถูกต้อง"),  # not a pilot district
    ],
)
def test_a_bad_module_gets_a_thai_message_and_is_not_saved(
    login, strategy, bangphlat, phranakhon, field, value, message
):
    from training.models import TrainingModule

    data = module_data(teaching_district=bangphlat.pk)
    data[field] = phranakhon.pk if value == "phranakhon" else value
    response = login(strategy).post(reverse("handbook:module_new"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not TrainingModule.objects.exists()


def test_the_database_refuses_impossible_hours(bangphlat):
    from django.db import IntegrityError, transaction

    from training.models import TrainingModule

    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingModule.objects.create(
            title="x", objectives="x", audience="x", hours=0, outline="x",
            teaching_district=bangphlat,
        )  # fmt: skip


def test_district_staff_cannot_touch_the_curriculum(login, staff_bangphlat, client, bangphlat):
    from training.models import TrainingModule

    module = TrainingModule.objects.create(
        title="x", objectives="x", audience="x", hours=2, outline="x", teaching_district=bangphlat
    )
    assert client.get(reverse("handbook:module_new")).status_code == 302
    staff = login(staff_bangphlat)
    assert staff.get(reverse("handbook:module_edit", args=[module.pk])).status_code == 403
    assert staff.post(reverse("handbook:module_delete", args=[module.pk])).status_code == 403
    assert TrainingModule.objects.filter(pk=module.pk).exists()


def test_a_failed_edition_is_rebuilt_from_its_own_snapshot(
    login, lesson, strategy, staff_bangphlat, django_capture_on_commit_callbacks
):
    from lessons import services as lesson_services

    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = services.request_build(by=strategy)
    Edition.objects.filter(pk=edition.pk).update(status=EditionStatus.FAILED, error="boom")
    # The lesson changes afterwards: the rebuild still prints the edition's own content.
    lesson_services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, title="ชื่อใหม่ภายหลัง"
    )
    lesson_services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    lesson_services.lesson_approve(lesson=lesson, by=strategy)
    url = reverse("handbook:rebuild", args=[edition.pk])
    assert login(staff_bangphlat).post(url).status_code == 404  # not theirs to see
    with django_capture_on_commit_callbacks(execute=True):
        login(strategy).post(url)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.READY
    assert edition.inputs["content"]["lessons"][0]["title"] == "บัญชีครัวเรือนเปลี่ยนชีวิต"


def test_each_handbook_counts_its_own_printings(lesson, staff_bangphlat, strategy, queue_only):
    from lessons import services as lesson_services

    first, _ = services.request_build(by=strategy)
    district, _ = services.request_build(by=strategy, selection="district", value="1025")
    lesson_services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, title="ฉบับปรับปรุง"
    )
    lesson_services.lesson_submit(lesson=lesson, by=staff_bangphlat)
    lesson_services.lesson_approve(lesson=lesson, by=strategy)
    second, _ = services.request_build(by=strategy)
    assert (first.number, district.number, second.number) == (1, 1, 2)
    assert district.title.endswith("เขตบางพลัด")


def test_the_edition_page_lists_the_exact_revisions_it_used(district_edition, login, strategy):
    body = login(strategy).get(district_edition.get_absolute_url()).content.decode()
    assert "บัญชีครัวเรือนเปลี่ยนชีวิต" in body and "ฉบับแก้ไขที่ 1" in body
    assert list(district_edition.lesson_revisions.values_list("number", flat=True)) == [1]
