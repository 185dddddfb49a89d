"""The subscription form: a scope among those the user may see, a day, the channels."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bangphlat.forms import ThaiFormMixin
from scheduled import selectors
from scheduled.models import LAST_DAY, MAX_PLAIN_DAY

SCOPE_MESSAGE = _("เลือกขอบเขตของรายงานจากรายการที่มีให้ (รายงานที่คุณมีสิทธิ์ดู)")
DAY_MESSAGE = _("วันที่ส่งต้องเป็นวันที่ 1 ถึง 28 หรือวันสุดท้ายของเดือน")


def day_choices():
    return [(day, str(day)) for day in range(1, MAX_PLAIN_DAY + 1)] + [
        (LAST_DAY, _("วันสุดท้ายของเดือน"))
    ]


class SubscriptionForm(ThaiFormMixin, forms.Form):
    scope = forms.ChoiceField(
        label=_("รายงานของ"),
    )
    day = forms.TypedChoiceField(
        label=_("ส่งทุกเดือนในวันที่"),
        coerce=int,
        initial=5,
        help_text=_("เดือนที่มีไม่ถึงวันที่ 29–31 จึงให้เลือก 1–28 หรือวันสุดท้ายของเดือน"),
    )
    by_email = forms.BooleanField(
        label=_("อีเมล (แนบไฟล์ PDF)"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    by_line = forms.BooleanField(
        label=_("LINE และกระดิ่งแจ้งเตือน (ลิงก์ไปยัง PDF)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text=_("ส่งทาง LINE เมื่อเชื่อมบัญชี LINE ไว้แล้ว มิฉะนั้นแจ้งในกระดิ่งของพอร์ทัล"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = selectors.scope_options(user)
        self.fields["day"].choices = day_choices()
        # Say what is wrong rather than ThaiFormMixin's general "not a valid choice".
        self.fields["scope"].error_messages["invalid_choice"] = SCOPE_MESSAGE
        self.fields["day"].error_messages["invalid_choice"] = DAY_MESSAGE

    def clean_scope(self):
        found = selectors.scope_from_value(self.cleaned_data["scope"])
        if found is None:
            raise forms.ValidationError(SCOPE_MESSAGE)
        return found

    def clean(self):
        data = super().clean()
        if not (data.get("by_email") or data.get("by_line")):
            raise forms.ValidationError(_("เลือกช่องทางรับรายงานอย่างน้อยหนึ่งช่องทาง"))
        return data
