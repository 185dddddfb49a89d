"""Requesting and running handbook builds. A build never runs in a web request: requests
create a queued edition and enqueue a background task; identical content reuses the edition
that already exists for its hash (ready → at once; queued or building → the same build)."""

import logging
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat import pdf_speed
from handbook import content, render, selectors
from handbook.access import (
    can_build_handbook,
    can_edit_curriculum,
    can_edit_front_matter,
    can_publish_handbook,
)
from handbook.models import Edition, EditionStatus, FrontMatter, Selection
from training.models import TrainingModule

logger = logging.getLogger(__name__)

TITLE = "คู่มือแนวทางการดำเนินการตามรูปแบบบางพลัดโมเดล"


class WorkerLost(Exception):
    """Recorded on the task row of a build whose worker stopped without a word (SIGKILL, an
    out-of-memory kill, a power cut): the build was queued again as a new task."""


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.HANDBOOK_BUILD_STALE_SECONDS)


def _abandoned(stale_before) -> Q:
    """Building, but its worker has not beaten since ``stale_before`` (an edition from before
    heartbeats has only its start time), or on PostgreSQL whose worker's connection is gone."""
    silent = Q(heartbeat_at__lt=stale_before) | Q(
        heartbeat_at__isnull=True, started_at__lt=stale_before
    )
    return Q(status=EditionStatus.BUILDING) & (silent | _lock_released())


# On PostgreSQL the building worker also holds a session advisory lock (LOCK_CLASS, edition id)
# on its heartbeat connection. PostgreSQL drops it the moment the worker's process dies, so a
# killed build is queued again within seconds instead of after HANDBOOK_BUILD_STALE_SECONDS.
# Only builds that have missed a beat count: the lock is taken just after the build starts, and
# a heartbeat connection lost with the database server takes it again at its next beat.
LOCK_CLASS = 0x48424B  # "HBK"


def _lock_released() -> Q:
    if connection.vendor != "postgresql":
        return Q(pk__in=[])
    missed = timezone.now() - timedelta(seconds=2 * settings.HANDBOOK_BUILD_HEARTBEAT_SECONDS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
            "AND objsubid = 2 AND database = (SELECT oid FROM pg_database "
            "WHERE datname = current_database())",
            [LOCK_CLASS],
        )
        held = [row[0] for row in cursor.fetchall()]
    return Q(heartbeat_at__lt=missed) & ~Q(pk__in=held)


