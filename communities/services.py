"""Writes for communities and activities. Views, imports and commands all go through here."""

import datetime as dt
import math
import uuid
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, UniqueConstraint
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat import uploads
from bangphlat.db import copy_history_rows, update_rows
from bangphlat.thai import clean_text, fiscal_year_of
from communities.access import can_add_community_in, can_change_community
from communities.models import (
    Activity,
    ActivityPhoto,
    Community,
    CommunityStepChange,
    IndicatorSnapshot,
)
from districts.models import District
from reporting import selectors as reporting_selectors
from reporting.selectors import locked_months, month_start
from reporting.services import (
    assert_month_open,
    check_activity_entry,
    check_population,
    locked_month_error,
    outlier_error,
    outliers_confirmed,
)

THUMBNAIL_SIZE = uploads.THUMBNAIL_SIZE


class StaleEdit(Exception):
    """Someone saved the record after this form was opened: refuse, never overwrite."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _check_version(model, pk, version):
    """The row as saved, locked; StaleEdit when the form was opened from another version, or
    does not say which (an edit without its version is not an edit)."""
    current = model.objects.select_for_update().get(pk=pk)
    if version is None or current.version != version:
        raise StaleEdit(current)
    return current


def _clean_text_fields(fields: dict, *, single=(), multiline=()) -> dict:
    """Every write stores clean text (bangphlat.thai.clean_text): forms, imports, admin."""
    for name in single:
        if name in fields and fields[name] is not None:
            fields[name] = clean_text(fields[name])
    for name in multiline:
        if name in fields and fields[name] is not None:
            fields[name] = clean_text(fields[name], multiline=True)
    return fields


COMMUNITY_TEXT_FIELDS = ["name", "address", "chair_name", "chair_phone"]


def _full_clean(instance) -> None:
    """full_clean() with the unique constraints checked but not the check constraints: the
    model's clean() states each of those rules with the values in Thai, and the database
    still enforces them; this saves a query per check constraint on every save (imports).
    Related objects already loaded are not fetched again."""
    errors = {}
    # A related object already loaded (from a form's queryset or an import's lookups) exists:
    # skip the query per foreign key that full_clean() would spend proving it again.
    loaded = [
        f.name
        for f in instance._meta.concrete_fields
        if f.is_relation and f.is_cached(instance) and getattr(instance, f.name) is not None
    ]
    try:
        instance.full_clean(exclude=loaded, validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for constraint in instance._meta.constraints:
        if isinstance(constraint, UniqueConstraint):
            try:
                constraint.validate(type(instance), instance, exclude=set(errors))
            except ValidationError as error:
                errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _next_code_and_number(district) -> tuple[str, int]:
    """The district's next permanent code (never reused, deleted communities included) and
    next free community number. Locks the district row so two creations never collide."""
    District.objects.select_for_update().filter(pk=district.pk).first()
    highest = Community.objects.filter(district=district).aggregate(
        code=Max("code"), number=Max("number")
    )
    serial = int(highest["code"].rsplit("-", 1)[-1]) if highest["code"] else 0
    return f"{district.code}-{serial + 1:04d}", (highest["number"] or 0) + 1


# --- Communities -----------------------------------------------------------------------
# Farther than this from the district's centroid, a point is probably mistyped (swapped
# latitude and longitude, a digit off, a phone's stale fix). Bangkok's largest districts
# (Nong Chok, Lat Krabang) reach about 12 km from their centre.
FAR_FROM_DISTRICT_KM = 12


def distance_from_district_km(*, district, latitude, longitude) -> float | None:
    """Great-circle distance from the district's centroid (districts/data/district_geo.csv)."""
    if None in (district.lat, district.lon, latitude, longitude):
        return None
    lat1, lon1, lat2, lon2 = map(
        math.radians, map(float, (district.lat, district.lon, latitude, longitude))
    )
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def _check_location(community: Community, confirmed: bool | None) -> None:
    """A point far from the district is saved only when the writer confirms it; a writer that
    cannot ask (an import: ``confirmed is None``) is not warned."""
    if confirmed is None or confirmed:
        return
    km = distance_from_district_km(
        district=community.district, latitude=community.latitude, longitude=community.longitude
    )
    if km is not None and km > FAR_FROM_DISTRICT_KM:
        raise ValidationError(
            {
                "confirm_location": _(
                    "พิกัดนี้อยู่ห่างจากกลางเขต%(district)s %(km).1f กม. ตรวจละติจูดและลองจิจูดอีกครั้ง "
                    "หากถูกต้องให้ติ๊ก “ยืนยันตำแหน่ง” แล้วบันทึกอีกครั้ง"
                )
                % {"district": community.district.name_th, "km": km}
            }
        )


@transaction.atomic
def community_create(*, by, confirm_location: bool | None = None, **fields) -> Community:
    """A new community with its permanent code; without ``number`` it gets the next free one."""
    _clean_text_fields(fields, single=COMMUNITY_TEXT_FIELDS)
    community = Community(**fields)
    if not can_add_community_in(by, community.district):
        raise PermissionDenied
    community.code, next_number = _next_code_and_number(community.district)
    if community.number is None:
        community.number = next_number
    _full_clean(community)
    _check_location(community, confirm_location)
    community._history_user = by
    try:
        with transaction.atomic():
            community.save()
    except IntegrityError as error:  # the same number saved meanwhile by a concurrent request
        if "unique" not in str(error).lower():
            raise
        raise ValidationError(
            {"number": _("เขตนี้มีชุมชนลำดับนี้แล้ว (เพิ่งบันทึกไปเมื่อครู่) กรุณาตรวจสอบรายการชุมชน")}
        ) from error
    if community.model_step != "not_engaged":
        CommunityStepChange.objects.create(
            community=community,
            step=community.model_step,
            changed_on=community.step_changed_on or timezone.localdate(),
            changed_by=by,
        )
    return community


