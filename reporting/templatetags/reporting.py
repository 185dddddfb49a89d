from html import escape

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from bangphlat import thai
from periods.models import ReportStatus

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
    from notices.services import cached_unread_count

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return cached_unread_count(user)


@register.simple_tag
def completeness_cells(row):
    """A district's twelve month cells of the completeness grid. The office's grid has 600
    of them: written here in one pass instead of a template loop with a ``{% url %}`` and a
    date filter per cell (two thirds of the page's CPU time), the same HTML. The standard
    library's ``escape`` is Django's without its lazy-string wrapper (plain strings here)."""
    cells = row.cells
    if not cells:
        return ""
    # Every cell links to the same URL but its month: reversed once per row.
    first = cells[0].month.strftime("%Y-%m")
    base = reverse("reporting:month", args=[row.district.code, first])
    prefix = escape(base[: -len(first) - 1])
    out = []
    for cell in cells:
        classes = f"rep-{escape(cell.badge)}" if cell.label else "rep-future"
        if cell.expected and not cell.reported:
            classes += " rep-late"
        if cell.label:
            body = f'<a href="{prefix}{cell.month:%Y-%m}/">{escape(str(cell.label))}</a>'
        else:
            body = "–"
        out.append(
            f'<td class="rep-cell {classes}" data-status="{escape(cell.status)}">{body}</td>'
        )
    return mark_safe("".join(out))  # noqa: S308 - every value escaped above


@register.simple_tag
def completeness_row(row):
    """A district's whole row of the grid: its name, its twelve cells and both rates, in one
    pass as well (the template's row around the cells cost ~0.1 ms, 5 ms for 50 rows)."""
    district = row.district
    badge = ""
    if district.is_pilot:
        badge = f' <span class="badge badge-pilot">{escape(gettext("นำร่อง"))}</span>'
    rates = "".join(
        f'<td class="text-end {css}">{"–" if value is None else escape(localize(value)) + "%"}</td>'
        for css, value in (
            ("rate-reporting", row.rates.reporting_rate),
            ("rate-on-time", row.rates.on_time_rate),
        )
    )
    return mark_safe(  # noqa: S308 - every value escaped here or in completeness_cells
        f'<tr data-district="{escape(district.code)}">\n'
        f'    <th class="sticky small" scope="row">{escape(str(district.name))}{badge}</th>\n'
        f"    {completeness_cells(row)}\n    {rates}\n  </tr>"
    )


# Bootstrap's own colours for pages that do not load reporting.css (the district page).
BADGES = {
    ReportStatus.OPEN: "text-bg-danger",
    ReportStatus.RETURNED: "text-bg-warning",
    ReportStatus.SUBMITTED: "text-bg-primary",
    ReportStatus.CHECKED: "text-bg-info",
    ReportStatus.APPROVED: "text-bg-success",
}


@register.filter
def status_badge(status) -> str:
    return BADGES.get(status, "text-bg-secondary")


@register.inclusion_tag("reporting/_district_panel.html", takes_context=True)
def reporting_panel(context, district):
    """The district's reporting months of this fiscal year, for whoever may read them."""
    from django.utils import timezone

    from accounts.roles import sees_all_districts
    from bangphlat.thai import fiscal_year_of
    from reporting import selectors
    from reporting.access import can_view_reporting_of

    user = context["request"].user
    if not can_view_reporting_of(user, district):
        return {"visible": False}
    fiscal_year = fiscal_year_of(timezone.localdate())
    return {
        "visible": True,
        "sees_all": sees_all_districts(user),
        "fiscal_year": fiscal_year,
        "row": selectors.district_year(district=district, fiscal_year=fiscal_year),
    }


@register.inclusion_tag("reporting/_district_tasks.html", takes_context=True)
def district_tasks(context, district):
    """ "What to do now" at the top of a district's page, for its own staff only (the page
    they land on): everyone else reads the district's facts and panels as before."""
    from django.utils import timezone

    from accounts.roles import is_staff_of
    from communities.access import can_add_community_in
    from reporting import tasks

    user = context["request"].user
    if not is_staff_of(user, district):
        return {"visible": False}
    return {
        "visible": True,
        "district": district,
        "tasks": tasks.district_tasks(district=district, user=user),
        "today": timezone.localdate(),
        "can_add_community": can_add_community_in(user, district),
    }
