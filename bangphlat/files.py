"""Protected files: every uploaded or generated file is served here, after a permission check.

``MEDIA_URL`` (/media/) is this view, never a public folder, in development and production
alike. The view finds the row that owns the stored name through the owners the apps register
(``register_file_owner`` in their ``AppConfig.ready()``: the kernel knows no domain app), asks
that owner's access rule and then answers in the cheapest way the deployment allows:

- object storage (``DJANGO_MEDIA_STORAGE=s3``): a redirect to a short-lived presigned URL;
- behind nginx (``DJANGO_MEDIA_ACCEL_REDIRECT=/protected-media/``): an empty response with
  ``X-Accel-Redirect``, and nginx sends the file from its ``internal`` location;
- otherwise (``runserver``, tests): the file streamed by Django.

Anonymous users go to the login page; a file the user may not read is a 404, the same answer
as a file that does not exist, so names of other districts' files reveal nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from bangphlat.access import can_read_stored_file, can_view_pending_photo
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


@dataclass(frozen=True)
class StoredFile:
    """A stored file and the row that owns it, as an owner's finder returns it.

    ``can_read(user)`` is the owning app's access rule for this file (bound to the row)."""

    fieldfile: object
    can_read: Callable[[object], bool]
    attachment: bool = False  # download rather than show inline


# Stored-name prefix → finder(name) returning a StoredFile or None; filled by the apps.
_owners: dict[str, Callable[[str], StoredFile | None]] = {}


def register_file_owner(prefix: str, find: Callable[[str], StoredFile | None]) -> None:
    """An app that stores files under ``prefix`` (e.g. "activities/") says how to find the
    owning row and who may read it. Called from the app's ``AppConfig.ready()``."""
    _owners[prefix] = find


def find_owner(name: str) -> StoredFile | None:
    """The owner of the stored file ``name``, or None.

    Import uploads (imports/…) have no owner here: they are never served."""
    for prefix, find in _owners.items():
        if name.startswith(prefix):
            return find(name)
    return None


def pending_photo_file(name: str) -> StoredFile | None:
    """pending/<uploader's id>/<random>.jpg: a photo kept from a form that failed (files only)."""
    parts = PurePosixPath(name).parts
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    stored = SimpleNamespace(name=name, storage=default_storage)
    return StoredFile(stored, partial(can_view_pending_photo, uploader_id=int(parts[1])))


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
    if not can_read_stored_file(request.user, found):
        raise Http404
    return serve_stored_file(request, found.fieldfile, attachment=found.attachment)


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
