"""The page of a large export being built by the worker, and its download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from bangphlat.access import can_view_export_job
from bangphlat.files import serve_stored_file
from bangphlat.models import ExportJob, ExportStatus


def _get_job(request, code) -> ExportJob:
    job = get_object_or_404(ExportJob, code=code)
    if not can_view_export_job(request.user, job):
        raise Http404  # someone else's export: as if it did not exist
    return job


def _expired(job) -> bool:
    return job.expires_at is not None and job.expires_at <= timezone.now()


@login_required
def export_job(request, code):
    job = _get_job(request, code)
    expired = _expired(job)
    return render(
        request,
        "exports/job.html",
        {
            "job": job,
            "expired": expired,
            "working": job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING),
        },
        status=410 if expired else 200,
    )


@login_required
def export_download(request, code):
    job = _get_job(request, code)
    if job.status != ExportStatus.READY or _expired(job) or not job.file:
        return export_job(request, code)  # the page says why (still building, or expired)
    return serve_stored_file(request, job.file, attachment=True)
