from django import template
from django.utils.translation import get_language

from bangphlat import thai

register = template.Library()


@register.filter
def thmonth(value):
    """A month as a column head: ต.ค. 68 in Thai, Oct 25 in English."""
    if not value:
        return ""
    if (get_language() or "th").startswith("th"):
        return f"{thai.MONTHS_TH_ABBR[value.month - 1]} {thai.be_year(value.year) % 100:02d}"
    return f"{thai.MONTHS_EN_ABBR[value.month - 1]} {value.year % 100:02d}"


@register.filter
def thmonth_long(value):
    if not value:
        return ""
    if (get_language() or "th").startswith("th"):
        return f"{thai.MONTHS_TH_FULL[value.month - 1]} {thai.be_year(value.year)}"
    return value.strftime("%B %Y")


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    """The bell's count (cached per user: no query on most pages)."""
    from reporting.services import cached_unread_count

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return cached_unread_count(user)
