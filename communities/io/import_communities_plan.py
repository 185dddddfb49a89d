"""Planning and applying a community import (see communities.io.import_plan): each row is
matched by รหัสชุมชน or by normalised name within its district, compared field by field,
validated, then checked across rows (twice the same community, shared names, swaps, number
collisions); applying goes through communities.services."""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bangphlat.thai import COMMUNITY_PREFIX, clean_text, search_key, trigram_similarity
from communities import services
from communities.io.import_plan import (
    EXAMPLE_COMMUNITY_NAME,
    Lookups,
    PlannedRow,
    RowStatus,
    add_validation_error,
    blank,
    display,
    not_allowed,
    read_cells,
    validate_candidate,
    written_values,
)
from communities.io.resources import (
    COMMUNITY_COLUMNS,
    ChoiceLabelWidget,
    ThaiDateWidget,
    ThaiDecimalWidget,
    ThaiIntegerWidget,
)
from communities.models import Community, CommunityStatus, CommunityType, community_type_from_text

COMMUNITY_PARSERS = {
    "number": ThaiIntegerWidget(),
    "population": ThaiIntegerWidget(),
    "male": ThaiIntegerWidget(),
    "female": ThaiIntegerWidget(),
    "households": ThaiIntegerWidget(),
    "registered_on": ThaiDateWidget(),
    "latitude": ThaiDecimalWidget(),
    "longitude": ThaiDecimalWidget(),
    "status": ChoiceLabelWidget(CommunityStatus.choices, default=CommunityStatus.ACTIVE),
}
# Fields a file may set; a column the file lacks, or a blank cell, leaves the field alone.
COMMUNITY_WRITABLE = [
    "number",
    "name",
    "community_type",
    "population",
    "male",
    "female",
    "households",
    "registered_on",
    "address",
    "latitude",
    "longitude",
    "status",
    "chair_name",
    "chair_phone",
]


def _parse_community(cells: dict, plan: PlannedRow) -> dict:
    values = {}
    for key in COMMUNITY_WRITABLE:
        raw = cells.get(key)
        if blank(raw):
            continue
        try:
            if key in services.COMMUNITY_TEXT_FIELDS:  # cleaned as every write does
                values[key] = clean_text(raw)
            elif key == "community_type":
                code = community_type_from_text(raw)
                if code is None:
                    raise ValueError(
                        _("“%(value)s” ไม่ใช่ประเภทชุมชนตามระเบียบ (%(allowed)s)")
                        % {
                            "value": clean_text(raw),
                            "allowed": ", ".join(str(label) for _c, label in _type_choices()),
                        }
                    )
                values[key] = code
            else:
                values[key] = COMMUNITY_PARSERS[key].clean(raw)
        except ValueError as exc:
            plan.problems.append((COMMUNITY_COLUMNS[key], str(exc)))
    # Registries give men and women; the total is their sum when the file leaves it out.
    if "population" not in values and "male" in values and "female" in values:
        values["population"] = values["male"] + values["female"]
    return values


def _type_choices():
    return CommunityType.choices


def plan_communities(
    mapped, body, *, user, default_district=None, validate=True
) -> list[PlannedRow]:
    """``validate`` is always on for communities: the cross-row checks need clean rows."""
    lookups = Lookups([read_cells(mapped, row) for _n, row in body], default_district)
    plans = []
    for number, row in body:
        cells = read_cells(mapped, row)
        plan = PlannedRow(number=number, label=clean_text(cells.get("name")))
        plan.values = {COMMUNITY_COLUMNS.get(k, k): v for k, v in cells.items()}
        plans.append(plan)
        _plan_community(plan, cells, lookups, user=user, default_district=default_district)
    _check_across_rows(plans, lookups)
    _flag_near_names(plans, lookups)
    for plan in plans:
        if plan.problems:
            plan.status = RowStatus.ERROR
    return plans


# A one-letter slip of a whole name scores ≥ 0.5 (pg_trgm's measure, bangphlat.thai); two
# communities of one soi that differ by their number score lower and count as near only when
# the number lost or gained one digit (ร่มเกล้า 1 / ร่มเกล้า 12).
NEAR_NAME_AT_LEAST = 0.5


def _near(key: str, other: str) -> bool:
    if trigram_similarity(key, other) >= NEAR_NAME_AT_LEAST:
        return True
    letters, other_letters = key.rstrip("0123456789"), other.rstrip("0123456789")
    digits, other_digits = key[len(letters) :], other[len(other_letters) :]
    return (
        letters == other_letters
        and bool(digits or other_digits)
        and abs(len(digits) - len(other_digits)) == 1
        and (digits.startswith(other_digits) or other_digits.startswith(digits))
    )


