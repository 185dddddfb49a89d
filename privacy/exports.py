"""The copy a person takes away (PDPA s.30, s.31): every place where the portal holds their
data, as a Thai PDF to read and as JSON for a machine. Built from the same finding the page
shows; privacy/services.py logs each one handed out."""

import json
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from bangphlat import thaifont
from bangphlat.thai import format_date_th_long
from bangphlat.thai_breaks import wrap_thai_html
from privacy.selectors import Found

EXPORT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "privacy-print.css"
ISSUER = "สำนักยุทธศาสตร์และประเมินผล กรุงเทพมหานคร"


def export_json(found: Found) -> bytes:
    document = {
        "issuer": ISSUER,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "searched_by": found.query.kind,
        "records": found.records(),
        "categories": found.categories(),
        "places": [hit.as_json() for hit in found.hits],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def export_context(found: Found) -> dict:
    from privacy.categories import category_label

    return {
        "issuer": ISSUER,
        "generated_on": format_date_th_long(timezone.localdate()),
        "records": found.records(),
        "groups": [(category_label(key), hits) for key, hits in found.by_category()],
        "truncated": found.truncated,
    }


def export_pdf(found: Found) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    thaifont.install()
    with translation.override("th"):  # the copy is in Thai, whatever the officer reads
        context = export_context(found)
        context["css"] = thaifont.font_face_css() + EXPORT_CSS.read_text()
        html = render_to_string("privacy/export_pdf.html", context)
    html = str(wrap_thai_html(mark_safe(html)))  # noqa: S308 - our own template, escaped
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        font_config=FontConfiguration(), pdf_tags=True
    )
    return document.write_pdf(pdf_tags=True)