def _hold_build_lock(edition_id: int) -> None:
    """Take (again) this thread's connection's advisory lock on the edition (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s, %s) WHERE NOT EXISTS (SELECT 1 FROM pg_locks "
                "WHERE locktype = 'advisory' AND classid = %s AND objid = %s AND objsubid = 2 "
                "AND pid = pg_backend_pid())",
                [LOCK_CLASS, edition_id, LOCK_CLASS, edition_id],
            )


def edition_title(selection: str, value: str) -> str:
    if selection == Selection.DISTRICT:
        from districts.models import District

        district = District.objects.filter(code=value).first()
        return f"{TITLE} เขต{district.name_th}" if district else TITLE
    if selection == Selection.STEP:
        from lessons.models import LessonStep

        return f"{TITLE} ขั้น{dict(LessonStep.choices).get(value, value)}"
    if selection == Selection.TOPIC:
        from lessons.models import Topic

        topic = Topic.objects.filter(pk=value).first()
        return f"{TITLE} หัวข้อ{topic.name_th}" if topic else TITLE
    return TITLE


def request_build(
    *, by, selection: str = Selection.ALL, value: str = "", enqueue=True
) -> tuple[Edition, bool]:
    """Return (edition, queued). The same content gives the existing edition: a ready one is
    reused at once, a queued or building one is the same build. Two requests at the same
    moment meet at the unique content hash, so only one of them queues a build."""
    if not can_build_handbook(by, selection, value):
        raise PermissionDenied
    snapshot = content.collect(selection, value)
    digest = content.content_hash(snapshot)
    existing = Edition.objects.filter(content_hash=digest).first()
    if existing is None:
        try:
            with transaction.atomic():
                edition = _create_edition(by, selection, value, snapshot, digest)
        except IntegrityError:
            # Another request created it between our look-up and our insert: theirs builds.
            return Edition.objects.get(content_hash=digest), False
    elif _retry(existing):
        edition = existing
    else:
        return existing, False
    if enqueue:
        _enqueue_on_commit(edition.pk)
    return edition, True


def _create_edition(by, selection, value, snapshot, digest) -> Edition:
    # Each handbook (all lessons, one district's, one step's…) counts its own printings.
    number = selectors.edition_number(selection=selection, value=value, content_hash=digest)
    title = edition_title(selection, value)
    edition = Edition.objects.create(
        title=title,
        number=number,
        selection=selection,
        selection_value=value,
        content_hash=digest,
        inputs={"content": snapshot, "meta": content.edition_meta(title=title, number=number)},
        requested_by=by if by.pk else None,
    )
    edition.lesson_revisions.set([item["revision_id"] for item in snapshot["lessons"]])
    return edition


def _retry(edition: Edition) -> bool:
    """Queue a failed build again, or one whose worker died mid-build. The conditional
    update lets exactly one of several simultaneous requests win."""
    stale = _stale_before()
    retryable = Q(status=EditionStatus.FAILED) | _abandoned(stale)
    if file_missing(edition):
        # "Ready" without its file: a database restored without the media folder.
        retryable |= Q(status=EditionStatus.READY, file=edition.file.name)
    won = Edition.objects.filter(retryable, pk=edition.pk).update(
        status=EditionStatus.QUEUED, error="", started_at=None, heartbeat_at=None
    )
    if won:
        _fail_orphaned_tasks([edition.pk], stale)
        edition.refresh_from_db()
    return bool(won)


def file_missing(edition: Edition) -> bool:
    if edition.status != EditionStatus.READY:
        return False
    return not edition.file.name or not edition.file.storage.exists(edition.file.name)


def retry_build(*, edition: Edition) -> bool:
    """Queue a failed or abandoned build again from its own stored snapshot."""
    if not _retry(edition):
        return False
    _enqueue_on_commit(edition.pk)
    return True


def forget_withdrawn_names(*, revisions) -> list[int]:
    """A withdrawn consent reaches the books already built: every edition that printed one of
    these revisions gets the revision's interviewees as they now read (names only with
    consent), loses its stored PDFs and is built again from the corrected snapshot. Returns
    the editions changed."""
    labels = {revision.pk: revision.public_interviewees() for revision in revisions}
    changed = []
    for edition in Edition.objects.filter(lesson_revisions__in=labels).distinct():
        dirty = False
        for lesson in edition.inputs.get("content", {}).get("lessons", []):
            now = labels.get(lesson.get("revision_id"))
            if now is not None and lesson.get("interviewees") != now:
                lesson["interviewees"] = now
                dirty = True
        if dirty:
            Edition.objects.filter(pk=edition.pk).update(inputs=edition.inputs)
            changed.append(edition.pk)
    rebuild_editions(edition_ids=changed)
    return changed


def rebuild_editions(*, edition_ids: list[int]) -> None:
    """Editions whose snapshot was corrected (a consent withdrawn, a person erased) lose
    their stored PDFs, which still print the old text, and are built again after commit."""
    if edition_ids:
        transaction.on_commit(lambda: _drop_and_rebuild(list(edition_ids)))


def _drop_and_rebuild(edition_ids: list[int]) -> None:
    for edition in Edition.objects.filter(pk__in=edition_ids):
        for stored in (edition.file, edition.archival_file):
            if stored.name:
                stored.storage.delete(stored.name)
        retry_build(edition=edition)  # a ready edition without its file is queued again


def recover_abandoned_builds() -> list[int]:
    """Queue again every build whose worker died (no heartbeat for HANDBOOK_BUILD_STALE_SECONDS)
    and close its orphaned task row, so it finishes without a person. Every worker calls this
    when it starts and then periodically (``ops``' ``db_worker``); the conditional update lets
    one of several workers win each build. Returns the editions queued again."""
    stale = _stale_before()
    recovered = []
    for pk in Edition.objects.filter(_abandoned(stale)).values_list("pk", flat=True):
        with transaction.atomic():
            won = Edition.objects.filter(_abandoned(stale), pk=pk).update(
                status=EditionStatus.QUEUED, error="", started_at=None, heartbeat_at=None
            )
            if won:
                _fail_orphaned_tasks([pk], stale)
                _enqueue_on_commit(pk)
                recovered.append(pk)
    # A worker killed after taking the task but before starting the build left a queued
    # edition behind a task row that will never finish.
    for pk in _fail_orphaned_tasks(None, stale):
        if Edition.objects.filter(pk=pk, status=EditionStatus.QUEUED).exists():
            with transaction.atomic():
                _enqueue_on_commit(pk)
            recovered.append(pk)
    if recovered:
        logger.warning("Handbook builds whose worker died were queued again: %s", recovered)
    return recovered


def _enqueue_on_commit(edition_id: int) -> None:
    from handbook.tasks import build_edition

    transaction.on_commit(lambda: build_edition.enqueue(edition_id))


def _fail_orphaned_tasks(edition_ids: list[int] | None, stale_before) -> list[int]:
    """Mark failed the build tasks still "running" of ``edition_ids`` (just queued again: their
    worker is gone), or when None of any edition not being built by a live worker, running
    since before ``stale_before``. Returns the editions whose task was closed. Only for the
    database task queue."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from handbook.tasks import build_edition

    running = DBTaskResult.objects.running().filter(task_path=build_edition.module_path)
    alive = set()
    if edition_ids is None:
        running = running.filter(started_at__lt=stale_before)
        alive = set(
            Edition.objects.filter(status=EditionStatus.BUILDING)
            .exclude(_abandoned(stale_before))
            .values_list("pk", flat=True)
        )
    closed = []
    for row in running:
        edition_id = (row.args_kwargs.get("args") or [None])[0]
        if edition_id in alive or (edition_ids is not None and edition_id not in edition_ids):
            continue
        won = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__qualname__}: worker {row.worker_ids[-1:]} stopped "
            f"mid-build; edition {edition_id} was queued again",
        )
        if won:
            closed.append(edition_id)
    return closed


