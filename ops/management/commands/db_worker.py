"""``manage.py db_worker``: django-tasks-db's worker, which also queues again the handbook
builds whose worker died mid-build (SIGKILL, an out-of-memory kill, a power cut). It looks once
when it starts, before taking a task, and then every HANDBOOK_BUILD_HEARTBEAT_SECONDS (at most
a third of HANDBOOK_BUILD_STALE_SECONDS) from a background thread, so a build left behind by a
dead worker finishes without a person even while this worker is busy or idle. The look is one
small query: on PostgreSQL a dead worker's build is found seconds after its last beat (its
advisory lock is gone, handbook.services), elsewhere once its heartbeat is stale.

It overrides the library's command of the same name because ``ops`` comes before
``django_tasks_db`` in INSTALLED_APPS; every option of the original still works."""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from handbook.services import recover_abandoned_builds

logger = logging.getLogger("django_tasks_db")


class Command(db_worker.Command):
    help = (
        "Run the background worker (handbook builds). Builds whose worker died are queued "
        "again: at start, then every HANDBOOK_BUILD_HEARTBEAT_SECONDS."
    )

    def handle(self, *args, **options):
        # With --reload this process only restarts a child that does the work.
        takes_tasks = (
            not options["reload"]
            or options["batch"]
            or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        )
        if takes_tasks:
            self.configure_logging(options["verbosity"])
            recover_abandoned_builds()
            if not options["batch"]:
                threading.Thread(
                    target=watch_for_abandoned_builds, name="abandoned-builds", daemon=True
                ).start()
        super().handle(*args, **options)


def watch_for_abandoned_builds() -> None:
    interval = max(
        1.0,
        min(settings.HANDBOOK_BUILD_HEARTBEAT_SECONDS, settings.HANDBOOK_BUILD_STALE_SECONDS / 3),
    )
    while True:
        time.sleep(interval)
        try:
            recover_abandoned_builds()
        except Exception:  # noqa: BLE001 - a database hiccup must not stop the watch
            logger.exception("Looking for abandoned handbook builds failed")
        finally:
            connections.close_all()  # this thread's own connection
