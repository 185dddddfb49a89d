from django import forms
from django.utils.translation import gettext_lazy as _

from notices.models import NoticeMode


class NoticePreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("การแจ้งเตือนทางอีเมล"),
        choices=NoticeMode.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
