"""Protected files: every uploaded or generated file is served here, after a permission check.

``MEDIA_URL`` (/media/) is this view, never a public folder, in development and production
alike. The view finds the row that owns the stored name, asks ``bangphlat/permissions.py``
and then answers in the cheapest way the deployment allows:

- object storage (``DJANGO_MEDIA_STORAGE=s3``): a redirect to a short-lived presigned URL;
- behind nginx (``DJANGO_MEDIA_ACCEL_REDIRECT=/protected-media/``): an empty response with
  ``X-Accel-Redirect``, and nginx sends the file from its ``internal`` location;
- otherwise (``runserver``, tests): the file streamed by Django.

Anonymous users go to the login page; a file the user may not read is a 404, the same answer
as a file that does not exist, so names of other districts' files reveal nothing.
"""

from pathlib import PurePosixPath
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from bangphlat import permissions
from bangphlat.uploads import ATTACHMENT_CONTENT_TYPES

# Content types the portal hands out: the upload policy's allowlist plus our own exports;
# anything else downloads as bytes.
CONTENT_TYPES = {
    **ATTACHMENT_CONTENT_TYPES,
    ".csv": "text/csv; charset=utf-8",
}
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}
FALLBACK_TYPE = "application/octet-stream"


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(PurePosixPath(name).suffix.lower(), FALLBACK_TYPE)


def find_owner(name: str):
    """(kind, row, field file) of the row that owns the stored file ``name``, or None.

    Import uploads (imports/…) have no owner here: they are never served."""
    from communities.models import ActivityPhoto
    from handbook.models import Edition
    from lessons.models import LessonAttachment, LessonPhoto

    if name.startswith("activities/"):
        photo = (
            ActivityPhoto.objects.select_related("activity__community__district")
            .filter(Q(image=name) | Q(thumbnail=name))
            .first()
        )
        if photo is not None:
            field = photo.image if photo.image.name == name else photo.thumbnail
            return "activity_photo", photo, field
    elif name.startswith("lessons/photos/"):
        photo = (
            LessonPhoto.objects.select_related("lesson__district")
            .filter(Q(image=name) | Q(thumbnail=name))
            .first()
        )
        if photo is not None:
            field = photo.image if photo.image.name == name else photo.thumbnail
            return "lesson_photo", photo, field
    elif name.startswith("lessons/files/"):
        attachment = (
            LessonAttachment.objects.select_related("lesson__district").filter(file=name).first()
        )
        if attachment is not None:
            return "lesson_attachment", attachment, attachment.file
    elif name.startswith("pending/"):
        # pending/<uploader's id>/<random>.jpg: a photo kept from a form that failed (files only)
        parts = PurePosixPath(name).parts
        if len(parts) == 3 and parts[1].isdigit():
            stored = SimpleNamespace(name=name, storage=default_storage)
            return "pending_photo", int(parts[1]), stored
    elif name.startswith("handbooks/"):
        edition = Edition.objects.filter(file=name).first()
        if edition is not None:
            return "handbook", edition, edition.file
    return None


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise Http404
    return str(path)


@login_required
def media_file(request, name):
    """``/media/<name>``: the one door to stored files."""
    name = _safe_name(name)
    found = find_owner(name)
    if found is None:
        raise Http404
    kind, owner, fieldfile = found
    if not permissions.can_read_stored_file(request.user, kind, owner):
        raise Http404
    return serve_stored_file(request, fieldfile, attachment=kind == "lesson_attachment")


def serve_stored_file(request, fieldfile, *, attachment=False, filename=None, content_type=None):
    """Answer with a stored file that the caller has already decided this user may read.

    Images from the allowlist show inline; everything else downloads as an attachment under
    ``filename`` (the stored name's last part by default)."""
    name = fieldfile.name
    if not name:
        raise Http404
    content_type = content_type or content_type_for(name)
    attachment = attachment or content_type not in INLINE_TYPES
    filename = filename or PurePosixPath(name).name
    disposition = content_disposition_header(attachment, filename)
    storage = fieldfile.storage

    if not isinstance(storage, FileSystemStorage):
        # Object storage: the bucket is private; the browser fetches the bytes itself through
        # a presigned URL that expires in minutes, with the headers we would have sent.
        url = storage.url(
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
        )
        response = HttpResponseRedirect(url)
    elif settings.MEDIA_ACCEL_REDIRECT:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(name)
        response["Content-Disposition"] = disposition
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # Private data: browsers may keep it, shared caches may not.
    response["Cache-Control"] = "private, max-age=3600"
    return response
