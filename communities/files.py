"""The /media/ files communities own: activity photos and their thumbnails (registered in
``CommunitiesConfig.ready()``)."""

from functools import partial

from django.db.models import Q

from bangphlat.files import StoredFile
from communities.access import can_view_activity
from communities.models import ActivityPhoto


def activity_photo_file(name: str) -> StoredFile | None:
    photo = (
        ActivityPhoto.objects.select_related("activity__community__district")
        .filter(Q(image=name) | Q(thumbnail=name))
        .first()
    )
    if photo is None:
        return None
    field = photo.image if photo.image.name == name else photo.thumbnail
    return StoredFile(field, partial(can_view_activity, activity=photo.activity))
