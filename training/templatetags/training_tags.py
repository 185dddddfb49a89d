"""Training's pieces on other apps' pages: the district page's panel, and coverage sections
for the mentor and strategy dashboards (templates only name the tags; no app imports us)."""

from django import template

from districts.models import District
from training import selectors

register = template.Library()
PANEL_RUNS = 5


@register.inclusion_tag("training/_district_panel.html", takes_context=True)
def training_panel(context, district):
    """Counts for the district (everyone may read counts) and the runs it hosts or is
    invited to that the user may see."""
    user = context["request"].user
    (row,) = selectors.coverage(districts=[district])
    runs = selectors.district_runs(user=user, district=district, limit=PANEL_RUNS)
    return {"district": district, "row": row, "runs": runs}


@register.inclusion_tag("training/_coverage_section.html")
def training_coverage(dashboard_rows, *, title=""):
    """Coverage rows for the districts of a dashboard's rows (dicts with a ``code``), with the
    untrained ones marked."""
    codes = [row["code"] for row in dashboard_rows]
    rows = selectors.coverage(districts=District.objects.filter(code__in=codes).order_by("code"))
    return {
        "rows": rows,
        "untrained": [row for row in rows if row["nobody_trained"]],
        "title": title,
    }
