"""Writes for communities and activities. Views, imports and commands all go through here.

A package of a module per subject; the names below are its public face
(``from communities import services``; ``services.activity_create(...)``)."""

from bangphlat.concurrency import StaleEdit
from communities.services.activities import activity_create, activity_delete, activity_update
from communities.services.bulk import activity_create_many, activity_update_many
from communities.services.common import RowError
from communities.services.communities import (
    COMMUNITY_TEXT_FIELDS,
    FAR_FROM_DISTRICT_KM,
    community_change_step,
    community_create,
    community_delete,
    community_update,
    distance_from_district_km,
    snapshot_create,
)
from communities.services.photos import (
    PENDING_DIR,
    PENDING_KEEP,
    PENDING_MAX_AGE,
    PENDING_SALT,
    THUMBNAIL_SIZE,
    PendingPhoto,
    activity_add_photo,
    activity_attach_pending,
    pending_photo_drop,
    pending_photo_keep,
    pending_photo_lost,
    pending_photo_of,
    pending_photo_purge,
)

__all__ = [
    "COMMUNITY_TEXT_FIELDS",
    "FAR_FROM_DISTRICT_KM",
    "PENDING_DIR",
    "PENDING_KEEP",
    "PENDING_MAX_AGE",
    "PENDING_SALT",
    "THUMBNAIL_SIZE",
    "PendingPhoto",
    "RowError",
    "StaleEdit",
    "activity_add_photo",
    "activity_attach_pending",
    "activity_create",
    "activity_create_many",
    "activity_delete",
    "activity_update",
    "activity_update_many",
    "community_change_step",
    "community_create",
    "community_delete",
    "community_update",
    "distance_from_district_km",
    "pending_photo_drop",
    "pending_photo_keep",
    "pending_photo_lost",
    "pending_photo_of",
    "pending_photo_purge",
    "snapshot_create",
]
