"""Who each imported row is, what it changes, and what goes wrong — then applying it through
``communities.services`` (the same functions as the forms: they check, clean, save, record
the history user and bump versions).

A community is found by its permanent code (รหัสชุมชน) when the file has one, otherwise by
its normalised name within the district — never by a row or running number. A matched row
whose name changes is a rename: shown before → after, applied only when the user ticks it,
and flagged when the community has activities or when names would be swapped.

Planning reads everything it compares with in a few queries per file (districts,
communities with their activity counts, activity types, existing activities); applying
costs the services' few queries per written row.
"""

import copy
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from bangphlat import permissions
from bangphlat.thai import COMMUNITY_PREFIX, clean_text, search_key, to_arabic_digits
from communities import services
from communities.models import (
    ACTIVITY_STEPS,
    Activity,
    ActivityType,
    Community,
    CommunityStatus,
    FundingSource,
    community_type_from_text,
)
from communities.resources import (
    ACTIVITY_COLUMNS,
    COMMUNITY_COLUMNS,
    ChoiceLabelWidget,
    PrinciplesWidget,
    ThaiDateWidget,
    ThaiDecimalWidget,
    ThaiIntegerWidget,
)
from districts.models import District

# The template's example row (on its own sheet): if it is copied into the data anyway, it is
# refused rather than overwriting a real community.
EXAMPLE_COMMUNITY_NAME = "ชุมชนตัวอย่าง (ลบแถวนี้)"
EXAMPLE_ACTIVITY_TITLE = "กิจกรรมตัวอย่าง (ลบแถวนี้)"

# Other spellings of our headers found in real registries (compared by search_key).
HEADER_ALIASES = {
    "communities": {
        "district_name": ["เขต", "ชื่อเขต"],
        "population": ["ประชากร", "จำนวนประชากรทั้งหมด", "ประชากรรวม"],
        "male": ["ประชากรชาย", "จำนวนชาย"],
        "female": ["ประชากรหญิง", "จำนวนหญิง"],
        "households": ["ครัวเรือน", "จำนวนบ้าน"],
        "number": ["ลำดับชุมชนของเขต"],
    },
    "activities": {"district_name": ["เขต", "ชื่อเขต"]},
}


@dataclass
class PlannedRow:
    number: int  # the spreadsheet row number
    status: str = "error"  # new | update | skip | error
    label: str = ""
    problems: list = field(default_factory=list)  # [(column, message)]
    notes: list = field(default_factory=list)  # [message]: shown, not errors
    changes: list = field(default_factory=list)  # [(column, before, after)]
    rename: bool = False
    danger: bool = False  # flagged in red: a rename of a community with activities, a swap
    values: dict = field(default_factory=dict)
    target: object = None  # the matched community / activity
    fields: dict = field(default_factory=dict)  # what to write
    district: object = None
    key: tuple | None = None


def map_header(kind: str, header: list[str]) -> list[str | None]:
    """Our field key for each column (Thai template header, field name or a known alias)."""
    columns = COMMUNITY_COLUMNS if kind == "communities" else ACTIVITY_COLUMNS
    lookup = {}
    for key, title in columns.items():
        lookup[search_key(title)] = key
        lookup[search_key(key)] = key
    for key, aliases in HEADER_ALIASES[kind].items():
        for alias in aliases:
            lookup.setdefault(search_key(alias), key)
    return [lookup.get(search_key(h)) if h else None for h in header]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Lookups:
    """Everything a file is compared with, loaded once."""

    def __init__(self, district_codes: set[str]):
        districts = list(District.objects.all())
        self.district_by_code = {d.code: d for d in districts}
        self.district_by_name = {}
        for d in districts:
            self.district_by_name[search_key(d.name_th, prefix="เขต")] = d
        wanted = [d.pk for d in districts if d.code in district_codes]
        self.communities = list(
            Community.objects.filter(district_id__in=wanted)
            .select_related("district")
            .annotate(activity_count=Count("activities", filter=Q(activities__is_deleted=False)))
        )
        self.by_code = {c.code: c for c in self.communities}
        self.alive_by_key = {
            (c.district_id, c.name_key): c for c in self.communities if not c.is_deleted
        }
        self.alive_by_number = {
            (c.district_id, c.number): c for c in self.communities if not c.is_deleted
        }

    def district(self, cells: dict, default):
        code = to_arabic_digits(clean_text(cells.get("district")))
        if code:
            if code not in self.district_by_code:
                raise ValueError(_("ไม่พบเขตรหัส “%(code)s”") % {"code": code})
            return self.district_by_code[code]
        name = search_key(cells.get("district_name"), prefix="เขต")
        if name:
            if name not in self.district_by_name:
                raise ValueError(_("ไม่พบเขต “%(name)s”") % {"name": cells.get("district_name")})
            return self.district_by_name[name]
        if default is not None:
            return default
        raise ValueError(_("ต้องกรอกรหัสเขต"))

    def community(self, cells: dict, district):
        """The community a row names: by code, else by name, else (older activity files) by
        number. Returns (community or None, how it was found)."""
        code = to_arabic_digits(clean_text(cells.get("code") or cells.get("community_code")))
        if code:
            community = self.by_code.get(code.upper()) or self.by_code.get(code)
            if community is None:
                raise ValueError(_("ไม่พบชุมชนรหัส “%(code)s”") % {"code": code})
            if community.district_id != district.pk:
                raise ValueError(
                    _("ชุมชนรหัส %(code)s อยู่ในเขต %(district)s ไม่ใช่เขตของแถวนี้")
                    % {"code": code, "district": community.district.code}
                )
            if community.is_deleted:
                raise ValueError(_("ชุมชนรหัส %(code)s ถูกลบไปแล้ว") % {"code": code})
            return community, "code"
        name = cells.get("name") or cells.get("community_name")
        if not _blank(name):
            key = search_key(name, prefix=COMMUNITY_PREFIX)
            return self.alive_by_key.get((district.pk, key)), "name"
        if not _blank(cells.get("community_number")):
            number = ThaiIntegerWidget().clean(cells.get("community_number"))
            return self.alive_by_number.get((district.pk, number)), "number"
        return None, None


