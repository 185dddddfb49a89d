import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bangphlat import uploads
from bangphlat.forms import ThaiDateField, ThaiFormMixin, fix_single_choice
from communities.models import (
    ACTIVITY_STEPS,
    Activity,
    ActivityType,
    Community,
    CommunityStatus,
    CommunityType,
    IndicatorSnapshot,
    ModelStep,
    Principle,
)
from districts.models import District

ACTIVITY_STEP_CHOICES = [(step.value, step.label) for step in ACTIVITY_STEPS]


class CommunityForm(ThaiFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown when the point lies far from the district's centre (services._check_location).
    confirm_location = forms.BooleanField(label=_("ยืนยันตำแหน่ง"), required=False)
    registered_on = ThaiDateField(label=_("วันที่จดทะเบียน"), required=False)

    class Meta:
        model = Community
        fields = [
            "district",
            "name",
            "number",
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
            "model_step",
            "chair_name",
            "chair_phone",
        ]
        widgets = {"address": forms.TextInput}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            del self.fields["district"]  # a community never moves between districts
        elif user.district_id and not user.is_portal_admin:
            self.fields["district"].queryset = District.objects.filter(pk=user.district_id)
            self.fields["district"].initial = user.district_id
        if "district" in self.fields:
            self.fields["district"].empty_label = _("— เลือกเขต —")
            fix_single_choice(self, "district")
        if not self.instance.pk and not self.is_bound:
            # 0 is no answer for a community's population: the box starts empty.
            self.fields["population"].initial = None
            self.initial.pop("population", None)
        self.fields["number"].help_text = _(
            "ไม่บังคับ: เว้นว่างเพื่อให้ระบบใช้ลำดับถัดไปของเขต (ชุมชนระบุด้วยรหัสชุมชนถาวร ไม่ใช่ลำดับ)"
        )
        self.fields["chair_phone"].help_text = _("ข้อมูลส่วนบุคคล: แสดงเฉพาะเจ้าหน้าที่เขตนี้")
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", f"data-geo-{name}": ""})
        self.centroid = self._centroid(user)

    def _centroid(self, user):
        """The district's centre for the browser's warning (the server checks again)."""
        district = self.instance.district if self.instance.pk else getattr(user, "district", None)
        if (
            district is None
            or district.lat is None
            or user.is_portal_admin
            and not self.instance.pk
        ):
            return None
        return {"lat": district.lat, "lon": district.lon, "name": district.name_th}

    def suggest_number(self, number: int):
        """Show the district's next free number as a placeholder (left blank, it is given)."""
        if "number" in self.fields:
            self.fields["number"].widget.attrs["placeholder"] = str(number)
            self.fields["number"].help_text = _(
                "ลำดับถัดไปที่ว่างของเขตคือ %(n)s — เว้นว่างเพื่อใช้ลำดับนี้ (ชุมชนระบุด้วยรหัสชุมชนถาวร ไม่ใช่ลำดับ)"
            ) % {"n": number}


class StepChangeForm(ThaiFormMixin, forms.Form):
    step = forms.ChoiceField(label=_("ขั้นใหม่"), choices=ModelStep.choices)
    changed_on = ThaiDateField(label=_("วันที่"), initial=timezone.localdate)
    note = forms.CharField(label=_("หมายเหตุ"), max_length=300, required=False)


class SnapshotForm(ThaiFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorSnapshot
        fields = [
            "year",
            "households_surveyed",
            "income_in_need",
            "living_in_need",
            "health_in_need",
            "education_in_need",
            "services_in_need",
            "welfare_card_households",
            "old_age_allowance",
            "disability_allowance",
        ]


class ActivityForm(ThaiFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date = ThaiDateField(label=_("วันที่จัดกิจกรรม"))
    principles = forms.MultipleChoiceField(
        label=_("หลักปรัชญาเศรษฐกิจพอเพียงที่ใช้"),
        choices=Principle.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    photo = forms.FileField(
        label=_("รูปกิจกรรม"),
        required=False,
        help_text=uploads.photo_help_text(),
        # static/js/photo_shrink.js shrinks the photo on the phone before it is sent.
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*,.heic,.heif", "data-photo-shrink": ""}
        ),
    )
    photo_caption = forms.CharField(label=_("คำบรรยายภาพ"), max_length=200, required=False)
    # Shown when the participants look far above the district's usual (reporting app).
    confirm_outlier = forms.BooleanField(label=_("ยืนยันว่าถูกต้อง"), required=False)
    # "YYYY-MM" when the form was opened from a reporting month: the date must fall inside it.
    reporting_month = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [
            "community",
            "date",
            "title",
            "activity_type",
            "model_step",
            "principles",
            "participants_total",
            "participants_women",
            "participants_elderly",
            "participants_disabled",
            "participants_youth",
            "participants_welfare_card",
            "budget",
            "funding_source",
            "outcome",
        ]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        self.fields["community"].empty_label = _("— เลือกชุมชน —")
        self.fields["activity_type"].queryset = ActivityType.objects.filter(is_active=True)
        self.fields["activity_type"].empty_label = _("— เลือกประเภท —")
        self.fields["model_step"].choices = [("", _("— เลือกขั้น —")), *ACTIVITY_STEP_CHOICES]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for name in self.fields:
            if name.startswith("participants_") or name == "budget":
                self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": 0})
        self.fields["participants_total"].help_text = _(
            "จำนวนแยกกลุ่มด้านล่างต้องไม่เกินจำนวนทั้งหมด (คนหนึ่งอาจนับได้หลายกลุ่ม)"
        )

    def clean_photo(self):
        """Checked here so a bad photo is reported next to its field before anything is saved."""
        upload = self.cleaned_data.get("photo")
        if upload:
            uploads.check_photo(upload)  # header only; the service decodes it once
        return upload

    # Fields that steer the form but are not the activity's own (the page, the API).
    FORM_ONLY = frozenset({"version", "photo", "photo_caption", "reporting_month"})

    def service_data(self) -> dict:
        """The cleaned values for communities.services.activity_create / activity_update."""
        return {k: v for k, v in self.cleaned_data.items() if k not in self.FORM_ONLY}

    def clean_reporting_month(self):
        return parse_reporting_month(self.cleaned_data.get("reporting_month"))

    def clean(self):
        cleaned = super().clean()
        month, day = cleaned.get("reporting_month"), cleaned.get("date")
        if month and day and (day.year, day.month) != (month.year, month.month):
            from periods.models import month_label

            self.add_error(
                "date",
                _("วันที่ต้องอยู่ในเดือน%(month)s ซึ่งเป็นเดือนที่กำลังบันทึกรายงาน")
                % {"month": month_label(month)},
            )
        return cleaned


def parse_reporting_month(value) -> dt.date | None:
    """'2026-10' → 1 Oct 2026; anything else (absent, malformed, outside 1957–2057, the
    portal's B.E. 2500–2600 window) → None, never an error."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(value or ""), flags=re.ASCII)
    if not match or not 1957 <= int(match[1]) <= 2057 or not 1 <= int(match[2]) <= 12:
        return None
    return dt.date(int(match[1]), int(match[2]), 1)


class ImportUploadForm(ThaiFormMixin, forms.Form):
    KINDS = [("communities", pgettext_lazy("plural", "ชุมชน")), ("activities", _("กิจกรรม"))]
    kind = forms.ChoiceField(label=_("ข้อมูลที่นำเข้า"), choices=KINDS, initial="communities")
    file = forms.FileField(
        label=_("ไฟล์ XLSX หรือ CSV"), help_text=_("ขนาดไม่เกิน 5 MB ใช้หัวคอลัมน์ตามแม่แบบ")
    )


class CommunityFilterForm(forms.Form):
    """The list's filters, bound to GET."""

    q = forms.CharField(label=_("ค้นหา"), required=False)
    district = forms.ChoiceField(label=_("เขต"), required=False)
    community_type = forms.ChoiceField(
        label=_("ประเภทชุมชน"), required=False, choices=[("", _("ทุกประเภท")), *CommunityType.choices]
    )
    model_step = forms.ChoiceField(
        label=_("ขั้น"), required=False, choices=[("", _("ทุกขั้น")), *ModelStep.choices]
    )
    status = forms.ChoiceField(
        label=_("สถานะ"), required=False, choices=[("", _("ทุกสถานะ")), *CommunityStatus.choices]
    )
    sort = forms.ChoiceField(
        label=_("เรียงตาม"),
        required=False,
        choices=[
            ("name", _("ชื่อ (ก–ฮ)")),
            ("-name", _("ชื่อ (ฮ–ก)")),
            ("number", _("ลำดับชุมชน")),
            ("population", _("ประชากรมากสุด")),
            ("district", _("เขต")),
        ],
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("ทุกเขต"))] + [(d.code, d.name) for d in districts]
