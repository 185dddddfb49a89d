"""Writes for communities and activities. Views, imports and commands all go through here."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat import permissions, uploads
from communities.models import Activity, ActivityPhoto, Community, CommunityStepChange

THUMBNAIL_SIZE = uploads.THUMBNAIL_SIZE


class StaleEdit(Exception):
    """Someone saved the record after this form was opened: refuse, never overwrite."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _check_version(model, pk, version):
    current = model.objects.select_for_update().get(pk=pk)
    if version is not None and current.version != version:
        raise StaleEdit(current)
    return current


# --- Communities -----------------------------------------------------------------------
@transaction.atomic
def community_create(*, by, **fields) -> Community:
    community = Community(**fields)
    if not permissions.can_add_community_in(by, community.district):
        raise PermissionDenied
    community.full_clean()
    community._history_user = by
    community.save()
    if community.model_step != "not_engaged":
        CommunityStepChange.objects.create(
            community=community,
            step=community.model_step,
            changed_on=community.step_changed_on or timezone.localdate(),
            changed_by=by,
        )
    return community


@transaction.atomic
def community_update(*, community: Community, by, version: int | None, **fields) -> Community:
    """Save changed fields; refuse with StaleEdit when the record moved on since ``version``."""
    if not permissions.can_change_community(by, community):
        raise PermissionDenied
    current = _check_version(Community, community.pk, version)
    if "district" in fields and fields["district"].pk != current.district_id:
        raise PermissionDenied  # a community never moves between districts
    new_step = fields.pop("model_step", current.model_step)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    if new_step != current.model_step:
        _record_step(current, new_step, by=by, on=timezone.localdate())
    current.version += 1
    current._history_user = by
    current.save()
    return current


def _record_step(community, step, *, by, on, note=""):
    CommunityStepChange.objects.create(
        community=community,
        step=step,
        previous_step=community.model_step,
        changed_on=on,
        changed_by=by,
        note=note,
    )
    community.model_step = step
    community.step_changed_on = on


@transaction.atomic
def community_change_step(
    *, community: Community, step: str, by, on: dt.date | None = None, note: str = ""
) -> Community:
    if not permissions.can_change_community(by, community):
        raise PermissionDenied
    current = Community.objects.select_for_update().get(pk=community.pk)
    if step == current.model_step:
        return current
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"changed_on": _("วันที่ต้องไม่เป็นวันในอนาคต")})
    _record_step(current, step, by=by, on=on, note=note)
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def community_delete(*, community: Community, by) -> None:
    """Soft delete: the record and its history stay, hidden from lists."""
    if not permissions.can_change_community(by, community):
        raise PermissionDenied
    current = Community.objects.select_for_update().get(pk=community.pk)
    current.is_deleted = True
    current.version += 1
    current._history_user = by
    current.save()


# --- Activities ------------------------------------------------------------------------
@transaction.atomic
def activity_create(*, by, community: Community, **fields) -> Activity:
    if not permissions.can_change_community(by, community):
        raise PermissionDenied
    activity = Activity(
        community=community,
        district_id=community.district_id,
        created_by=by,
        updated_by=by,
        **fields,
    )
    activity.full_clean()
    activity._history_user = by
    activity.save()
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, version: int | None, **fields) -> Activity:
    if not permissions.can_change_community(by, activity.community):
        raise PermissionDenied
    current = _check_version(Activity, activity.pk, version)
    community = fields.get("community", current.community)
    if community.district_id != current.district_id or not permissions.can_change_community(
        by, community
    ):
        raise PermissionDenied  # an activity stays in its district
    for name, value in fields.items():
        setattr(current, name, value)
    current.updated_by = by
    current.full_clean()
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, by) -> None:
    if not permissions.can_change_community(by, activity.community):
        raise PermissionDenied
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    current.is_deleted = True
    current.updated_by = by
    current.version += 1
    current._history_user = by
    current.save()


@transaction.atomic
def activity_add_photo(*, activity: Activity, by, upload, caption: str = "") -> ActivityPhoto:
    """Store a photo through the upload policy: a re-encoded display copy and a thumbnail."""
    if not permissions.can_change_community(by, activity.community):
        raise PermissionDenied
    image = uploads.process_photo(upload)
    photo = ActivityPhoto(activity=activity, caption=caption, uploaded_by=by)
    photo.image.save(image.display.name, image.display, save=False)
    photo.thumbnail.save(image.thumbnail.name, image.thumbnail, save=False)
    photo.full_clean()
    photo.save()
    return photo
