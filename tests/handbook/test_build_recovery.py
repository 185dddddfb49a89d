"""A build whose worker died is noticed and queued again (its dead task row closed); a long
build that is still alive is left alone. The real kill-and-restart is in
tests/ops/test_db_worker.py; these pin down each rule in-process."""

import io
import signal
import threading
from contextlib import closing, contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from handbook import services
from handbook.models import Edition, EditionStatus
from tests.lessons.factories import approved_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HANDBOOK_BUILD_STALE_SECONDS = 90


@pytest.fixture
def lesson(staff_bangphlat, strategy):
    return approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือนเปลี่ยนชีวิต")


def building(strategy, capture, *, silent_for: int, task_started_ago: int = 600):
    """An edition a worker took ``task_started_ago`` seconds ago, last heard of
    ``silent_for`` seconds ago."""
    with capture(execute=True):
        edition, _ = services.request_build(by=strategy)
    task = DBTaskResult.objects.get()
    task.claim("worker-that-died")
    now = timezone.now()
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=now - timedelta(seconds=task_started_ago)
    )
    Edition.objects.filter(pk=edition.pk).update(
        status=EditionStatus.BUILDING,
        started_at=now - timedelta(seconds=task_started_ago),
        heartbeat_at=now - timedelta(seconds=silent_for),
    )
    return edition, task


on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="advisory locks are PostgreSQL's"
)


@contextmanager
def worker_alive(edition):
    """On PostgreSQL a live worker holds the build's advisory lock on a connection of its own
    (handbook.services._hold_build_lock); here another connection holds it for the while."""
    if connection.vendor != "postgresql":
        yield
        return
    import psycopg2

    params = connection.get_connection_params()
    with closing(psycopg2.connect(**params)) as other, other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [services.LOCK_CLASS, edition.pk])
        yield
        # Let go before closing: a closed connection's backend drops its locks a moment
        # later, and a busy machine's next query could still see the lock held.
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [services.LOCK_CLASS, edition.pk])


def build_locks() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = %s",
            [services.LOCK_CLASS],
        )
        return {row[0] for row in cursor.fetchall()}


