"""Writes for communities: create, edit, model step, yearly indicators, soft delete."""

import datetime as dt
import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat.concurrency import lock_at_version
from communities.access import can_add_community_in, can_change_community
from communities.models import (
    Community,
    CommunityStepChange,
    IndicatorSnapshot,
)
from communities.services.common import (
    _clean_text_fields,
    _full_clean,
)
from districts.models import District

COMMUNITY_TEXT_FIELDS = ["name", "address", "chair_name", "chair_phone"]


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
    current = lock_at_version(Community, community.pk, version)
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
