from django import forms
from django.utils.translation import gettext_lazy as _

from api.services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("ชื่อโทเคน (เช่น งาน Power BI)"), max_length=100)
    days = forms.IntegerField(label=_("อายุ (วัน)"), min_value=1, max_value=MAX_DAYS, initial=90)


# The largest id and year a PostgreSQL integer column holds: a larger number finds nothing,
# and the database refuses to compare with it (a 500 before the form read the query).
LARGEST_INTEGER = 2_147_483_647


class SnapshotFilter(forms.Form):
    district = forms.CharField(required=False)
    community = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_INTEGER)
    year = forms.IntegerField(required=False, min_value=1, max_value=LARGEST_INTEGER)
