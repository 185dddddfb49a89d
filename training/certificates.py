"""The certificate PDF (วุฒิบัตร): one A4 landscape page in the office's official style, Thai
only, with the vendored Sarabun, the signatory and a QR code to the public verification page.

A certificate is rendered from what it certifies each time it is downloaded (no stored file):
the run, course and person cannot change once the run is completed, and a revoked one says so
on the page as well as at its verification address."""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from bangphlat import thaifont
from bangphlat.qr import qr_svg
from bangphlat.thai import format_date_th_long
from bangphlat.thai_breaks import wrap_thai_html

CERTIFICATE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "certificate-print.css"
ISSUER = "สำนักยุทธศาสตร์และประเมินผล"
ISSUER_PARENT = "กรุงเทพมหานคร"


def course_hours(course) -> Decimal:
    """The course's hours: the sum of its modules' (one query)."""
    total = course.course_modules.aggregate(total=Sum("module__hours"))["total"]
    return total or Decimal(0)


def _hours_text(hours: Decimal) -> str:
    return f"{hours.normalize():f}" if hours else "0"


def _date_range_text(starts_on, ends_on) -> str:
    if starts_on == ends_on:
        return f"วันที่ {format_date_th_long(starts_on)}"
    return f"ระหว่างวันที่ {format_date_th_long(starts_on)} ถึงวันที่ {format_date_th_long(ends_on)}"


def certificate_context(certificate, *, verify_url: str) -> dict:
    participant = certificate.participant
    run = participant.run
    course = run.course
    signatory_name, signatory_position = settings.TRAINING_CERTIFICATE_SIGNATORY
    return {
        "issuer": ISSUER,
        "issuer_parent": ISSUER_PARENT,
        "holder": participant.display_name,
        "course": course.title,
        "course_version": course.version,
        "host": run.host.name_th,
        "dates": _date_range_text(run.starts_on, run.ends_on),
        "hours": _hours_text(course_hours(course)),
        "issued_on": format_date_th_long(timezone.localdate(certificate.issued_at)),
        "signatory_name": signatory_name,
        "signatory_position": signatory_position,
        "code": certificate.code,
        "verify_url": verify_url,
        "revoked": not certificate.is_valid,
        "qr": qr_svg(verify_url, label=f"ตรวจสอบวุฒิบัตร {certificate.code}", scale=4, border=1),
    }


def render_certificate_html(certificate, *, verify_url: str) -> str:
    context = certificate_context(certificate, verify_url=verify_url)
    context["css"] = thaifont.font_face_css() + CERTIFICATE_CSS.read_text()
    html = render_to_string("training/certificate_pdf.html", context)
    # WeasyPrint's own Thai breaker cuts words: keep them whole (as the handbook does).
    return str(wrap_thai_html(mark_safe(html)))  # noqa: S308 - our own template


def render_certificate_pdf(certificate, *, verify_url: str) -> bytes:
    """The PDF bytes. ``verify_url`` is the absolute address of the public check page."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    thaifont.install()
    html = render_certificate_html(certificate, verify_url=verify_url)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        font_config=FontConfiguration(), pdf_tags=True
    )
    return document.write_pdf(pdf_tags=True)
