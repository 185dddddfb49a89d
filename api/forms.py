from django import forms
from django.utils.translation import gettext_lazy as _

from api.services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("ชื่อโทเคน (เช่น งาน Power BI)"), max_length=100)
    days = forms.IntegerField(label=_("อายุ (วัน)"), min_value=1, max_value=MAX_DAYS, initial=90)
