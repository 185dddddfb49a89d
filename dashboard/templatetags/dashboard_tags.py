from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

from accounts.roles import is_staff_of
from bangphlat.reversing import reverse_cached
from bangphlat.templatetags.thai import nobr
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


@register.simple_tag
def district_table_row(r):
    """A district's row of the dashboard's table, written in one pass: as a template loop
    its nine cells cost ~0.1 ms a row, half of the cold page's template (50 rows)."""
    link = reverse_cached("districts:detail", args=[r["code"]])
    pilot = " ★" if r["is_pilot"] else ""
    progress = "–" if r["progress"] is None else f"{escape(localize(r['progress']))}%"
    return mark_safe(  # noqa: S308 - every value escaped here (nobr escapes its parts)
        f"<tr>\n    <td>{escape(localize(r['code']))}</td>"
        f'<td><a href="{escape(link)}">{nobr(r["name"])}</a>{pilot}</td>'
        f"<td>{escape(localize(r['stage_label']))}</td><td>{nobr(r['mentor'] or '–')}</td>\n"
        f'    <td class="text-end">{escape(localize(r["engaged"]))}/'
        f"{escape(localize(r['registered']))}</td>"
        f'<td class="text-end">{escape(intcomma(r["activities"]))}</td>'
        f'<td class="text-end">{escape(intcomma(r["participants"]))}</td>'
        f'<td class="text-end">{escape(localize(r["lessons_approved"]))}</td>\n'
        f'    <td class="text-end">{progress}</td>\n  </tr>'
    )
