from django import forms
from django.utils.translation import gettext_lazy as _

from bangphlat.forms import ThaiFormMixin
from districts.models import District
from handbook.access import can_build_handbook
from handbook.models import FrontMatter, Selection
from lessons.models import Lesson, LessonStep, Topic
from training.models import TrainingModule


class BuildForm(forms.Form):
    selection = forms.ChoiceField(
        label=_("ขอบเขต"), choices=Selection.choices, initial=Selection.ALL
    )
    district = forms.ModelChoiceField(
        label=_("เขต"),
        required=False,
        queryset=District.objects.thai_order(),
        to_field_name="code",
        empty_label=_("— เลือกเขต —"),
    )
    step = forms.ChoiceField(
        label=_("ขั้น"), required=False, choices=[("", _("— เลือกขั้น —")), *LessonStep.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("หัวข้อ"),
        required=False,
        queryset=Topic.objects.all(),
        empty_label=_("— เลือกหัวข้อ —"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        selection = data.get("selection")
        needed = {"district": "district", "step": "step", "topic": "topic"}.get(selection)
        if needed and not data.get(needed):
            raise forms.ValidationError(_("กรุณาเลือก%(what)s") % {"what": self.fields[needed].label})
        selection, value = self.selection_and_value()
        if not can_build_handbook(self.user, selection, value):
            raise forms.ValidationError(_("คุณสร้างคู่มือได้เฉพาะของเขตตนเอง"))
        return data

    def selection_and_value(self) -> tuple[str, str]:
        data = self.cleaned_data
        selection = data.get("selection") or Selection.ALL
        value = {
            Selection.DISTRICT: data.get("district").code if data.get("district") else "",
            Selection.STEP: data.get("step") or "",
            Selection.TOPIC: str(data.get("topic").pk) if data.get("topic") else "",
        }.get(selection, "")
        return selection, value


class FrontMatterForm(ThaiFormMixin, forms.ModelForm):
    class Meta:
        model = FrontMatter
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class TrainingModuleForm(ThaiFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = [
            "order",
            "title",
            "objectives",
            "audience",
            "hours",
            "teaching_district",
            "outline",
            "topics",
            "lessons",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "outline": forms.Textarea(attrs={"rows": 8}),
            "topics": forms.CheckboxSelectMultiple,
            "lessons": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teaching_district"].queryset = District.objects.pilots().thai_order()
        self.fields["teaching_district"].empty_label = _("— เลือกเขตนำร่อง —")
        self.fields["lessons"].queryset = (
            Lesson.objects.approved()
            .select_related("district", "approved_revision")
            .order_by("district__code", "pk")
        )
        self.fields["lessons"].label_from_instance = lambda lesson: (
            f"{lesson.approved_revision.title} — {lesson.district.name}"
        )
        self.fields["lessons"].help_text = _("เฉพาะบทเรียนที่อนุมัติแล้ว")
