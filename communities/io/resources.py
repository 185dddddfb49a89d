"""Thai column headers, the widgets that read what real Thai spreadsheets contain (Thai digits,
Buddhist-Era dates, thousands separators, stray spaces, Thai labels for choices), and the
django-import-export resources that write exports. Imports are planned and applied by
``communities.io.import_plan`` through ``communities.services`` (the one write path)."""

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from bangphlat.forms import two_digit_year_message
from bangphlat.thai import (
    AmbiguousYear,
    be_year,
    clean_text,
    parse_thai_date,
    parse_thai_int,
    to_arabic_digits,
)
from communities.access import can_view_chair_contact
from communities.models import (
    ACTIVITY_STEPS,
    Activity,
    ActivityType,
    Community,
    CommunityStatus,
    CommunityType,
    FundingSource,
    Principle,
)
from districts.models import District


def _text(value) -> str:
    return clean_text(value)


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return _text(value)


class ThaiIntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        try:
            number = parse_thai_int(value)
        except ValueError as exc:
            raise ValueError(_("ต้องเป็นจำนวนเต็ม (ได้รับ “%(value)s”)") % {"value": value}) from exc
        if number is not None and number < 0:
            raise ValueError(_("ต้องไม่ติดลบ"))
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class RequiredIntegerWidget(ThaiIntegerWidget):
    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        if number is None:
            raise ValueError(_("ต้องกรอก"))
        return number


class ZeroDefaultIntegerWidget(ThaiIntegerWidget):
    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        return 0 if number is None else number


class ThaiDecimalWidget(widgets.Widget):
    def __init__(self, default=None, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = to_arabic_digits(_text(value)).replace(",", "").replace("บาท", "").strip()
        if text == "":
            return self.default
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(_("ต้องเป็นตัวเลข (ได้รับ “%(value)s”)") % {"value": value}) from exc

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ThaiDateWidget(widgets.Widget):
    """Reads CE or BE dates in many formats; writes d/m/yyyy in the Buddhist Era."""

    def __init__(self, required=False, **kwargs):
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            date = parse_thai_date(value)
        except AmbiguousYear as exc:
            raise ValueError(two_digit_year_message(exc)) from exc
        except (ValueError, TypeError) as exc:
            raise ValueError(
                _("วันที่ไม่ถูกต้อง “%(value)s” (ตัวอย่าง 4/8/2568, 2568-08-04, 4 ส.ค. 2568)")
                % {"value": value}
            ) from exc
        if date is None and self.required:
            raise ValueError(_("ต้องกรอก"))
        return date

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value.day}/{value.month}/{be_year(value.year)}"


