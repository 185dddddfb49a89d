from django import template

from communities import selectors
from districts.access import can_change_district_data
from mentoring.access import can_view_district_private

register = template.Library()


@register.inclusion_tag("communities/_district_panel.html", takes_context=True)
def community_panel(context, district):
    """Communities by model step on a district page, for users who may read them."""
    user = context["request"].user
    if not can_view_district_private(user, district):
        return {"visible": False}
    return {
        "visible": True,
        "district": district,
        "summary": selectors.district_community_summary(district=district),
        "can_change": can_change_district_data(user, district),
    }


@register.inclusion_tag("communities/_my_recent_entries.html", takes_context=True)
def my_recent_entries(context, district):
    """รายการล่าสุดของฉัน: the user's own last 20 activities, on the page of their district."""
    user = context["request"].user
    if not can_change_district_data(user, district):
        return {"visible": False}
    return {
        "visible": True,
        "user_pk": user.pk,
        "entries": selectors.recent_entries(user=user, limit=20),
    }
