"""Template filters for Thai display, available in every template (a builtin)."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from bangphlat import thai

register = template.Library()


def _as_date(value):
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@register.filter
def thdate(value):
    """A date in the Buddhist Era for Thai (4 ส.ค. 2568), Gregorian for English."""
    if not value:
        return ""
    value = _as_date(value)
    if (get_language() or "th").startswith("th"):
        return thai.format_date_th(value)
    return thai.format_date_en(value)


@register.filter
def thdatetime(value):
    """Date and time: 4 ส.ค. 2568 14:05."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{thdate(local)} {local:%H:%M}"


@register.filter
def be_year(value):
    if value in (None, ""):
        return ""
    year = value.year if hasattr(value, "year") else int(value)
    if (get_language() or "th").startswith("th"):
        return thai.be_year(year)
    return year