def _flag_near_names(plans, lookups):
    """A new row whose name is close to an alive community of its district that no row of the
    file updates: "did you mean …?" — imported only when ticked as really new."""
    updated = {plan.target.pk for plan in plans if plan.target is not None}
    by_district = {}
    for community in lookups.alive_by_key.values():
        if community.pk not in updated:
            by_district.setdefault(community.district_id, []).append(community)
    for plan in plans:
        if plan.problems or plan.status != RowStatus.NEW:
            continue
        key = plan.key[1]
        close = [c for c in by_district.get(plan.district.pk, []) if _near(key, c.name_key)]
        if close:
            plan.near = max(close, key=lambda c: trigram_similarity(key, c.name_key))


def _plan_community(plan, cells, lookups, *, user, default_district):
    try:
        district = lookups.district(cells, default_district)
        community, found_by = lookups.community(cells, district)
    except ValueError as exc:
        plan.problems.append((pgettext("singular", "ชุมชน"), str(exc)))
        return
    plan.district, plan.target = district, community
    values = _parse_community(cells, plan)
    if values.get("name") == EXAMPLE_COMMUNITY_NAME:
        plan.problems.append((COMMUNITY_COLUMNS["name"], _("แถวตัวอย่างจากแม่แบบ: ลบออกก่อนนำเข้า")))
        return
    if community is None:
        _plan_new_community(plan, values, district)
    else:
        _plan_community_update(plan, values, community, found_by)
    if plan.problems:
        return
    not_allowed(plan, user, district, COMMUNITY_COLUMNS["district"])


def _plan_new_community(plan, values, district):
    if "name" not in values:
        plan.problems.append((COMMUNITY_COLUMNS["name"], _("ต้องกรอกชื่อชุมชน")))
    if "community_type" not in values:
        plan.problems.append((COMMUNITY_COLUMNS["community_type"], _("ชุมชนใหม่ต้องระบุประเภทชุมชน")))
    if plan.problems:
        return
    plan.status = RowStatus.NEW
    plan.fields = {"district": district, **values}
    plan.key = (district.pk, search_key(values["name"], prefix=COMMUNITY_PREFIX))
    plan.written = written_values(Community, COMMUNITY_COLUMNS, values)
    candidate = Community(**plan.fields)
    validate_candidate(plan, "communities", candidate, only=values)


def _plan_community_update(plan, values, community, found_by):
    changed = {}
    for key, value in values.items():
        current = getattr(community, key)
        if key == "name":
            if found_by != "code" or value == current:
                continue  # found by its name: the file's spelling of it changes nothing
            # Found by its code, the name differs: a rename, or (same search key) a deliberate
            # clean-up of the spelling (spaces, digits, the ชุมชน prefix); both when ticked.
            plan.rename = True
            plan.spelling = search_key(value, prefix=COMMUNITY_PREFIX) == community.name_key
        if value != current:
            changed[key] = value
            plan.changes.append(
                (
                    COMMUNITY_COLUMNS[key],
                    display(Community, key, current),
                    display(Community, key, value),
                )
            )
    plan.key = (community.district_id, community.name_key)
    if plan.rename:
        plan.key = (community.district_id, search_key(changed["name"], prefix=COMMUNITY_PREFIX))
        if community.activity_count and not plan.spelling:
            plan.danger = True
            plan.notes.append(
                _("เปลี่ยนชื่อชุมชนที่มีกิจกรรม %(count)s รายการ: ตรวจสอบว่าเป็นชุมชนเดียวกันจริง")
                % {"count": community.activity_count}
            )
    plan.fields = changed
    plan.status = RowStatus.UPDATE if changed else RowStatus.SKIP
    if not changed:
        return
    candidate = copy.copy(community)
    for key, value in changed.items():
        setattr(candidate, key, value)
    validate_candidate(plan, "communities", candidate, only=changed)
    _name_stored_values(plan, community, values)


def _name_stored_values(plan, community, values):
    """A rule that compares with a stored value the file does not show names that value."""
    stored = [key for key in ("households", "male", "female") if key not in values]
    if not stored or not any(
        column == COMMUNITY_COLUMNS["population"] for column, _m in plan.problems
    ):
        return
    shown = ", ".join(
        f"{COMMUNITY_COLUMNS[key]} {getattr(community, key)}"
        for key in stored
        if getattr(community, key) is not None
    )
    plan.problems.append(
        (
            COMMUNITY_COLUMNS["population"],
            _("ค่าที่บันทึกไว้ในระบบ (ไม่มีในไฟล์): %(values)s") % {"values": shown},
        )
    )