def _read_cells(kind, mapped, row) -> dict:
    cells = {}
    for key, value in zip(mapped, row, strict=False):
        if key is not None and key not in cells:
            cells[key] = value
    return cells


def _display(model, name, value) -> str:
    if value is None or value == "":
        return "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if name == "principles":
        return PrinciplesWidget().render(value)
    if name == "activity_type":
        return str(value)
    return str(value)


def _column_for(kind, key) -> str:
    columns = COMMUNITY_COLUMNS if kind == "communities" else ACTIVITY_COLUMNS
    return columns.get(key) or columns.get(f"community_{key}") or _("ทั้งแถว")


def _add_validation_error(plan, kind, error: ValidationError):
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for key, messages in items:
        for message in messages:
            plan.problems.append((_column_for(kind, key), message))


# --- Communities ---------------------------------------------------------------------------
COMMUNITY_PARSERS = {
    "number": ThaiIntegerWidget(),
    "population": ThaiIntegerWidget(),
    "male": ThaiIntegerWidget(),
    "female": ThaiIntegerWidget(),
    "households": ThaiIntegerWidget(),
    "registered_on": ThaiDateWidget(),
    "latitude": ThaiDecimalWidget(),
    "longitude": ThaiDecimalWidget(),
    "status": ChoiceLabelWidget(CommunityStatus.choices, default="active"),
}
COMMUNITY_TEXT = ["name", "address", "chair_name", "chair_phone"]
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
        if _blank(raw):
            continue
        try:
            if key in COMMUNITY_TEXT:
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
    from communities.models import CommunityType

    return CommunityType.choices


def plan_communities(
    mapped, body, *, user, default_district=None, validate=True
) -> list[PlannedRow]:
    """``validate`` is always on for communities: the cross-row checks need clean rows."""
    codes = set()
    for _number, row in body:
        cells = _read_cells("communities", mapped, row)
        codes.add(to_arabic_digits(clean_text(cells.get("district"))))
        code = clean_text(cells.get("code"))
        if code:
            codes.add(to_arabic_digits(code).split("-")[0])
    if default_district is not None:
        codes.add(default_district.code)
    lookups = _Lookups(codes)
    if "district_name" in mapped or ("district" not in mapped and "code" in mapped):
        lookups = _Lookups(set(lookups.district_by_code))  # district named in words: load all
    plans = []
    for number, row in body:
        cells = _read_cells("communities", mapped, row)
        plan = PlannedRow(number=number, label=clean_text(cells.get("name")))
        plan.values = {COMMUNITY_COLUMNS.get(k, k): v for k, v in cells.items()}
        plans.append(plan)
        _plan_community(plan, cells, lookups, user=user, default_district=default_district)
    _check_across_rows(plans, lookups)
    for plan in plans:
        if plan.problems:
            plan.status = "error"
    return plans


