from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangphlat import querystring, thai, uploads
from bangphlat.forms import ThaiFormMixin
from communities.models import Activity, Community
from lessons.models import (
    Dimension,
    Interviewee,
    Lesson,
    LessonStatus,
    LessonStep,
    Topic,
)

SHOWN_ACTIVITIES = 10  # the latest few, listed as checkboxes without a search


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    @staticmethod
    def describe(obj) -> str:
        return f"{thai.format_date_th(obj.date)} · {obj.title} ({obj.community.name})"

    def label_from_instance(self, obj):
        return self.describe(obj)


class LessonForm(ThaiFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    dimensions = forms.MultipleChoiceField(
        label=_("มิติความเหลื่อมล้ำที่แก้ไข"),
        choices=Dimension.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Lesson
        fields = [
            "title", "step", "topics", "dimensions", "communities", "activities",
            "background", "actions", "results", "success_factors", "obstacles", "recommendations",
        ]  # fmt: skip
        field_classes = {"activities": ActivityChoiceField}
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "communities": forms.CheckboxSelectMultiple,
            "activities": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in [
                    "background",
                    "actions",
                    "results",
                    "success_factors",
                    "obstacles",
                    "recommendations",
                ]
            },
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["communities"].queryset = (
            Community.objects.alive().filter(district=district).thai_order()
        )
        # Any of the district's activities may be linked (the picker searches them all); the
        # page lists only those linked or chosen and the latest few, not hundreds of boxes.
        district_activities = Activity.objects.alive().filter(district=district)
        field = self.fields["activities"]
        field.queryset = district_activities.select_related("community").order_by("-date", "-pk")
        chosen = self._chosen_activity_ids()
        shown = district_activities.filter(
            Q(pk__in=chosen)
            | Q(pk__in=district_activities.order_by("-date", "-pk").values("pk")[:SHOWN_ACTIVITIES])
        )
        field.widget.choices = [
            (activity.pk, field.label_from_instance(activity))
            for activity in shown.select_related("community").order_by("-date", "-pk")
        ]
        field.widget.attrs["data-activity-picker"] = ""
        field.help_text = _("พิมพ์ค้นหาด้านบนเพื่อเลือกกิจกรรมอื่นของเขต")
        self.fields["activities"].required = False
        self.fields["step"].choices = [("", _("— เลือกขั้น —")), *LessonStep.choices]
        for name in [
            "background",
            "actions",
            "results",
            "success_factors",
            "obstacles",
            "recommendations",
        ]:
            self.fields[name].widget.attrs["data-preview"] = ""
        # Said once, on the first of the six sections, for all of them.
        self.fields["background"].help_text = _(
            "ทุกช่องข้อความด้านล่าง: ขึ้นบรรทัดด้วย - เพื่อทำเป็นข้อ ๆ และใส่ ** หน้าและหลังคำเพื่อทำตัวหนา "
            "ตัวอย่างที่ผู้อ่านจะเห็นแสดงใต้ช่อง"
        )
        # Dozens of communities: lesson_form.js turns the boxes into a search (data-picker).
        self.fields["communities"].widget.attrs["data-community-picker"] = ""
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _chosen_activity_ids(self) -> list:
        if self.is_bound:
            ids = (querystring.positive_int(pk) for pk in self.data.getlist("activities"))
            return [pk for pk in ids if pk is not None]
        if self.instance.pk:
            return list(self.instance.activities.values_list("pk", flat=True))
        return []


class IntervieweeForm(ThaiFormMixin, forms.ModelForm):
    """One person interviewed: a name, a role, and whether they agreed to be named."""

    class Meta:
        model = Interviewee
        fields = ["name", "role", "consent"]
        help_texts = {
            "role": _("เช่น ประธานชุมชน แสดงแทนชื่อเมื่อไม่ได้รับความยินยอม"),
            "consent": _("ไม่ทำเครื่องหมาย: ผู้อ่านนอกเขตและคู่มือเห็นเฉพาะตำแหน่ง"),
        }

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("role"):
            self.add_error("role", _("ระบุตำแหน่งหรือบทบาทด้วย ใช้แสดงแทนชื่อเมื่อไม่ได้รับความยินยอม"))
        return data


IntervieweeFormSet = forms.formset_factory(
    IntervieweeForm, extra=2, max_num=30, absolute_max=30, validate_max=True, can_delete=True
)
INTERVIEWEE_PREFIX = "interviewees"


def interviewee_formset(data, lesson=None):
    """The interviewee rows of the lesson form, filled with the lesson's people. A post
    without the rows (a client that never showed them) gives an unbound formset: the
    interviewees are then left as they are."""
    if data is not None and f"{INTERVIEWEE_PREFIX}-TOTAL_FORMS" not in data:
        data = None
    initial = (
        [{"name": p.name, "role": p.role, "consent": p.consent} for p in lesson.interviewees.all()]
        if lesson is not None
        else []
    )
    return IntervieweeFormSet(data, initial=initial, prefix=INTERVIEWEE_PREFIX)


def interviewees_from(formset) -> list[dict]:
    """The people kept by a valid formset, in order (empty and deleted rows dropped)."""
    return [
        {key: form.cleaned_data.get(key) for key in ("name", "role", "consent")}
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and (form.cleaned_data.get("name") or form.cleaned_data.get("role"))
    ]


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("submit", ""), ("request_changes", ""), ("approve", ""), ("archive", "")]
    )
    comment = forms.CharField(
        label=_("ความเห็น"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LessonFilterForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), required=False)
    district = forms.ChoiceField(label=_("เขต"), required=False)
    step = forms.ChoiceField(
        label=_("ขั้น"), required=False, choices=[("", _("ทุกขั้น")), *LessonStep.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("หัวข้อ"), required=False, queryset=Topic.objects.all(), empty_label=_("ทุกหัวข้อ")
    )
    dimension = forms.ChoiceField(
        label=_("มิติ"), required=False, choices=[("", _("ทุกมิติ")), *Dimension.choices]
    )
    status = forms.ChoiceField(
        label=_("สถานะ"), required=False, choices=[("", _("ทุกสถานะ")), *LessonStatus.choices]
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("ทุกเขต"))] + [(d.code, d.name) for d in districts]


