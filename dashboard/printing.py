"""The dashboard as a PDF (WeasyPrint, the shared SVG charts, Sarabun): the print button and
the monthly reports that are sent by themselves (scheduled/) render through here."""

from django.conf import settings
from django.template.loader import render_to_string

from dashboard import figures


def dashboard_pdf(data, *, filters=None, title="", note="", base_url="") -> bytes:
    """``title`` and ``note`` replace the all-district heading and add a line under it (a
    scheduled report names its scope and the period it counts)."""
    from weasyprint import HTML

    from bangphlat import thaifont

    thaifont.install()
    html = render_to_string(
        "dashboard/print.html",
        {
            "data": data,
            "filters": filters or {},
            "tile_map": figures.tile_map(data["rows"], size=50),
            "legend": figures.stage_legend(data["stage_counts"]),
            "charts": figures.dashboard_charts(data),
            "font_css": thaifont.font_face_css(),
            "report_title": title,
            "report_note": note,
        },
    )
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()
