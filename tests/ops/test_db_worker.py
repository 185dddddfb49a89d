"""No build left behind: a worker killed with SIGKILL mid-build leaves its edition "building"
and its task row "running"; the next worker notices the silent build and finishes it, without
a person. Real worker processes (``manage.py db_worker``) on a scratch database: a SQLite file,
or PostgreSQL when the tests run there."""

import json
import os
import signal
import subprocess
import time

import pytest

from tests.scratchdb import manage, manage_env, query, scratch_database, start_manage

# Short limits so the test waits seconds, not minutes (production: 5 s beat, 20 s stale).
FAST = {"DJANGO_SETTINGS_MODULE": "tests.ops.short_heartbeat_settings"}
REQUEST_BUILD = """
from accounts.models import User
from handbook import services
edition, _ = services.request_build(by=User.objects.get(username="strategy"))
print(edition.pk)
"""


def wait_for(what, condition, *, timeout: float, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"still waiting after {timeout:.0f} s for {what}")


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


@pytest.fixture
def scratch(tmp_path):
    with scratch_database(tmp_path, "worker") as url:
        env = manage_env(url, tmp_path / "media", **FAST)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo")  # 19 approved lessons: a build takes a few seconds
        yield url, env


def test_a_build_whose_worker_was_killed_is_finished_by_the_next_worker(scratch, tmp_path):
    url, env = scratch
    edition = int(manage(env, "shell", "-c", REQUEST_BUILD).stdout.split()[-1])

    def edition_status():
        return query(url, f"SELECT status FROM handbook_edition WHERE id = {edition}")[0][0]

    worker_args = ("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2")
    log = tmp_path / "workers.log"
    first = start_manage(env, *worker_args, "--worker-id", "first", log=log)
    second = None
    try:
        wait_for(
            "the first worker to start building", lambda: edition_status() == "building", timeout=60
        )
        time.sleep(0.5)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        assert edition_status() == "building", (
            "the build finished before the kill: test proves nothing"
        )

        second = start_manage(env, *worker_args, "--worker-id", "second", log=log)
        wait_for(
            "the edition to be ready", lambda: edition_status() == "ready", timeout=120, every=0.5
        )
    finally:
        stop(first)
        if second is not None:
            stop(second)

    tasks = query(
        url,
        "SELECT status, worker_ids, exception_class_path FROM django_tasks_database_dbtaskresult "
        "ORDER BY enqueued_at",
    )
    # SQLite gives the JSON text, PostgreSQL the decoded list.
    workers = [w if isinstance(w, list) else json.loads(w) for _, w, _ in tasks]
    assert [(row[0], w) for row, w in zip(tasks, workers, strict=True)] == [
        ("FAILED", ["first"]),
        ("SUCCESSFUL", ["second"]),
    ], log.read_text()
    assert tasks[0][2] == "handbook.services.WorkerLost"
    (file_name,) = query(url, f"SELECT file FROM handbook_edition WHERE id = {edition}")[0]
    assert (tmp_path / "media" / file_name).read_bytes()[:5] == b"%PDF-"
