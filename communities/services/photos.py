"""Activity photos, and the photos kept from a form that failed."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from bangphlat import uploads
from communities.access import can_change_community
from communities.models import (
    Activity,
    ActivityPhoto,
)
from periods.services import assert_month_open

THUMBNAIL_SIZE = uploads.THUMBNAIL_SIZE


# A photo of a form that failed is kept as files only, named by a signed token in the form:
# the failed POST's transaction is rolled back (bangphlat.submissions), a database row would
# vanish with it. Served to its uploader only (bangphlat/files.py, permissions).
PENDING_SALT = "communities.pending-photo"
PENDING_DIR = "pending"
# Kept for a day (apply_retention's uploads period, daily); the form's token outlives the
# purge's period by a day so that a photo removed by it is reported, not silently missed
# (views._pending_photo).
PENDING_KEEP = dt.timedelta(days=1)
PENDING_MAX_AGE = 2 * 24 * 3600


@dataclass(frozen=True)
class PendingPhoto:
    token: str
    image: str
    thumbnail: str

    @property
    def thumbnail_url(self) -> str:
        return default_storage.url(self.thumbnail)


def pending_photo_keep(*, by, upload) -> PendingPhoto:
    """Keep a checked photo of a form that failed, re-encoded through the upload policy."""
    image = uploads.process_photo(upload)
    stem = f"{PENDING_DIR}/{by.pk}/{uuid.uuid4().hex}"
    names = {
        "i": default_storage.save(f"{stem}.jpg", image.display),
        "t": default_storage.save(f"{stem}-thumb.jpg", image.thumbnail),
        "u": by.pk,
    }
    token = signing.dumps(names, salt=PENDING_SALT)
    return PendingPhoto(token=token, image=names["i"], thumbnail=names["t"])


def pending_photo_of(*, by, token) -> PendingPhoto | None:
    """The user's own kept photo (never another user's, whatever the form says)."""
    try:
        names = signing.loads(token or "", salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    if names.get("u") != by.pk or not default_storage.exists(names["i"]):
        return None
    return PendingPhoto(token=token, image=names["i"], thumbnail=names["t"])


def pending_photo_lost(*, by, token) -> bool:
    """Did this token name the user's own kept photo that is gone now (purged or expired)?
    Ask only after ``pending_photo_of`` found nothing; a forged or another user's token is
    not the user's loss."""
    try:
        names = signing.loads(token or "", salt=PENDING_SALT)  # whatever its age
    except signing.BadSignature:
        return False
    return names.get("u") == by.pk


def pending_photo_drop(*, pending: PendingPhoto) -> None:
    for name in (pending.image, pending.thumbnail):
        default_storage.delete(name)


def pending_photo_purge(*, older_than: dt.timedelta = PENDING_KEEP, dry_run=False) -> int:
    """Delete kept photos nobody came back for (pending/<uploader>/…), ``older_than`` after
    they were kept: a photo of a community's people should not outlive the form it was for.
    Goes through the storage API, so it works on object storage too. Returns the number of
    photos deleted (each with its thumbnail), or with ``dry_run`` that would be."""
    cutoff = timezone.now() - older_than
    try:
        uploaders, _files = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:  # nothing was ever kept
        return 0
    deleted = 0
    for uploader in uploaders:
        for name in default_storage.listdir(f"{PENDING_DIR}/{uploader}")[1]:
            path = f"{PENDING_DIR}/{uploader}/{name}"
            try:
                if default_storage.get_modified_time(path) >= cutoff:
                    continue
                if not dry_run:
                    default_storage.delete(path)
            except FileNotFoundError:  # saved or dropped meanwhile
                continue
            deleted += not name.endswith("-thumb.jpg")
    return deleted


def activity_attach_pending(*, activity: Activity, by, pending, caption: str = "") -> ActivityPhoto:
    """Attach a kept photo to the saved activity (its files move to the activity's photo)."""
    if not can_change_community(by, activity.community):
        raise PermissionDenied
    assert_month_open(district=activity.district_id, date=activity.date)
    photo = ActivityPhoto(activity=activity, caption=caption, uploaded_by=by)
    for name in ("image", "thumbnail"):
        source = getattr(pending, name)
        with default_storage.open(source, "rb") as handle:
            getattr(photo, name).save(
                source.rsplit("/", 1)[-1], ContentFile(handle.read()), save=False
            )
    photo.full_clean()
    photo.save()
    transaction.on_commit(lambda: pending_photo_drop(pending=pending))
    return photo


@transaction.atomic
def activity_add_photo(*, activity: Activity, by, upload, caption: str = "") -> ActivityPhoto:
    """Store a photo through the upload policy: a re-encoded display copy and a thumbnail."""
    if not can_change_community(by, activity.community):
        raise PermissionDenied
    assert_month_open(district=activity.district_id, date=activity.date)
    image = uploads.process_photo(upload)
    photo = ActivityPhoto(activity=activity, caption=caption, uploaded_by=by)
    photo.image.save(image.display.name, image.display, save=False)
    photo.thumbnail.save(image.thumbnail.name, image.thumbnail, save=False)
    photo.full_clean()
    photo.save()
    return photo
