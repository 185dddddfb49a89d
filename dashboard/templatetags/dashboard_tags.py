from django import template

from accounts.roles import is_staff_of
from dashboard import figures, selectors
from dashboard.access import can_view_district_dashboard

register = template.Library()


@register.inclusion_tag("dashboard/_district_panel.html", takes_context=True)
def district_dashboard(context, district):
    """The district's own figures and trends, for those who may read its data."""
    user = context["request"].user
    if not can_view_district_dashboard(user, district):
        return {"visible": False}
    fiscal_year = selectors.current_fiscal_year()
    data = selectors.dashboard_data(fiscal_year=fiscal_year, district_ids={district.pk}, light=True)
    return {
        "visible": True,
        "district": district,
        "row": data["rows"][0] if data["rows"] else None,
        "totals": data["totals"],
        "fiscal_year": fiscal_year,
        "charts": figures.district_charts(data),
        "is_mentor": district.is_pilot and is_staff_of(user, district),
    }
