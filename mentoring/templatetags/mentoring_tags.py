from django import template

from bangphlat import permissions
from mentoring import selectors

register = template.Library()


@register.inclusion_tag("mentoring/_district_panel.html", takes_context=True)
def mentoring_panel(context, district):
    user = context["request"].user
    return {
        "district": district,
        **selectors.district_mentoring(district=district, user=user),
        "can_change_stage": permissions.can_change_stage(user),
        "can_propose_stage": permissions.can_propose_stage(user, district),
        "open_follow_ups": []
        if district.is_pilot
        else selectors.open_follow_ups_of(district=district, user=user),
    }
