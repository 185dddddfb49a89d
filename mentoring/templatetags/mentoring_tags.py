from django import template

from mentoring import selectors
from mentoring.access import can_change_stage, can_propose_stage

register = template.Library()


@register.inclusion_tag("mentoring/_district_panel.html", takes_context=True)
def mentoring_panel(context, district):
    user = context["request"].user
    return {
        "district": district,
        **selectors.district_mentoring(district=district, user=user),
        "can_change_stage": can_change_stage(user),
        "can_propose_stage": can_propose_stage(user, district),
        "open_follow_ups": []
        if district.is_pilot
        else selectors.open_follow_ups_of(district=district, user=user),
    }
