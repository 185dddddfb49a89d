from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangphlat.forms import ThaiDateField, ThaiFormMixin, fix_single_choice
from districts.models import RolloutStage
from mentoring.models import MentoringSession, SessionKind


class StageForm(ThaiFormMixin, forms.Form):
    stage = forms.ChoiceField(label=_("ขั้นการขยายผล"), choices=RolloutStage.choices)
    reason = forms.CharField(
        label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class DecisionForm(ThaiFormMixin, forms.Form):
    """The strategy office's note on a stage proposal (the decision itself is the button)."""

    note = forms.CharField(max_length=300, required=False)


class SessionForm(ThaiFormMixin, forms.ModelForm):
    date = ThaiDateField(label=_("วันที่"), initial=timezone.localdate)

    class Meta:
        model = MentoringSession
        fields = [
            "date",
            "mentor",
            "mentees",
            "kind",
            "topics",
            "trainers",
            "attendee_count",
            "notes",
        ]
        widgets = {
            "mentees": forms.CheckboxSelectMultiple,
            "trainers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        # Not "บันทึก": that is the Save button's word, right below.
        labels = {"notes": _("สิ่งที่คุยกันและข้อสังเกต")}

    def __init__(self, *args, mentors, mentees, trainers, **kwargs):
        """``mentees`` and ``trainers``: the choices the user may name (selectors)."""
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["mentor"]  # a session stays with the district that led it
        else:
            self.fields["mentor"].queryset = mentors
            self.fields["mentor"].empty_label = None
            fix_single_choice(self, "mentor")
        self.fields["mentees"].queryset = mentees
        self.fields["trainers"].queryset = trainers.select_related("district")
        self.fields["trainers"].required = False
        self.fields["trainers"].label_from_instance = lambda t: f"{t.name} ({t.district.name})"
        self.fields["kind"].choices = [("", _("— เลือกรูปแบบ —")), *SessionKind.choices]


class FollowUpForm(ThaiFormMixin, forms.Form):
    """An optional row: nothing is starred, but a row begun needs all three."""

    who = forms.CharField(label=_("ผู้รับผิดชอบ"), max_length=200, required=False)
    what = forms.CharField(label=_("สิ่งที่ต้องทำ"), max_length=300, required=False)
    due_date = ThaiDateField(label=_("กำหนดเสร็จ"), required=False)

    def clean(self):
        data = super().clean()
        if any(data.get(name) for name in ("who", "what", "due_date")):
            for name in ("who", "what", "due_date"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("กรอกช่องนี้ด้วย หรือเว้นว่างทั้งแถว"))
        return data


# A session has a handful of follow-ups. Without a cap a forged TOTAL_FORMS makes Django build,
# validate and render a thousand forms (20 s for one request).
MAX_FOLLOW_UPS = 20


class BaseFollowUpFormSet(BaseFormSet):
    default_error_messages = {
        "missing_management_form": _("ข้อมูลฟอร์มงานติดตามไม่ครบ กรุณาโหลดหน้านี้ใหม่"),
        "too_many_forms": _("งานติดตามได้ไม่เกิน %(num)d รายการต่อครั้ง"),
        "too_few_forms": _("งานติดตามต้องมีอย่างน้อย %(num)d รายการ"),
    }


FollowUpFormSet = formset_factory(
    FollowUpForm,
    formset=BaseFollowUpFormSet,
    extra=2,
    max_num=MAX_FOLLOW_UPS,
    absolute_max=MAX_FOLLOW_UPS,
    validate_max=True,
)
