"""Requesting and running handbook builds. A build never runs in a web request: requests
create a queued edition and enqueue a background task; identical content reuses the edition
that already exists for its hash (ready → at once; queued or building → the same build)."""

import time
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat import permissions
from handbook import content, render
from handbook.models import Edition, EditionStatus, Selection

TITLE = "คู่มือแนวทางการดำเนินการตามรูปแบบบางพลัดโมเดล"
# A build still "building" after this long lost its worker (a restart): it may be queued again.
STALE_BUILD = timedelta(minutes=15)


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
    if not permissions.can_build_handbook(by, selection, value):
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
        from handbook.tasks import build_edition

        transaction.on_commit(lambda: build_edition.enqueue(edition.pk))
    return edition, True


def _create_edition(by, selection, value, snapshot, digest) -> Edition:
    # Each handbook (all lessons, one district's, one step's…) counts its own printings.
    same_book = Edition.objects.filter(selection=selection, selection_value=value)
    number = (same_book.aggregate(n=Max("number"))["n"] or 0) + 1
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
    stale = timezone.now() - STALE_BUILD
    retryable = Q(status=EditionStatus.FAILED) | Q(
        status=EditionStatus.BUILDING, started_at__lt=stale
    )
    won = Edition.objects.filter(retryable, pk=edition.pk).update(
        status=EditionStatus.QUEUED, error="", started_at=None
    )
    if won:
        edition.refresh_from_db()
    return bool(won)


def retry_build(*, edition: Edition) -> bool:
    """Queue a failed or abandoned build again from its own stored snapshot."""
    if not _retry(edition):
        return False
    from handbook.tasks import build_edition

    transaction.on_commit(lambda: build_edition.enqueue(edition.pk))
    return True


def run_build(edition_id: int) -> Edition:
    """Render an edition from its stored snapshot (in the worker, or in the foreground).
    Only the worker that moves it from queued to building renders it."""
    claimed = Edition.objects.filter(pk=edition_id, status=EditionStatus.QUEUED).update(
        status=EditionStatus.BUILDING, started_at=timezone.now()
    )
    edition = Edition.objects.get(pk=edition_id)
    if not claimed:
        return edition  # already built, or another worker has it
    started = time.perf_counter()
    meta = {**edition.inputs["meta"], "identifier": edition.content_hash[:32]}
    try:
        pdf, pages, warnings = render.render_pdf(edition.inputs["content"], meta)
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
    edition.page_count = pages
    edition.warnings = warnings
    edition.build_seconds = round(time.perf_counter() - started, 2)
    edition.built_at = timezone.now()
    edition.status = EditionStatus.READY
    edition.save()
    return edition


def publish(*, edition: Edition, by) -> Edition:
    if not permissions.can_publish_handbook(by) or edition.status != EditionStatus.READY:
        raise PermissionDenied
    edition.published = True
    edition.save(update_fields=["published"])
    return edition