def _plan_community(plan, cells, lookups, *, user, default_district):
    try:
        district = lookups.district(cells, default_district)
        community, found_by = lookups.community(cells, district)
    except ValueError as exc:
        plan.problems.append((_("ชุมชน"), str(exc)))
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
    if not permissions.can_import_into(user, district):
        if plan.status == "skip" and permissions.can_view_district_private(user, district):
            plan.notes.append(
                _("เขต %(code)s: คุณดูได้อย่างเดียว ข้ามแถวที่ไม่เปลี่ยนแปลงนี้") % {"code": district.code}
            )
            return
        plan.problems.append(
            (
                COMMUNITY_COLUMNS["district"],
                _("คุณนำเข้าข้อมูลได้เฉพาะเขตของคุณ (แถวนี้เป็นของเขต %(code)s)") % {"code": district.code},
            )
        )


def _plan_new_community(plan, values, district):
    if "name" not in values:
        plan.problems.append((COMMUNITY_COLUMNS["name"], _("ต้องกรอกชื่อชุมชน")))
    if "community_type" not in values:
        plan.problems.append((COMMUNITY_COLUMNS["community_type"], _("ชุมชนใหม่ต้องระบุประเภทชุมชน")))
    if plan.problems:
        return
    plan.status = "new"
    plan.fields = {"district": district, **values}
    plan.key = (district.pk, search_key(values["name"], prefix=COMMUNITY_PREFIX))
    candidate = Community(**plan.fields)
    _validate(plan, "communities", candidate, only=values)


def _plan_community_update(plan, values, community, found_by):
    changed = {}
    for key, value in values.items():
        current = getattr(community, key)
        if key == "name":
            new_key = search_key(value, prefix=COMMUNITY_PREFIX)
            if new_key == community.name_key:
                continue  # the same name written another way: keep the stored spelling
            if found_by != "code":
                continue
            plan.rename = True
        if value != current:
            changed[key] = value
            plan.changes.append(
                (
                    COMMUNITY_COLUMNS[key],
                    _display(Community, key, current),
                    _display(Community, key, value),
                )
            )
    plan.key = (community.district_id, community.name_key)
    if plan.rename:
        plan.key = (community.district_id, search_key(changed["name"], prefix=COMMUNITY_PREFIX))
        if community.activity_count:
            plan.danger = True
            plan.notes.append(
                _("เปลี่ยนชื่อชุมชนที่มีกิจกรรม %(count)s รายการ: ตรวจสอบว่าเป็นชุมชนเดียวกันจริง")
                % {"count": community.activity_count}
            )
    plan.fields = changed
    plan.status = "update" if changed else "skip"
    if not changed:
        return
    candidate = copy.copy(community)
    for key, value in changed.items():
        setattr(candidate, key, value)
    _validate(plan, "communities", candidate, only=changed)
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


def _validate(plan, kind, candidate, *, only):
    """The model's field checks for the values the file gives (``only``: the others are stored
    or defaults), and its clean() rules. Foreign keys are objects loaded with the file: no
    query per row to check them."""
    try:
        candidate.clean_fields(
            exclude=[
                f.name
                for f in candidate._meta.concrete_fields
                if f.name not in only or f.is_relation
            ]
        )
        candidate.clean()
    except ValidationError as error:
        _add_validation_error(plan, kind, error)


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
        if not plan.problems and plan.status == "new" and "number" not in plan.fields:
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
    moving = [p.target.pk for p in plans if p.status == "update" and "number" in p.fields]
    if moving:
        # Renumbering inside a district (a re-sorted file) swaps numbers between communities:
        # park the moving ones out of the way first so no intermediate state collides. Only
        # the numbers are touched; the services below record the final values and history.
        Community.objects.filter(pk__in=moving).update(number=F("number") + 1_000_000)
    for plan in plans:
        try:
            if plan.status == "new":
                plan.target = services.community_create(by=user, **plan.fields)
            elif plan.status == "update":
                fields = dict(plan.fields)
                if plan.rename and not apply_renames:
                    fields.pop("name")
                    plan.notes.append(_("ไม่ได้เปลี่ยนชื่อ (ไม่ได้เลือกยืนยันการเปลี่ยนชื่อ)"))
                services.community_update(
                    community=plan.target, by=user, version=plan.target.version, **fields
                )
        except ValidationError as error:
            _add_validation_error(plan, "communities", error)
            plan.status = "error"
        except PermissionDenied:
            plan.problems.append((_("ทั้งแถว"), _("คุณไม่มีสิทธิ์แก้ไขข้อมูลของเขตนี้")))
            plan.status = "error"