def run_worker_once():
    """``db_worker --batch`` in-process; the worker's signal handlers are put back after."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = [signal.getsignal(number) for number in signals]
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO()
        )
    finally:
        for number, handler in zip(signals, handlers, strict=True):
            signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_finishes_a_build_whose_worker_died(
    lesson, strategy, database_queue, django_capture_on_commit_callbacks
):
    edition, dead_task = building(strategy, django_capture_on_commit_callbacks, silent_for=120)

    run_worker_once()

    edition.refresh_from_db()
    dead_task.refresh_from_db()
    assert edition.status == EditionStatus.READY and edition.page_count > 0
    assert dead_task.status == "FAILED"
    assert dead_task.exception_class_path == "handbook.services.WorkerLost"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1


def test_a_long_build_that_still_beats_is_left_alone(
    lesson, strategy, database_queue, django_capture_on_commit_callbacks
):
    edition, task = building(strategy, django_capture_on_commit_callbacks, silent_for=20)

    with worker_alive(edition), django_capture_on_commit_callbacks(execute=True):
        assert services.recover_abandoned_builds() == []

    edition.refresh_from_db()
    task.refresh_from_db()
    assert (edition.status, task.status, DBTaskResult.objects.count()) == (
        EditionStatus.BUILDING,
        "RUNNING",
        1,
    )


def test_a_worker_killed_before_it_started_the_build_leaves_nothing_behind(
    lesson, strategy, database_queue, django_capture_on_commit_callbacks
):
    edition, dead_task = building(strategy, django_capture_on_commit_callbacks, silent_for=120)
    Edition.objects.filter(pk=edition.pk).update(
        status=EditionStatus.QUEUED, started_at=None, heartbeat_at=None
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.recover_abandoned_builds() == [edition.pk]

    dead_task.refresh_from_db()
    assert dead_task.status == "FAILED"
    assert DBTaskResult.objects.ready().count() == 1  # queued again


def test_two_workers_looking_at_once_queue_an_abandoned_build_once(
    lesson, strategy, database_queue, django_capture_on_commit_callbacks
):
    edition, _ = building(strategy, django_capture_on_commit_callbacks, silent_for=120)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.recover_abandoned_builds()
        second = services.recover_abandoned_builds()

    assert (first, second) == ([edition.pk], [])
    assert DBTaskResult.objects.ready().count() == 1


def test_the_strategy_office_may_rebuild_a_silent_build_at_once(
    lesson, strategy, login, database_queue, django_capture_on_commit_callbacks
):
    edition, dead_task = building(strategy, django_capture_on_commit_callbacks, silent_for=120)

    with django_capture_on_commit_callbacks(execute=True):
        login(strategy).post(f"/handbook/editions/{edition.pk}/rebuild/")

    edition.refresh_from_db()
    dead_task.refresh_from_db()
    assert (edition.status, dead_task.status) == (EditionStatus.QUEUED, "FAILED")
    assert DBTaskResult.objects.ready().count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rendering_build_beats_while_it_renders(lesson, strategy, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.HANDBOOK_BUILD_HEARTBEAT_SECONDS = 0.05
    edition, _ = services.request_build(by=strategy)
    heard = []
    real_render = services.render.render_pdfs

    locked = []

    def slow_render(*args, **kwargs):
        started = Edition.objects.get(pk=edition.pk).heartbeat_at
        threading.Event().wait(0.5)
        heard.append((started, Edition.objects.get(pk=edition.pk).heartbeat_at))
        locked.append(connection.vendor != "postgresql" or edition.pk in build_locks())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(services.render, "render_pdfs", slow_render)
    services.run_build(edition.pk)

    ((started, later),) = heard
    assert later > started
    assert locked == [True], "the rendering worker holds no advisory lock on its build"
    if connection.vendor == "postgresql":
        assert edition.pk not in build_locks()  # let go with the heartbeat's connection
    assert f"edition-{edition.pk}-heartbeat" not in {t.name for t in threading.enumerate()}


def test_a_ready_edition_whose_file_is_gone_is_built_again_on_download(
    login, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    """A database restored without its media folder: the download rebuilds the same book
    from the edition's snapshot instead of failing, and the next download works."""
    from django.urls import reverse

    from handbook import services as handbook_services
    from tests.lessons.factories import approved_lesson

    approved_lesson(staff_bangphlat, strategy)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = handbook_services.request_build(by=strategy, selection="all", value="")
    edition.refresh_from_db()
    first = edition.file.open("rb").read()
    edition.file.storage.delete(edition.file.name)

    client = login(strategy)
    url = reverse("handbook:download", args=[edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 302 and response.url == edition.get_absolute_url()
    assert "กำลังสร้างใหม่" in client.get(response.url).content.decode()
    edition.refresh_from_db()
    assert edition.status == "ready"
    again = client.get(url)
    assert again.status_code == 200
    assert b"".join(again.streaming_content) == first  # the same book, byte for byte


@pytest.mark.django_db(transaction=True)
def test_with_the_production_limits_a_build_silent_for_21_s_is_resumed_and_10_s_is_not(
    lesson, strategy, settings, django_capture_on_commit_callbacks
):
    """The shipped limits (bangphlat/settings.py, not a test's): a killed worker's build is
    resumed by the next worker about 20 s after its last beat, not 90 s."""
    from bangphlat import settings as shipped

    assert shipped.HANDBOOK_BUILD_STALE_SECONDS == 20
    assert shipped.HANDBOOK_BUILD_HEARTBEAT_SECONDS * 4 <= shipped.HANDBOOK_BUILD_STALE_SECONDS
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HANDBOOK_BUILD_STALE_SECONDS = shipped.HANDBOOK_BUILD_STALE_SECONDS
    edition, _ = building(strategy, django_capture_on_commit_callbacks, silent_for=10)
    with worker_alive(edition):
        assert services.recover_abandoned_builds() == []
    Edition.objects.filter(pk=edition.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=21)
    )
    with django_capture_on_commit_callbacks():
        assert services.recover_abandoned_builds() == [edition.pk]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_killed_workers_build_is_resumed_after_two_missed_beats(
    lesson, strategy, settings, django_capture_on_commit_callbacks
):
    """A killed worker's connection closes and its advisory lock goes with it: its build is
    queued again once it has missed two beats (10 s), not after the 20 s stale limit; a worker
    that still holds its lock is left alone however late its beat."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HANDBOOK_BUILD_STALE_SECONDS = 20
    settings.HANDBOOK_BUILD_HEARTBEAT_SECONDS = 5
    edition, dead_task = building(
        strategy, django_capture_on_commit_callbacks, silent_for=6, task_started_ago=8
    )
    assert services.recover_abandoned_builds() == []  # one missed beat: maybe only slow
    Edition.objects.filter(pk=edition.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=12)
    )
    with worker_alive(edition):
        assert services.recover_abandoned_builds() == []

    with django_capture_on_commit_callbacks():
        assert services.recover_abandoned_builds() == [edition.pk]
    dead_task.refresh_from_db()
    assert (dead_task.status, dead_task.exception_class_path) == (
        "FAILED",
        "handbook.services.WorkerLost",
    )
