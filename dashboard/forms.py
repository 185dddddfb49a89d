"""The dashboard's filter, one form for the page, the mentor page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard import selectors


class DashboardFilter(forms.Form):
    fy = forms.TypedChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("ไม่มีปีงบประมาณ %(value)s ให้เลือก")},
    )
    zone_group = forms.CharField(required=False)
    kind = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("pilot", ""), ("mentee", "")],
        error_messages={"invalid_choice": _("ประเภทเขตต้องเป็น pilot หรือ mentee")},
    )
    approved = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(fy, fy) for fy in selectors.fiscal_year_choices()]

    def values(self):
        """The filters as the selectors take them; the page shows the current year for a
        parameter it cannot read (the API answers 400 instead)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "fiscal_year": data.get("fy") or selectors.current_fiscal_year(),
            "zone_group": data.get("zone_group") or "",
            "kind": data.get("kind") or "",
            "approved_only": bool(data.get("approved")),
        }