class PhotoForm(ThaiFormMixin, forms.Form):
    image = forms.FileField(
        label=_("รูปภาพ"),
        help_text=uploads.photo_help_text(),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*,.heic,.heif", "data-photo-shrink": ""}
        ),
    )
    caption = forms.CharField(label=_("คำบรรยายภาพ"), max_length=300)

    def __init__(self, *args, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        if optional:  # inside the lesson form: no photo is fine, a blank caption too
            self.fields["image"].required = False
            self.fields["caption"].required = False
            self.fields["caption"].help_text = _("เว้นว่างได้ ระบบใช้ชื่อบทเรียนเป็นคำบรรยาย")

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image:
            uploads.check_photo(image)  # header only; the service decodes it once
        return image


class AttachmentForm(ThaiFormMixin, forms.Form):
    file = forms.FileField(
        label=_("ไฟล์แนบ (PDF, Word, Excel, PowerPoint, OpenDocument หรือรูปภาพ)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ",".join(sorted(uploads.ATTACHMENT_EXTENSIONS)),
                "data-photo-shrink": "",  # pictures only; documents go as they are
            }
        ),
    )
    title = forms.CharField(label=_("ชื่อไฟล์"), max_length=200)

    def __init__(self, *args, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        if optional:  # inside the lesson form: no file is fine, a blank title too
            self.fields["file"].required = False
            self.fields["title"].required = False
            self.fields["title"].help_text = _("เว้นว่างได้ ระบบใช้ชื่อไฟล์ที่เลือก")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            uploads.check_attachment(upload)
        return upload


def lesson_file_forms(request):
    """The photo and the attachment that the lesson form sends with its text (one submit)."""
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    return (
        PhotoForm(data, files, prefix="photo", optional=True),
        AttachmentForm(data, files, prefix="attachment", optional=True),
    )
