"""Template filters for Thai display, available in every template (a builtin)."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from bangphlat import thai
from bangphlat.thai_breaks import THAI_RUN, thai_segments, wrap_thai_html

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


@register.filter(is_safe=True)
def nobr(value):
    """A proper name (district, community, person) that never splits across lines: Chromium's
    Thai line breaker would cut คลองสามวา into คลอง|สามวา. ``{{ district.name|nobr }}``.
    Long names may still wrap at their spaces (ชุมชนวัดบางพลัด ซอย 5), never inside a part."""
    if value in (None, ""):
        return ""
    parts = str(value).split(" ")
    return mark_safe(  # noqa: S308 - every part escaped by format_html
        " ".join(_name_part(part) for part in parts if part)
    )


LONG_NAME_PART = 16  # characters: wider than a phone's heading at this length


def _name_part(part: str):
    """One space-free part of a name, kept on one line; a part too long for a phone's line
    (เคหะชุมชนร่มเกล้าแฟลตคลองสองต้นนุ่น) may break between its words, never inside one."""
    if len(part) <= LONG_NAME_PART or not THAI_RUN.search(part):
        return format_html('<span class="nobr">{}</span>', part)
    words = format_html_join(
        mark_safe("<wbr>"), '<span class="nobr">{}</span>', ((w,) for w in thai_segments(part))
    )
    return format_html('<span class="name-long">{}</span>', words)


@register.filter(is_safe=True)
def thai_text(value):
    """Running Thai text whose lines break only between words: the compounds Chromium cuts
    (ดำเนิน|การ, พี่|เลี้ยง) are kept whole. Plain text or safe HTML (rendered Markdown);
    ``{{ activity.outcome|linebreaksbr|thai_text }}``, or ``{% filter thai_text %}`` around
    a translated paragraph. Rendered HTML only: no character is added to the text."""
    return wrap_thai_html(value)


def _english() -> bool:
    return not (get_language() or "th").startswith("th")


@register.filter
def fiscal_year(value):
    """A BE fiscal year: 2570 in Thai (the text around it says ปีงบประมาณ), and
    "FY 2570 B.E. (Oct 2026 – Sep 2027)" in English."""
    if value in (None, ""):
        return ""
    if _english():
        return thai.fiscal_year_label_en(int(value))
    return str(value)


@register.filter
def fiscal_year_short(value):
    """For select options and table cells: 2570 in Thai, "2570 (2026–27)" in English."""
    if value in (None, ""):
        return ""
    if _english():
        return thai.fiscal_year_label_en(int(value), short=True)
    return str(value)