class ChoiceLabelWidget(widgets.Widget):
    """Accepts the Thai label (as shown in the template) or the internal code."""

    def __init__(self, choices, default=None, **kwargs):
        self.choices = [(str(code), str(label)) for code, label in choices]
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text == "":
            if self.default is not None:
                return self.default
            raise ValueError(_("ต้องกรอก"))
        for code, label in self.choices:
            if text in (code, label) or text.lower() == code.lower():
                return code
        allowed = ", ".join(label for _code, label in self.choices)
        raise ValueError(
            _("“%(value)s” ไม่ใช่ตัวเลือกที่ถูกต้อง (เลือกจาก: %(allowed)s)")
            % {"value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(str(value), value or "")


@lru_cache(maxsize=4)
def _principle_lookup(language) -> dict:
    return {str(label): code for code, label in Principle.choices} | {
        code: code for code in Principle.values
    }


class PrinciplesWidget(widgets.Widget):
    """A comma-separated list of principle labels."""

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return []
        lookup = _principle_lookup(get_language())
        codes = []
        for part in [p.strip() for p in text.replace("、", ",").split(",") if p.strip()]:
            if part not in lookup:
                raise ValueError(_("ไม่รู้จักหลัก “%(value)s”") % {"value": part})
            codes.append(lookup[part])
        return sorted(set(codes), key=Principle.values.index)

    def render(self, value, obj=None, **kwargs):
        labels = dict(Principle.choices)
        return ", ".join(str(labels[c]) for c in value or [] if c in labels)


class DistrictWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(District, "code", **kwargs)
        self._by_code = None  # the 50 districts, loaded once per import

    def clean(self, value, row=None, **kwargs):
        code = to_arabic_digits(_text(value))
        if not code:
            raise ValueError(_("ต้องกรอกรหัสเขต"))
        if self._by_code is None:
            self._by_code = District.objects.in_bulk(field_name="code")
        try:
            return self._by_code[code]
        except KeyError as exc:
            raise ValueError(_("ไม่พบเขตรหัส “%(code)s”") % {"code": code}) from exc


class ActivityTypeWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(ActivityType, "name_th", **kwargs)

    def clean(self, value, row=None, **kwargs):
        name = _text(value)
        match = (
            ActivityType.objects.filter(name_th=name).first()
            or ActivityType.objects.filter(name_en__iexact=name).first()
        )
        if match is None:
            names = ", ".join(
                ActivityType.objects.filter(is_active=True).values_list("name_th", flat=True)
            )
            raise ValueError(
                _("ไม่รู้จักประเภทกิจกรรม “%(value)s” (เลือกจาก: %(names)s)")
                % {"value": name, "names": names}
            )
        return match


class ScopedResource(resources.ModelResource):
    """Exports: hides personal data from users who may not see it."""

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user


COMMUNITY_COLUMNS = {
    "district": "รหัสเขต",
    "code": "รหัสชุมชน",
    "number": "ลำดับชุมชน",
    "name": "ชื่อชุมชน",
    "community_type": "ประเภทชุมชน",
    "population": "จำนวนประชากร",
    "male": "ชาย",
    "female": "หญิง",
    "households": "จำนวนครัวเรือน",
    "registered_on": "วันที่จดทะเบียน",
    "address": "ที่ตั้ง",
    "latitude": "ละติจูด",
    "longitude": "ลองจิจูด",
    "status": "สถานะ",
    "chair_name": "ชื่อประธานชุมชน",
    "chair_phone": "โทรศัพท์ประธานชุมชน",
}
# รหัสเขต may come from the command's --district; every other column may be missing (the
# fields it would fill are left alone; a new community needs its type).
COMMUNITY_REQUIRED = ["district", "name"]
PERSONAL_FIELDS = ["chair_name", "chair_phone"]


class CommunityResource(ScopedResource):
    district = fields.Field("district", COMMUNITY_COLUMNS["district"], DistrictWidget())
    code = fields.Field("code", COMMUNITY_COLUMNS["code"], TextWidget())
    number = fields.Field("number", COMMUNITY_COLUMNS["number"], ThaiIntegerWidget())
    name = fields.Field("name", COMMUNITY_COLUMNS["name"], TextWidget())
    community_type = fields.Field(
        "community_type",
        COMMUNITY_COLUMNS["community_type"],
        ChoiceLabelWidget(CommunityType.choices),
    )
    population = fields.Field(
        "population", COMMUNITY_COLUMNS["population"], ZeroDefaultIntegerWidget()
    )
    male = fields.Field("male", COMMUNITY_COLUMNS["male"], ThaiIntegerWidget())
    female = fields.Field("female", COMMUNITY_COLUMNS["female"], ThaiIntegerWidget())
    households = fields.Field("households", COMMUNITY_COLUMNS["households"], ThaiIntegerWidget())
    registered_on = fields.Field(
        "registered_on", COMMUNITY_COLUMNS["registered_on"], ThaiDateWidget()
    )
    address = fields.Field("address", COMMUNITY_COLUMNS["address"], TextWidget())
    latitude = fields.Field("latitude", COMMUNITY_COLUMNS["latitude"], ThaiDecimalWidget())
    longitude = fields.Field("longitude", COMMUNITY_COLUMNS["longitude"], ThaiDecimalWidget())
    status = fields.Field(
        "status",
        COMMUNITY_COLUMNS["status"],
        ChoiceLabelWidget(CommunityStatus.choices, default=CommunityStatus.ACTIVE),
    )
    chair_name = fields.Field("chair_name", COMMUNITY_COLUMNS["chair_name"], TextWidget())
    chair_phone = fields.Field("chair_phone", COMMUNITY_COLUMNS["chair_phone"], TextWidget())

    class Meta:
        model = Community
        fields = list(COMMUNITY_COLUMNS)

    def dehydrate_chair_name(self, community):
        return community.chair_name if can_view_chair_contact(self.user, community) else ""

    def dehydrate_chair_phone(self, community):
        return community.chair_phone if can_view_chair_contact(self.user, community) else ""


ACTIVITY_COLUMNS = {
    "district": "รหัสเขต",
    "community_code": "รหัสชุมชน",
    "community_name": "ชื่อชุมชน",
    "community_number": "ลำดับชุมชน",
    "date": "วันที่จัดกิจกรรม",
    "title": "ชื่อกิจกรรม",
    "activity_type": "ประเภทกิจกรรม",
    "model_step": "ขั้น",
    "principles": "หลักปรัชญาเศรษฐกิจพอเพียง",
    "participants_total": "ผู้เข้าร่วมทั้งหมด",
    "participants_women": "ผู้หญิง",
    "participants_elderly": "ผู้สูงอายุ",
    "participants_disabled": "ผู้พิการ",
    "participants_youth": "เด็กและเยาวชน",
    "participants_welfare_card": "ผู้ถือบัตรสวัสดิการแห่งรัฐ",
    "budget": "งบประมาณ (บาท)",
    "funding_source": "แหล่งงบประมาณ",
    "outcome": "ผลลัพธ์",
}
# The community is found by รหัสชุมชน, else ชื่อชุมชน, else (older files) ลำดับชุมชน: one of
# them must be there (checked by the planner).
ACTIVITY_REQUIRED = [
    "district",
    "date",
    "title",
    "activity_type",
    "model_step",
    "participants_total",
]


class ActivityResource(ScopedResource):
    district = fields.Field("district", ACTIVITY_COLUMNS["district"], DistrictWidget())
    community_code = fields.Field(
        "community__code", ACTIVITY_COLUMNS["community_code"], TextWidget(), readonly=True
    )
    community_name = fields.Field(
        "community__name", ACTIVITY_COLUMNS["community_name"], TextWidget(), readonly=True
    )
    community_number = fields.Field(
        "community__number",
        ACTIVITY_COLUMNS["community_number"],
        ThaiIntegerWidget(),
        readonly=True,
    )
    date = fields.Field("date", ACTIVITY_COLUMNS["date"], ThaiDateWidget(required=True))
    title = fields.Field("title", ACTIVITY_COLUMNS["title"], TextWidget())
    activity_type = fields.Field(
        "activity_type", ACTIVITY_COLUMNS["activity_type"], ActivityTypeWidget()
    )
    model_step = fields.Field(
        "model_step",
        ACTIVITY_COLUMNS["model_step"],
        ChoiceLabelWidget([(s.value, s.label) for s in ACTIVITY_STEPS]),
    )
    principles = fields.Field("principles", ACTIVITY_COLUMNS["principles"], PrinciplesWidget())
    participants_total = fields.Field(
        "participants_total", ACTIVITY_COLUMNS["participants_total"], RequiredIntegerWidget()
    )
    participants_women = fields.Field(
        "participants_women", ACTIVITY_COLUMNS["participants_women"], ZeroDefaultIntegerWidget()
    )
    participants_elderly = fields.Field(
        "participants_elderly", ACTIVITY_COLUMNS["participants_elderly"], ZeroDefaultIntegerWidget()
    )
    participants_disabled = fields.Field(
        "participants_disabled",
        ACTIVITY_COLUMNS["participants_disabled"],
        ZeroDefaultIntegerWidget(),
    )
    participants_youth = fields.Field(
        "participants_youth", ACTIVITY_COLUMNS["participants_youth"], ZeroDefaultIntegerWidget()
    )
    participants_welfare_card = fields.Field(
        "participants_welfare_card",
        ACTIVITY_COLUMNS["participants_welfare_card"],
        ZeroDefaultIntegerWidget(),
    )
    budget = fields.Field(
        "budget", ACTIVITY_COLUMNS["budget"], ThaiDecimalWidget(default=Decimal("0"))
    )
    funding_source = fields.Field(
        "funding_source",
        ACTIVITY_COLUMNS["funding_source"],
        ChoiceLabelWidget(FundingSource.choices, default="none"),
    )
    outcome = fields.Field("outcome", ACTIVITY_COLUMNS["outcome"], TextWidget())

    class Meta:
        model = Activity
        fields = list(ACTIVITY_COLUMNS)
