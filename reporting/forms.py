from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangphlat.templatetags.thai import fiscal_year_short
from bangphlat.thai import fiscal_year_of
from districts.models import ZoneGroup
from periods.models import ReportStatus
from reporting.models import ReportAction


def fiscal_year_choices():
    current = fiscal_year_of(timezone.localdate())
    return [(year, fiscal_year_short(year)) for year in range(current, current - 4, -1)]


class CompletenessFilterForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int, required=False)
    zone_group = forms.ModelChoiceField(
        label=_("กลุ่มเขต"),
        queryset=ZoneGroup.objects.all(),
        required=False,
        empty_label=_("ทุกกลุ่มเขต"),
    )
    pilot = forms.ChoiceField(
        label=_("ประเภทเขต"),
        required=False,
        choices=[("", _("ทุกเขต")), ("pilot", _("เขตนำร่อง")), ("non_pilot", _("เขตขยายผล"))],
    )
    status = forms.ChoiceField(
        label=_("มีเดือนที่"),
        required=False,
        choices=[("", _("ทุกสถานะ")), *ReportStatus.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = fiscal_year_choices()
        for field in self.fields.values():  # Bootstrap's full-size selects, not the browser's
            field.widget.attrs["class"] = "form-select"


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=ReportAction.choices)
    comment = forms.CharField(
        label=_("ความเห็น/เหตุผล"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeadlineForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int)
    due_day = forms.IntegerField(
        label=_("ส่งภายในวันที่ของเดือนถัดไป"), min_value=1, max_value=28, initial=5
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = fiscal_year_of(timezone.localdate())
        self.fields["fiscal_year"].choices = [
            (y, fiscal_year_short(y)) for y in (current + 1, current, current - 1)
        ]
        self.fields["fiscal_year"].initial = current