@transaction.atomic
def community_update(
    *,
    community: Community,
    by,
    version: int | None,
    confirm_location: bool | None = None,
    **fields,
) -> Community:
    """Save changed fields; refuse with StaleEdit when the record moved on since ``version``."""
    if not can_change_community(by, community):
        raise PermissionDenied
    current = _check_version(Community, community.pk, version)
    if "district" in fields and fields["district"].pk != current.district_id:
        raise PermissionDenied  # a community never moves between districts
    fields.pop("code", None)  # permanent
    if "number" in fields and fields["number"] is None:
        fields.pop("number")  # left blank on a form: the community keeps its number
    _clean_text_fields(fields, single=COMMUNITY_TEXT_FIELDS)
    new_step = fields.pop("model_step", current.model_step)
    for name, value in fields.items():
        setattr(current, name, value)
    _full_clean(current)
    _check_location(current, confirm_location)
    if new_step != current.model_step:
        _record_step(current, new_step, by=by, on=timezone.localdate())
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def snapshot_create(*, community: Community, by, **fields) -> IndicatorSnapshot:
    """A community's yearly indicators; a second set for the same year is refused in Thai."""
    if not can_change_community(by, community):
        raise PermissionDenied
    snapshot = IndicatorSnapshot(community=community, **fields)
    if IndicatorSnapshot.objects.filter(community=community, year=snapshot.year).exists():
        raise ValidationError(
            {"year": _("ชุมชนนี้มีตัวชี้วัดของปี %(year)s แล้ว แต่ละปีบันทึกได้ครั้งเดียว") % {"year": snapshot.year}}
        )
    snapshot.full_clean()
    snapshot.save()
    return snapshot


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
    if not can_change_community(by, community):
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
    if not can_change_community(by, community):
        raise PermissionDenied
    current = Community.objects.select_for_update().get(pk=community.pk)
    current.is_deleted = True
    current.version += 1
    current._history_user = by
    current.save()


# --- Activities ------------------------------------------------------------------------
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


class RowError(ValidationError):
    """A ValidationError for one row of a batch; ``index`` says which."""

    def __init__(self, error: ValidationError, index: int):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.index = index


def _batch_outlier(activity, usual_figures, confirm_outlier, *, left_out=None):
    """A batch row's outlier check (imports), against the district's figures read before the
    batch (``usual_figures``, without ``left_out``: the row's own earlier figure). Returns the
    usual figure when the row is an outlier (refused if the user said it is not confirmed),
    None when it is not one."""
    usual = reporting_selectors.median_without(
        usual_figures.get((activity.district_id, activity.activity_type_id), []), left_out
    )
    if not reporting_selectors.is_outlier(activity.participants_total, usual):
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
    usual_figures = reporting_selectors.participants_by_district_and_type(district_ids)
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
    # bulk_create sends no signals: the history rows and the dashboard's stale marks are made
    # here instead (one history row per activity, by this user, as a save would). The
    # dashboard's activity sums follow by themselves (database triggers).
    Activity.objects.bulk_create(activities, batch_size=1000)
    copy_history_rows(Activity, [a.pk for a in activities], user=by, history_type="+")
    if confirmed:
        outliers_confirmed(activities_and_medians=confirmed, by=by)
    if activities:
        from dashboard.selectors import district_key
        from dashboard.signals import mark_stale

        mark_stale({district_key(a.district_id, fiscal_year_of(a.date)) for a in activities})
    return activities


@transaction.atomic
def activity_update(
    *, activity: Activity, by, version: int | None, confirm_outlier: bool | None = None, **fields
) -> Activity:
    if not can_change_community(by, activity.community):
        raise PermissionDenied
    current = _check_version(Activity, activity.pk, version)
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
    usual_figures = reporting_selectors.participants_by_district_and_type(district_ids)
    allowed, now, updated, stale_keys, names = {}, timezone.now(), [], set(), set()
    confirmed = []  # (activity, the district's usual figure) of confirmed outliers
    cleared = []  # rows that are no outlier (any earlier mark goes)
    for index, (activity, fields) in enumerate(changes):
        row = current.get(activity.pk)
        if row is None or row.version != activity.version:
            raise StaleEdit(row)
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
    from reporting.models import ConfirmedOutlier

    ConfirmedOutlier.objects.filter(activity__in=cleared).delete()
    if confirmed:
        outliers_confirmed(activities_and_medians=confirmed, by=by)
    from dashboard.selectors import district_key
    from dashboard.signals import mark_stale

    mark_stale({district_key(district_id, year) for district_id, year in stale_keys})
    return updated


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


# A photo of a form that failed is kept as files only, named by a signed token in the form:
# the failed POST's transaction is rolled back (bangphlat.submissions), a database row would
# vanish with it. Served to its uploader only (bangphlat/files.py, permissions).
PENDING_SALT = "communities.pending-photo"
PENDING_DIR = "pending"
# Kept for a day (purge_pending_photos, daily); the form's token outlives the purge's period by
# a day so that a photo removed by it is reported, not silently missed (views._pending_photo).
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


def pending_photo_purge(*, older_than: dt.timedelta = PENDING_KEEP) -> int:
    """Delete kept photos nobody came back for (pending/<uploader>/…), ``older_than`` after
    they were kept: a photo of a community's people should not outlive the form it was for.
    Goes through the storage API, so it works on object storage too. Returns the number of
    photos deleted (each with its thumbnail)."""
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
