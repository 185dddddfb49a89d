from django import forms
from django.utils.translation import gettext_lazy as _

from bangphlat.forms import ThaiDateField, ThaiFormMixin
from communities.models import Community
from districts.models import District
from mentoring.models import Trainer
from training.models import Course, CourseRun, ParticipantKind, RunStatus, TrainingModule

MAX_CHOICES = 6


class RunForm(ThaiFormMixin, forms.ModelForm):
    starts_on = ThaiDateField(label=_("วันที่เริ่ม"))
    ends_on = ThaiDateField(label=_("วันที่สิ้นสุด"))

    class Meta:
        model = CourseRun
        fields = [
            "course",
            "host",
            "starts_on",
            "ends_on",
            "venue",
            "online_url",
            "capacity",
            "trainers",
            "target_districts",
        ]
        widgets = {
            "trainers": forms.CheckboxSelectMultiple,
            "target_districts": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "target_districts": _("ไม่เลือก: เชิญเขตที่เขตผู้จัดเป็นพี่เลี้ยงอยู่"),
            "capacity": _("ผู้ลงทะเบียนเกินจำนวนนี้จะอยู่ในรายชื่อรอที่ว่าง"),
        }

    def __init__(self, *args, hosts, **kwargs):
        """``hosts``: the pilot districts this user may run courses for."""
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(is_active=True)
        self.fields["course"].empty_label = None
        if self.instance.pk:
            del self.fields["host"]  # a run stays with the district that hosts it
        else:
            self.fields["host"].queryset = hosts
            self.fields["host"].empty_label = None
        self.fields["trainers"].queryset = Trainer.objects.filter(is_active=True).select_related(
            "district"
        ) | Trainer.objects.filter(runs=self.instance.pk or 0)
        self.fields["trainers"].required = False
        self.fields["trainers"].label_from_instance = lambda t: f"{t.name} ({t.district.name})"
        self.fields["target_districts"].queryset = District.objects.order_by("code")
        self.fields["target_districts"].required = False


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=RunStatus.choices)


class SessionForm(ThaiFormMixin, forms.Form):
    date = ThaiDateField(label=_("วันที่"))
    title = forms.CharField(label=_("หัวข้อ"), max_length=200)
    module = forms.ModelChoiceField(
        label=_("หน่วยการเรียนรู้"), queryset=TrainingModule.objects.none(), required=False
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.all()
        self.fields["module"].empty_label = _("— ไม่ระบุ —")


class EnrolForm(ThaiFormMixin, forms.Form):
    """A portal user by username, or a person without an account (consent required)."""

    username = forms.CharField(label=_("ชื่อผู้ใช้ในพอร์ทัล"), max_length=150, required=False)
    name = forms.CharField(label=_("ชื่อ-สกุล"), max_length=200, required=False)
    role = forms.CharField(label=_("บทบาท/ตำแหน่ง"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("ประเภท"), choices=ParticipantKind.choices, initial=ParticipantKind.LEADER
    )
    district = forms.ModelChoiceField(
        label=_("เขต"), queryset=District.objects.order_by("code"), required=False
    )
    community = forms.ModelChoiceField(
        label=_("ชุมชน (ถ้ามี)"), queryset=Community.objects.none(), required=False
    )
    phone = forms.CharField(label=_("โทรศัพท์ (ถ้ามี)"), max_length=30, required=False)
    consent = forms.BooleanField(
        label=_("ผู้เข้าอบรมยินยอมให้บันทึกชื่อและข้อมูลติดต่อเพื่อการอบรมนี้"), required=False
    )

    def __init__(self, *args, districts, **kwargs):
        """``districts``: the run's host and invited districts (whose people take part)."""
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["community"].queryset = (
            Community.objects.alive().filter(district__in=districts).select_related("district")
        )
        self.fields["community"].label_from_instance = lambda c: f"{c.name} ({c.district.name})"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("username") and not cleaned.get("name"):
            raise forms.ValidationError(_("กรอกชื่อผู้ใช้ในพอร์ทัล หรือชื่อ-สกุลของผู้ที่ไม่มีบัญชี"))
        if not cleaned.get("username") and not cleaned.get("consent"):
            self.add_error("consent", _("ต้องได้รับความยินยอมก่อนบันทึกข้อมูลของผู้ที่ไม่มีบัญชีผู้ใช้"))
        return cleaned


class QuestionForm(ThaiFormMixin, forms.Form):
    text = forms.CharField(
        label=_("คำถาม"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    correct = forms.TypedChoiceField(
        label=_("คำตอบที่ถูก"),
        coerce=int,
        choices=[(i, _("ตัวเลือกที่ %(n)s") % {"n": i + 1}) for i in range(MAX_CHOICES)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(MAX_CHOICES):
            self.fields[f"choice_{i}"] = forms.CharField(
                label=_("ตัวเลือกที่ %(n)s") % {"n": i + 1}, max_length=300, required=i < 2
            )
        self.order_fields(["text", *[f"choice_{i}" for i in range(MAX_CHOICES)], "correct"])

    def choices(self) -> list[str]:
        return [self.cleaned_data.get(f"choice_{i}") or "" for i in range(MAX_CHOICES)]


class CheckinForm(forms.Form):
    code = forms.CharField(label=_("รหัสเช็กอินบนจอ"), max_length=12)
    personal_code = forms.CharField(
        label=_("รหัสประจำตัวผู้เข้าอบรม"),
        max_length=16,
        required=False,
        help_text=_("สำหรับผู้ที่ไม่มีบัญชีในพอร์ทัล: รหัสที่ได้รับตอนลงทะเบียน"),
    )


class RevokeForm(ThaiFormMixin, forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่เพิกถอน"), max_length=300)
