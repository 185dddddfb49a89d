"""Writes for one activity at a time (the form, the API)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from bangphlat.concurrency import lock_at_version
from communities.access import can_change_community
from communities.models import (
    Activity,
    Community,
)
from communities.services.common import (
    _clean_text_fields,
    _full_clean,
)
from communities.services.entry_checks import check_activity_entry
from periods.services import assert_month_open


@transaction.atomic
def activity_create(
    *, by, community: Community, confirm_outlier: bool | None = None, **fields
) -> Activity:
    if not can_change_community(by, community):
        raise PermissionDenied
    _clean_text_fields(fields, single=["title"], multiline=["outcome"])
    activity = Activity(
        community=community,
        district_id=community.district_id,
        created_by=by,
        updated_by=by,
        **fields,
    )
    _full_clean(activity)
    assert_month_open(district=community.district_id, date=activity.date)
    activity._history_user = by
    activity.save()
    check_activity_entry(activity=activity, confirmed=confirm_outlier, by=by)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, by, version: int | None, confirm_outlier: bool | None = None, **fields
) -> Activity:
    if not can_change_community(by, activity.community):
        raise PermissionDenied
    current = lock_at_version(Activity, activity.pk, version)
    community = fields.get("community", current.community)
    if community.district_id != current.district_id or not can_change_community(by, community):
        raise PermissionDenied  # an activity stays in its district
    _clean_text_fields(fields, single=["title"], multiline=["outcome"])
    assert_month_open(district=current.district_id, date=current.date)
    for name, value in fields.items():
        setattr(current, name, value)
    current.updated_by = by
    _full_clean(current)
    assert_month_open(district=current.district_id, date=current.date)
    current.version += 1
    current._history_user = by
    current.save()
    check_activity_entry(activity=current, confirmed=confirm_outlier, by=by)
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, by) -> None:
    if not can_change_community(by, activity.community):
        raise PermissionDenied
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    assert_month_open(district=current.district_id, date=current.date)
    current.is_deleted = True
    current.updated_by = by
    current.version += 1
    current._history_user = by
    current.save()