def _check_across_rows(plans, lookups):
    """Twice the same community in one file, two communities sharing a name, swapped names,
    and community numbers that would collide once the file is applied."""
    seen_target, seen_key = {}, {}
    for plan in plans:
        if plan.problems or plan.district is None:
            continue
        if plan.target is not None:
            if plan.target.pk in seen_target:
                plan.problems.append(
                    (
                        _("ทั้งแถว"),
                        _("ซ้ำกับแถวที่ %(row)s ในไฟล์เดียวกัน") % {"row": seen_target[plan.target.pk]},
                    )
                )
                continue
            seen_target[plan.target.pk] = plan.number
        if plan.key in seen_key:
            plan.problems.append(
                (
                    COMMUNITY_COLUMNS["name"],
                    _("ซ้ำกับแถวที่ %(row)s ในไฟล์เดียวกัน") % {"row": seen_key[plan.key]},
                )
            )
            continue
        seen_key[plan.key] = plan.number
    renamed_away = {
        (p.target.district_id, p.target.name_key): p for p in plans if p.rename and not p.problems
    }
    for plan in plans:
        if not plan.rename or plan.problems:
            continue
        other = lookups.alive_by_key.get(plan.key)
        if other is None or other.pk == plan.target.pk:
            continue
        plan.danger = True
        if plan.key in renamed_away:
            message = _("สลับชื่อกับชุมชน “%(name)s” (แถวที่ %(row)s): ไม่นำเข้า ตรวจสอบรหัสชุมชนในไฟล์") % {
                "name": other.name,
                "row": renamed_away[plan.key].number,
            }
        else:
            message = _("เขตนี้มีชุมชน “%(name)s” (รหัส %(code)s) อยู่แล้ว") % {
                "name": other.name,
                "code": other.code,
            }
        plan.problems.append((COMMUNITY_COLUMNS["name"], message))
    _check_numbers(plans, lookups)


def _check_numbers(plans, lookups):
    """Numbers are unique among a district's alive communities once the file is applied; new
    rows without one get the next free numbers here, so the preview shows them and no row
    the file numbers explicitly can collide with one given automatically."""
    final = {c.pk: (c.district_id, c.number) for c in lookups.communities if not c.is_deleted}
    highest = {}
    for community in lookups.communities:  # deleted ones too: a number is never reused
        highest[community.district_id] = max(
            highest.get(community.district_id, 0), community.number
        )
    for plan in plans:
        if not plan.problems and "number" in plan.fields:
            district_id = plan.district.pk
            highest[district_id] = max(highest.get(district_id, 0), plan.fields["number"])
    for plan in plans:
        if not plan.problems and plan.status == RowStatus.NEW and "number" not in plan.fields:
            district_id = plan.district.pk
            highest[district_id] = highest.get(district_id, 0) + 1
            plan.fields["number"] = highest[district_id]
            plan.notes.append(_("ลำดับชุมชนที่ระบบให้: %(number)s") % {"number": plan.fields["number"]})
    by_plan = {}
    for plan in plans:
        if plan.problems or "number" not in plan.fields:
            continue
        slot = (plan.district.pk, plan.fields["number"])
        owner = plan.target.pk if plan.target is not None else f"row{plan.number}"
        final[owner] = slot
        by_plan[owner] = plan
    holders = {}
    for owner, slot in final.items():
        holders.setdefault(slot, []).append(owner)
    names = {c.pk: c for c in lookups.communities}
    for slot, owners in holders.items():
        if len(owners) < 2:
            continue
        for owner in owners:
            plan = by_plan.get(owner)
            if plan is None:
                continue
            others = [o for o in owners if o != owner]
            other = others[0]
            label = names[other].name if other in names else by_plan[other].label
            plan.problems.append(
                (
                    COMMUNITY_COLUMNS["number"],
                    _("ลำดับชุมชน %(number)s ซ้ำกับชุมชน “%(name)s”")
                    % {"number": slot[1], "name": label},
                )
            )


def apply_communities(plans, *, user, apply_renames: bool) -> None:
    """Write the planned rows through the services, in one transaction (the caller's)."""
    moving = [p.target.pk for p in plans if p.status == RowStatus.UPDATE and "number" in p.fields]
    if moving:
        # Renumbering inside a district (a re-sorted file) swaps numbers between communities:
        # park the moving ones out of the way first so no intermediate state collides. Only
        # the numbers are touched; the services below record the final values and history.
        Community.objects.filter(pk__in=moving).update(number=F("number") + 1_000_000)
    for plan in plans:
        try:
            if plan.status == RowStatus.NEW:
                plan.target = services.community_create(by=user, **plan.fields)
            elif plan.status == RowStatus.UPDATE:
                fields = dict(plan.fields)
                if plan.rename and not apply_renames:
                    fields.pop("name")
                    plan.notes.append(_("ไม่ได้เปลี่ยนชื่อ (ไม่ได้เลือกยืนยันการเปลี่ยนชื่อ)"))
                services.community_update(
                    community=plan.target, by=user, version=plan.target.version, **fields
                )
        except ValidationError as error:
            add_validation_error(plan, "communities", error)
            plan.status = RowStatus.ERROR
        except PermissionDenied:
            plan.problems.append((_("ทั้งแถว"), _("คุณไม่มีสิทธิ์แก้ไขข้อมูลของเขตนี้")))
            plan.status = RowStatus.ERROR
