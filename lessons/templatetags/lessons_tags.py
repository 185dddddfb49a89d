from django import template

from accounts.roles import is_strategy
from lessons import selectors
from lessons.access import can_see_lesson_working_copy_of, can_write_lesson_for

register = template.Library()


@register.inclusion_tag("lessons/_district_panel.html", takes_context=True)
def lessons_panel(context, district):
    """A district's lessons on its district page: approved lessons for everyone logged in,
    work in progress only for the district's own staff and the strategy office."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"visible": False}
    return {
        "visible": True,
        "district": district,
        "counts": selectors.district_lesson_counts(district=district),
        "recent": selectors.recent_approved(district=district),
        "sees_work": can_see_lesson_working_copy_of(user, district),
        "can_write": can_write_lesson_for(user, district),
    }


@register.simple_tag(takes_context=True)
def lessons_waiting(context) -> int:
    """The nav's count of lessons waiting for review (the strategy office only; cached)."""
    user = context.get("user")
    if user is None or not is_strategy(user):
        return 0
    return selectors.waiting_count()
