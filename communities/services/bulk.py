"""Many activity writes at once (imports): the same checks as ``activities``, saved in a few
queries."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bangphlat.concurrency import check_version
from bangphlat.db import copy_history_rows, update_rows
from bangphlat.thai import fiscal_year_of
from bangphlat.versions import data_changed, district_key
from communities.access import can_change_community
from communities.models import (
    Activity,
)
from communities.selectors import is_outlier, median_without, participants_by_district_and_type
from communities.services.common import (
    RowError,
    _clean_text_fields,
    _full_clean,
)
from communities.services.entry_checks import check_population, outlier_error, outliers_confirmed
from periods.selectors import locked_months, month_start
from periods.services import locked_month_error


def _batch_outlier(activity, usual_figures, confirm_outlier, *, left_out=None):
    """A batch row's outlier check (imports), against the district's figures read before the
    batch (``usual_figures``, without ``left_out``: the row's own earlier figure). Returns the
    usual figure when the row is an outlier (refused if the user said it is not confirmed),
    None when it is not one."""
    usual = median_without(
        usual_figures.get((activity.district_id, activity.activity_type_id), []), left_out
    )
    if not is_outlier(activity.participants_total, usual):
        return None
    if confirm_outlier is False:
        raise outlier_error(activity.participants_total, usual)
    return usual


@transaction.atomic
def activity_create_many(*, by, rows: list[dict]) -> list[Activity]:
    """Many activities at once (imports): each checked, cleaned and validated exactly as
    ``activity_create`` does, then saved with their history in a few queries, and the
    dashboard told once. ``rows`` are ``activity_create`` keyword arguments (``community``
    included, ``confirm_outlier`` as the form's tick). Each row's outlier check compares it
    with the activities saved before the batch. Raises ``RowError`` for the first invalid
    row; nothing is saved then."""
    allowed = {}
    activities = []
    confirmed = []  # (activity, the district's usual figure) of confirmed outliers
    district_ids = {fields["community"].district_id for fields in rows}
    locked = locked_months(district_ids)
    usual_figures = participants_by_district_and_type(district_ids)
    for index, fields in enumerate(rows):
        fields = dict(fields)
        community = fields.pop("community")
        confirm_outlier = fields.pop("confirm_outlier", None)
        if community.pk not in allowed:
            allowed[community.pk] = can_change_community(by, community)
        if not allowed[community.pk]:
            raise PermissionDenied
        _clean_text_fields(fields, single=["title"], multiline=["outcome"])
        activity = Activity(
            community=community,
            district=community.district,  # loaded with the community: no query to check it
            created_by=by,
            updated_by=by,
            **fields,
        )
        try:
            _full_clean(activity)
            if (activity.district_id, month_start(activity.date)) in locked:
                raise locked_month_error(activity.date)
            check_population(activity)
            usual = _batch_outlier(activity, usual_figures, confirm_outlier)
            if usual is not None and confirm_outlier:
                confirmed.append((activity, usual))
        except ValidationError as error:
            raise RowError(error, index) from error
        activities.append(activity)
    # bulk_create sends no signals: the history rows and the data-changed marks are made
    # here instead (one history row per activity, by this user, as a save would). The
    # dashboard's activity sums follow by themselves (database triggers).
    Activity.objects.bulk_create(activities, batch_size=1000)
    copy_history_rows(Activity, [a.pk for a in activities], user=by, history_type="+")
    if confirmed:
        outliers_confirmed(activities_and_medians=confirmed, by=by)
    if activities:
        data_changed({district_key(a.district_id, fiscal_year_of(a.date)) for a in activities})
    return activities


@transaction.atomic
def activity_update_many(*, by, changes: list[tuple[Activity, dict]]) -> list[Activity]:
    """Many ``activity_update``s at once (imports): ``changes`` pairs each activity, as read
    with its version, with the fields to change. The same checks as the form for every row,
    then one locked read, a batched UPDATE and the history rows in a few queries for the whole
    file. Raises ``RowError`` for the first invalid row, ``StaleEdit`` when a row was saved
    in between; nothing is saved then."""
    if not changes:
        return []
    # Related rows loaded with them: full_clean() would query each foreign key once per row.
    current = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("community", "district", "activity_type", "created_by")
        .in_bulk([activity.pk for activity, _fields in changes])
    )
    district_ids = {activity.district_id for activity in current.values()}
    locked = locked_months(district_ids)
    usual_figures = participants_by_district_and_type(district_ids)
    allowed, now, updated, stale_keys, names = {}, timezone.now(), [], set(), set()
    confirmed = []  # (activity, the district's usual figure) of confirmed outliers
    cleared = []  # rows that are no outlier (any earlier mark goes)
    for index, (activity, fields) in enumerate(changes):
        row = current.get(activity.pk)
        check_version(row, activity.version)
        fields = _clean_text_fields(dict(fields), single=["title"], multiline=["outcome"])
        confirm_outlier = fields.pop("confirm_outlier", None)
        before = (row.activity_type_id, row.participants_total)
        community = fields.get("community", row.community)
        for checked in {row.community, community}:
            if checked.pk not in allowed:
                allowed[checked.pk] = can_change_community(by, checked)
            if not allowed[checked.pk]:
                raise PermissionDenied
        if community.district_id != row.district_id:
            raise PermissionDenied  # an activity stays in its district
        old_date = row.date
        for name, value in fields.items():
            setattr(row, name, value)
        row.updated_by = by
        try:
            for on in (old_date, row.date):
                if (row.district_id, month_start(on)) in locked:
                    raise locked_month_error(on)
            _full_clean(row)
            check_population(row)
            usual = _batch_outlier(
                row,
                usual_figures,
                confirm_outlier,
                left_out=before[1] if before[0] == row.activity_type_id else None,
            )
            if usual is None:
                cleared.append(row)
            elif confirm_outlier:
                confirmed.append((row, usual))
        except ValidationError as error:
            raise RowError(error, index) from error
        row.version += 1
        row.updated_at = now
        updated.append(row)
        names.update(fields)
        stale_keys |= {(row.district_id, fiscal_year_of(on)) for on in (old_date, row.date)}
    # update_rows sends no signals: history rows and the dashboard's stale marks are made here
    # (the activity sums follow by themselves: database triggers fire per row).
    update_rows(updated, [*sorted(names), "updated_by", "version", "updated_at"])
    copy_history_rows(Activity, [a.pk for a in updated], user=by, history_type="~")
    # A confirmed outlier that is one no longer loses its mark, as activity_update does.
    from communities.models import ConfirmedOutlier

    ConfirmedOutlier.objects.filter(activity__in=cleared).delete()
    if confirmed:
        outliers_confirmed(activities_and_medians=confirmed, by=by)
    data_changed({district_key(district_id, year) for district_id, year in stale_keys})
    return updated
