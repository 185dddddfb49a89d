"""Settings of the worker subprocesses in tests/ops/test_db_worker.py: a build beats every
second and counts as abandoned after 8 s of silence (production: 5 s and 20 s), so the test
waits seconds, not minutes."""

from bangphlat.settings import *  # noqa: F403

HANDBOOK_BUILD_HEARTBEAT_SECONDS = 1
HANDBOOK_BUILD_STALE_SECONDS = 8
