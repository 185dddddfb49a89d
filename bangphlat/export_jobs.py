"""Large exports off the request: the task worker writes the file, the page shows progress.

An export of more than ``EXPORT_BACKGROUND_ROWS`` rows (a few thousand) is not built in the
web request: ``export_job_start`` records an ``ExportJob`` and queues ``build_export``
(django-tasks-db, as the handbook builds are); the worker streams the rows through the shared
exporter (bangphlat/exports.py: CSV line by line, XLSX in openpyxl's write-only mode, formulas
neutralised) into a file, counting progress as it goes. Only the job's owner downloads the
file, through ``serve_stored_file``; it expires after ``EXPORT_KEEP_DAYS`` days
(``manage.py purge_exports`` deletes expired files). Small exports stay immediate.
"""

import datetime as dt
import logging
import tempfile
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from bangphlat import exports
from bangphlat.models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 2000  # rows between two progress updates


def background_rows() -> int:
    return getattr(settings, "EXPORT_BACKGROUND_ROWS", 5000)


def keep_days() -> int:
    return getattr(settings, "EXPORT_KEEP_DAYS", 7)


# kind → function(user, query) returning the exporter the worker writes; filled by the apps.
_sources: dict[str, Callable] = {}


def register_export_source(kind: str, build: Callable) -> None:
    """An app offers a background export ``kind`` (e.g. "activities"): ``build(user, query)``
    returns the exporter (bangphlat/exports.py) for the rows that user may read. Called from
    the app's ``AppConfig.ready()``, as pretix's apps register their exporters."""
    _sources[kind] = build


@transaction.atomic
def export_job_start(*, by, kind: str, fmt: str, query: str, total: int) -> ExportJob:
    if kind not in _sources or fmt not in exports.FORMATS:
        raise ValueError(f"unknown export {kind}.{fmt}")
    job = ExportJob(user=by, kind=kind, fmt=fmt, query=query[:2000], total=total)
    job.full_clean()
    job.save()
    from bangphlat.tasks import build_export

    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def _counted(rows: Iterable, job_id: int) -> Iterable:
    done = 0
    for done, row in enumerate(rows, start=1):  # noqa: B007 - the count after the loop is used
        yield row
        if done % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job_id).update(done=done)
    ExportJob.objects.filter(pk=job_id).update(done=done)


def run_export(job_id: int) -> None:
    """The worker's part. A job another worker already took is left alone."""
    if not ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING
    ):
        return
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        source = _sources[job.kind](job.user, job.query)
        exporter = exports.ListExporter(
            headers=source.headers(),
            rows=_counted(source.rows(), job.pk),
            filename=source.filename,
            sheet_title=source.sheet_title,
        )
        with tempfile.TemporaryFile() as spool:
            if job.fmt == "csv":
                exporter.write_csv(spool)
            else:
                exporter.write_xlsx(spool)
            spool.seek(0)
            job.refresh_from_db(fields=["done"])
            job.file.save(exporter.download_name(job.fmt), File(spool), save=False)
    except Exception:
        logger.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now()
        )
        return
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.READY,
        file=job.file.name,
        total=max(job.total, job.done),
        finished_at=now,
        expires_at=now + dt.timedelta(days=keep_days()),
    )


def purge_expired(*, now=None) -> int:
    """Delete expired export files and their jobs; how many."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lt=now))
    for job in expired:
        if job.file:
            job.file.delete(save=False)
        job.delete()
    return len(expired)