# --- Activities -------------------------------------------------------------------------
ACTIVITY_PARSERS = {
    "date": ThaiDateWidget(required=True),
    "model_step": ChoiceLabelWidget([(s.value, s.label) for s in ACTIVITY_STEPS]),
    "principles": PrinciplesWidget(),
    "participants_total": ThaiIntegerWidget(),
    "participants_women": ThaiIntegerWidget(),
    "participants_elderly": ThaiIntegerWidget(),
    "participants_disabled": ThaiIntegerWidget(),
    "participants_youth": ThaiIntegerWidget(),
    "participants_welfare_card": ThaiIntegerWidget(),
    "budget": ThaiDecimalWidget(),
    "funding_source": ChoiceLabelWidget(FundingSource.choices, default="none"),
}
ACTIVITY_WRITABLE = ["title", "outcome", "activity_type", *ACTIVITY_PARSERS]
ACTIVITY_DEFAULTS = {
    "participants_women": 0,
    "participants_elderly": 0,
    "participants_disabled": 0,
    "participants_youth": 0,
    "participants_welfare_card": 0,
    "principles": [],
    "funding_source": FundingSource.NONE,
}


def _activity_types():
    types = list(ActivityType.objects.all())
    lookup = {}
    for activity_type in types:
        lookup[clean_text(activity_type.name_th)] = activity_type
        lookup[clean_text(activity_type.name_en).lower()] = activity_type
    names = ", ".join(t.name_th for t in types if t.is_active)
    return lookup, names


def _parse_activity(cells, plan, types, type_names) -> dict:
    values = {}
    for key in ACTIVITY_WRITABLE:
        raw = cells.get(key)
        if _blank(raw) and key != "principles":
            continue
        if key == "principles" and key not in cells:
            continue
        try:
            if key == "title":
                values[key] = clean_text(raw)
            elif key == "outcome":
                values[key] = clean_text(raw, multiline=True)
            elif key == "activity_type":
                text = clean_text(raw)
                match = types.get(text) or types.get(text.lower())
                if match is None:
                    raise ValueError(
                        _("ไม่รู้จักประเภทกิจกรรม “%(value)s” (เลือกจาก: %(names)s)")
                        % {"value": text, "names": type_names}
                    )
                values[key] = match
            else:
                values[key] = ACTIVITY_PARSERS[key].clean(raw)
        except ValueError as exc:
            plan.problems.append((ACTIVITY_COLUMNS[key], str(exc)))
    return values


def plan_activities(
    mapped, body, *, user, default_district=None, validate=True
) -> list[PlannedRow]:
    """Without ``validate`` (applying after a preview) the model's rules are left to the
    services, which check each row again anyway."""
    if not {"community_code", "community_name", "community_number"} & set(mapped):
        from communities.importing import ImportFileError

        raise ImportFileError(
            _("ไม่พบคอลัมน์ที่ระบุชุมชน: %(columns)s (อย่างน้อยหนึ่งคอลัมน์)")
            % {
                "columns": ", ".join(
                    [ACTIVITY_COLUMNS["community_code"], ACTIVITY_COLUMNS["community_name"]]
                )
            }
        )
    codes = {
        to_arabic_digits(clean_text(_read_cells("activities", mapped, row).get("district")))
        for _n, row in body
    }
    if default_district is not None:
        codes.add(default_district.code)
    lookups = _Lookups(codes)
    if "district_name" in mapped:
        lookups = _Lookups(set(lookups.district_by_code))
    types, type_names = _activity_types()
    community_ids = [c.pk for c in lookups.communities if not c.is_deleted]
    existing = {}
    for activity in (
        Activity.objects.alive()
        .filter(community_id__in=community_ids)
        .select_related("activity_type")
    ):
        existing.setdefault(
            (activity.community_id, activity.date, clean_text(activity.title)), activity
        )
    plans, seen = [], {}
    for number, row in body:
        cells = _read_cells("activities", mapped, row)
        plan = PlannedRow(number=number, label=clean_text(cells.get("title")))
        plan.values = {ACTIVITY_COLUMNS.get(k, k): v for k, v in cells.items()}
        plans.append(plan)
        _plan_activity(
            plan,
            cells,
            lookups,
            types,
            type_names,
            existing,
            user=user,
            default_district=default_district,
            validate=validate,
        )
        if plan.key is not None and not plan.problems:
            if plan.key in seen:
                plan.problems.append(
                    (_("ทั้งแถว"), _("ซ้ำกับแถวที่ %(row)s ในไฟล์เดียวกัน") % {"row": seen[plan.key]})
                )
            else:
                seen[plan.key] = number
        if plan.problems:
            plan.status = "error"
    return plans