@contextmanager
def _heartbeat(edition_id: int):
    """While the edition renders, a thread marks it alive every few seconds, so a long build is
    told apart from one whose worker was killed (``recover_abandoned_builds``)."""
    if connection.in_atomic_block:
        # Inside a transaction (a foreground build in a test) no other connection sees the
        # building row, and the beat would wait on our own lock: nothing to tell apart.
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            _hold_build_lock(edition_id)
            while not stop.wait(settings.HANDBOOK_BUILD_HEARTBEAT_SECONDS):
                try:
                    _hold_build_lock(edition_id)
                    Edition.objects.filter(pk=edition_id, status=EditionStatus.BUILDING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    logger.warning("Heartbeat of edition %s missed", edition_id, exc_info=True)
                    connection.close_if_unusable_or_obsolete()  # the next beat reconnects
        except DatabaseError:
            logger.warning("Build lock of edition %s not taken", edition_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"edition-{edition_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def run_build(edition_id: int) -> Edition:
    """Render an edition from its stored snapshot (in the worker, or in the foreground).
    Only the worker that moves it from queued to building renders it."""
    now = timezone.now()
    claimed = Edition.objects.filter(pk=edition_id, status=EditionStatus.QUEUED).update(
        status=EditionStatus.BUILDING, started_at=now, heartbeat_at=now
    )
    edition = Edition.objects.get(pk=edition_id)
    if not claimed:
        return edition  # already built, or another worker has it
    started = time.perf_counter()
    # The laid-out book is collected after the edition is marked ready, not before: the user
    # gets the book half a second sooner for the same work (pdf_speed.no_cycle_collection).
    with pdf_speed.no_cycle_collection():
        return _build_and_store(edition, started)


def _build_and_store(edition: Edition, started: float) -> Edition:
    meta = {**edition.inputs["meta"], "identifier": edition.content_hash[:32]}
    try:
        with _heartbeat(edition.pk):
            pdf, archival, pages, warnings = render.render_pdfs(edition.inputs["content"], meta)
        if not pages:
            raise ValueError(_("ได้ไฟล์ PDF ที่ไม่มีหน้า"))
    except Exception as error:  # noqa: BLE001 - the reason is shown to the user
        edition.status = EditionStatus.FAILED
        edition.error = f"{type(error).__name__}: {error}"[:2000]
        edition.save(update_fields=["status", "error"])
        return edition
    edition.file.save(
        f"bangphlat-handbook-{edition.number}-{edition.content_hash[:12]}.pdf",
        ContentFile(pdf),
        save=False,
    )
    edition.archival_file.save(
        f"bangphlat-handbook-{edition.number}-{edition.content_hash[:12]}-pdfa.pdf",
        ContentFile(archival),
        save=False,
    )
    edition.page_count = pages
    edition.warnings = warnings
    edition.build_seconds = round(time.perf_counter() - started, 2)
    edition.built_at = timezone.now()
    edition.status = EditionStatus.READY
    edition.save()
    return edition


def publish(*, edition: Edition, by) -> Edition:
    if not can_publish_handbook(by) or edition.status != EditionStatus.READY:
        raise PermissionDenied
    edition.published = True
    edition.save(update_fields=["published"])
    return edition


# --- Front matter and curriculum (the strategy office) ------------------------------------
@transaction.atomic
def front_matter_save(*, key: str, by, title: str, body: str) -> FrontMatter:
    """Write a front-matter section (the first save of a key creates it)."""
    if not can_edit_front_matter(by):
        raise PermissionDenied
    item = FrontMatter.objects.select_for_update().filter(key=key).first() or FrontMatter(key=key)
    item.title, item.body, item.updated_by = title, body, by
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def curriculum_module_save(
    *, module: TrainingModule | None = None, by, topics, lessons, **fields
) -> TrainingModule:
    """Create a curriculum module (``module`` None) or change it, with its topics and lessons."""
    if not can_edit_curriculum(by):
        raise PermissionDenied
    module = module or TrainingModule()
    for name, value in fields.items():
        setattr(module, name, value)
    module.full_clean()
    module.save()
    module.topics.set(topics)
    module.lessons.set(lessons)
    return module


@transaction.atomic
def curriculum_module_delete(*, module: TrainingModule, by) -> None:
    if not can_edit_curriculum(by):
        raise PermissionDenied
    module.delete()
