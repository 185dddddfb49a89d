"""Who each imported row is, what it changes, and what goes wrong — then applying it through
``communities.services`` (the same functions as the forms: they check, clean, save, record
the history user and bump versions).

A community is found by its permanent code (รหัสชุมชน) when the file has one, otherwise by
its normalised name within the district — never by a row or running number. A matched row
whose name changes is a rename: shown before → after, applied only when the user ticks it,
and flagged when the community has activities or when names would be swapped.

Planning reads everything it compares with in a few queries per file (districts,
communities with their activity counts, activity types, existing activities); applying
costs the services' few queries per written row (new activities: a few per file).

This module holds what both kinds share; ``import_communities_plan`` and
``import_activities_plan`` plan and apply each kind.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangphlat.templatetags.thai import thdate as thai_date
from bangphlat.thai import COMMUNITY_PREFIX, clean_text, search_key, to_arabic_digits
from communities.access import can_import_into
from communities.io.resources import (
    ACTIVITY_COLUMNS,
    COMMUNITY_COLUMNS,
    PrinciplesWidget,
    ThaiIntegerWidget,
)
from communities.models import (
    Community,
)
from districts.models import District
from mentoring.access import can_view_district_private

# The template's example row (on its own sheet): if it is copied into the data anyway, it is
# refused rather than overwriting a real community.
EXAMPLE_COMMUNITY_NAME = "ชุมชนตัวอย่าง (ลบแถวนี้)"
EXAMPLE_ACTIVITY_TITLE = "กิจกรรมตัวอย่าง (ลบแถวนี้)"

# Other spellings of our headers found in real registries (compared by search_key).
HEADER_ALIASES = {
    "communities": {
        "district_name": ["เขต", "ชื่อเขต", "district_name"],
        "district": ["district_code"],
        "code": ["community_code"],
        "name": ["community_name"],
        "community_type": ["type", "community_type"],
        "population": [
            "ประชากร",
            "จำนวนประชากรทั้งหมด",
            "ประชากรรวม",
            "total_population",
            "population_total",
        ],
        "male": ["ประชากรชาย", "จำนวนชาย", "male_count", "males", "male_population"],
        "female": ["ประชากรหญิง", "จำนวนหญิง", "female_count", "females", "female_population"],
        "households": ["ครัวเรือน", "จำนวนบ้าน", "household_count", "households_count"],
        "number": ["ลำดับชุมชนของเขต"],
    },
    "activities": {"district_name": ["เขต", "ชื่อเขต"], "district": ["district_code"]},
}


class RowStatus(models.TextChoices):
    """What applying the file does with a row (the preview names it in the row's first cell)."""

    NEW = "new", gettext_lazy("เพิ่มใหม่")
    UPDATE = "update", gettext_lazy("ปรับปรุง")
    SKIP = "skip", gettext_lazy("ไม่เปลี่ยนแปลง")
    ERROR = "error", gettext_lazy("ผิดพลาด")


@dataclass
class PlannedRow:
    number: int  # the spreadsheet row number
    status: str = RowStatus.ERROR
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
    # What a new row writes, as parsed: [(column, value shown)], so the preview shows the type,
    # the figures and the dates the file will give a community before anything is saved.
    written: list = field(default_factory=list)
    # A new row named like an existing community of its district (a typo, a missing digit):
    # that community; the row is imported only when ticked as really new.
    near: object = None
    spelling: bool = False  # a rename that only cleans the spelling up (same search key)
    # Participants far above the district's usual for the type (reporting's entry check):
    # (participants, usual) — imported only when the user ticks the row in the preview.
    outlier: tuple | None = None
    held: bool = False  # an outlier not ticked: left out when applying

    @property
    def near_message(self) -> str:
        if self.near is None:
            return ""
        return _(
            "ชื่อใกล้กับชุมชน “%(name)s” (รหัส %(code)s) ที่มีอยู่แล้วในเขต: หมายถึงชุมชนนี้หรือไม่? "
            "ถ้าใช่ ให้ใส่รหัสชุมชน %(code)s ในแถวนี้เพื่อปรับปรุงชุมชนเดิม ถ้าเป็นชุมชนใหม่จริง "
            "ให้ติ๊ก “เป็นชุมชนใหม่” มิฉะนั้นแถวนี้จะไม่ถูกนำเข้า"
        ) % {"name": self.near.name, "code": self.near.code}

    @property
    def outlier_message(self) -> str:
        if self.outlier is None:
            return ""
        total, usual = self.outlier
        return _(
            "ผู้เข้าร่วม %(total)s คน สูงกว่า 3 เท่าของค่ากลางของเขตสำหรับกิจกรรมประเภทนี้ "
            "(%(median)s คน) ตรวจตัวเลขอีกครั้ง หากถูกต้องให้ติ๊ก “ยืนยันว่าถูกต้อง” "
            "ในแถวนี้ มิฉะนั้นแถวนี้จะไม่ถูกนำเข้า"
        ) % {"total": total, "median": round(usual)}


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


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Lookups:
    """Everything a file is compared with, loaded once: the districts, and the communities
    (with their activity counts) of every district the rows name."""

    def __init__(self, all_cells: list[dict], default_district=None):
        districts = list(District.objects.all())
        self.district_by_code = {d.code: d for d in districts}
        self.district_by_name = {search_key(d.name_th, prefix="เขต"): d for d in districts}
        wanted = {default_district.pk} if default_district is not None else set()
        for cells in all_cells:
            try:
                wanted.add(self.district(cells, default_district).pk)
            except ValueError:
                continue  # reported on the row
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
        """From รหัสเขต, else the district's name (เขต), else the community code's district,
        else ``default`` (the command's --district)."""
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
        from_code = community_code(cells).split("-")[0]
        if from_code in self.district_by_code:
            return self.district_by_code[from_code]
        if default is not None:
            return default
        raise ValueError(_("ต้องกรอกรหัสเขต"))

    def community(self, cells: dict, district):
        """The community a row names: by code, else by name, else (older activity files) by
        number. Returns (community or None, how it was found)."""
        code = community_code(cells)
        if code:
            community = self.by_code.get(code)
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
        if not blank(name):
            key = search_key(name, prefix=COMMUNITY_PREFIX)
            return self.alive_by_key.get((district.pk, key)), "name"
        if not blank(cells.get("community_number")):
            number = ThaiIntegerWidget().clean(cells.get("community_number"))
            return self.alive_by_number.get((district.pk, number)), "number"
        return None, None


def community_code(cells: dict) -> str:
    return to_arabic_digits(clean_text(cells.get("code") or cells.get("community_code"))).upper()


def read_cells(mapped, row) -> dict:
    cells = {}
    for key, value in zip(mapped, row, strict=False):
        if key is not None and key not in cells:
            cells[key] = value
    return cells


def display(model, name, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return thai_date(value)
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if name == "principles":
        return PrinciplesWidget().render(value)
    if name == "activity_type":
        return str(value)
    return str(value)


def written_values(model, columns, values: dict) -> list:
    """[(column, value shown)] of what a new row writes, in the template's column order."""
    return [
        (columns[key], display(model, key, values[key]))
        for key in columns
        if key in values and not blank(values[key])
    ]


def unused_columns(header: list[str], mapped: list) -> list[str]:
    """The file's headers the portal does not read (shown in the preview: not imported)."""
    return [title for title, key in zip(header, mapped, strict=False) if title and key is None]


def _column_for(kind, key) -> str:
    columns = COMMUNITY_COLUMNS if kind == "communities" else ACTIVITY_COLUMNS
    return columns.get(key) or columns.get(f"community_{key}") or _("ทั้งแถว")


def add_validation_error(plan, kind, error: ValidationError):
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for key, messages in items:
        for message in messages:
            plan.problems.append((_column_for(kind, key), message))


def validate_candidate(plan, kind, candidate, *, only):
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
        add_validation_error(plan, kind, error)


def not_allowed(plan, user, district, column) -> None:
    """Rows of a district the user may not change: an unchanged row of a district the user
    reads (a mentor's own export) is skipped with a note; anything else is an error."""
    if can_import_into(user, district):
        return
    if plan.status == RowStatus.SKIP and can_view_district_private(user, district):
        plan.notes.append(
            _("เขต %(code)s: คุณดูได้อย่างเดียว ข้ามแถวที่ไม่เปลี่ยนแปลงนี้") % {"code": district.code}
        )
        return
    plan.problems.append(
        (
            column,
            _("คุณนำเข้าข้อมูลได้เฉพาะเขตของคุณ (แถวนี้เป็นของเขต %(code)s)") % {"code": district.code},
        )
    )