def _plan_activity(
    plan, cells, lookups, types, type_names, existing, *, user, default_district, validate
):
    try:
        district = lookups.district(cells, default_district)
        community, _found_by = lookups.community(cells, district)
    except ValueError as exc:
        plan.problems.append((_("ชุมชน"), str(exc)))
        return
    if community is None:
        named = clean_text(
            cells.get("community_code")
            or cells.get("community_name")
            or cells.get("community_number")
        )
        plan.problems.append(
            (
                _("ชุมชน"),
                _("ไม่พบชุมชน “%(name)s” ในเขต %(code)s") % {"name": named, "code": district.code},
            )
        )
        return
    plan.district = district
    values = _parse_activity(cells, plan, types, type_names)
    if values.get("title") == EXAMPLE_ACTIVITY_TITLE:
        plan.problems.append((ACTIVITY_COLUMNS["title"], _("แถวตัวอย่างจากแม่แบบ: ลบออกก่อนนำเข้า")))
        return
    for key in ("title", "date"):
        if key not in values and not any(c == ACTIVITY_COLUMNS[key] for c, _m in plan.problems):
            plan.problems.append((ACTIVITY_COLUMNS[key], _("ต้องกรอก")))
    if plan.problems:
        return
    plan.key = (community.pk, values["date"], values["title"])
    activity = existing.get(plan.key)
    plan.target = activity
    plan.label = f"{values['title']} · {community.name}"
    if activity is None:
        for key in ("activity_type", "model_step", "participants_total"):
            if key not in values:
                plan.problems.append((ACTIVITY_COLUMNS[key], _("ต้องกรอก")))
        if plan.problems:
            return
        plan.status = "new"
        plan.fields = {"community": community, **ACTIVITY_DEFAULTS, **values}
        candidate = Activity(district_id=community.district_id, **plan.fields)
    else:
        changed = {}
        for key, value in values.items():
            if key in ("title", "date"):
                continue
            current = getattr(activity, key)
            if value != current:
                changed[key] = value
                plan.changes.append(
                    (
                        ACTIVITY_COLUMNS[key],
                        _display(Activity, key, current),
                        _display(Activity, key, value),
                    )
                )
        plan.fields = changed
        plan.status = "update" if changed else "skip"
        candidate = copy.copy(activity)
        for key, value in changed.items():
            setattr(candidate, key, value)
    if plan.status != "skip" and validate:
        _validate(plan, "activities", candidate, only=plan.fields)
    if plan.problems:
        return
    if not permissions.can_import_into(user, district):
        if plan.status == "skip" and permissions.can_view_district_private(user, district):
            plan.notes.append(
                _("เขต %(code)s: คุณดูได้อย่างเดียว ข้ามแถวที่ไม่เปลี่ยนแปลงนี้") % {"code": district.code}
            )
            return
        plan.problems.append(
            (
                ACTIVITY_COLUMNS["district"],
                _("คุณนำเข้าข้อมูลได้เฉพาะเขตของคุณ (แถวนี้เป็นของเขต %(code)s)") % {"code": district.code},
            )
        )


def apply_activities(plans, *, user, apply_renames: bool = False) -> None:
    """New activities in one batch (services.activity_create_many: the same checks as the
    form, a few queries for the whole file); changed ones one by one."""
    new = [plan for plan in plans if plan.status == "new"]
    try:
        created = services.activity_create_many(by=user, rows=[plan.fields for plan in new])
    except services.RowError as error:
        _add_validation_error(new[error.index], "activities", error)
        new[error.index].status = "error"
        return
    except PermissionDenied:
        for plan in new:
            plan.problems.append((_("ทั้งแถว"), _("คุณไม่มีสิทธิ์แก้ไขข้อมูลของเขตนี้")))
            plan.status = "error"
        return
    for plan, activity in zip(new, created, strict=True):
        plan.target = activity
    for plan in plans:
        if plan.status != "update":
            continue
        try:
            services.activity_update(
                activity=plan.target, by=user, version=plan.target.version, **plan.fields
            )
        except ValidationError as error:
            _add_validation_error(plan, "activities", error)
            plan.status = "error"
        except PermissionDenied:
            plan.problems.append((_("ทั้งแถว"), _("คุณไม่มีสิทธิ์แก้ไขข้อมูลของเขตนี้")))
            plan.status = "error"


PLANNERS = {
    "communities": (plan_communities, apply_communities),
    "activities": (plan_activities, apply_activities),
}


@transaction.atomic
def apply(kind, plans, *, user, apply_renames=False):
    PLANNERS[kind][1](plans, user=user, apply_renames=apply_renames)
