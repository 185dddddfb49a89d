"""The public certificate check, and coverage per district (counts only, no names)."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from bangphlat import exports
from training import selectors
from training.certificates import render_certificate_pdf
from training.models import Certificate

# Codes are 22 URL-safe characters (training.models.certificate_code); anything else is not
# looked up at all.
CODE = re.compile(r"[A-Za-z0-9_-]{16,32}")


def _certificate(code: str) -> Certificate:
    if not CODE.fullmatch(code):
        raise Http404(_("ไม่พบวุฒิบัตรนี้"))
    certificate = (
        Certificate.objects.select_related(
            "participant__user", "participant__run__course", "participant__run__host"
        )
        .filter(code=code)
        .first()
    )
    if certificate is None:
        raise Http404(_("ไม่พบวุฒิบัตรนี้"))
    return certificate


def certificate_check(request, code):
    """Anyone: valid or revoked, the holder's name, the course and the run's dates."""
    certificate = _certificate(code)
    run = certificate.participant.run
    return render(
        request,
        "training/certificate_public.html",
        {
            "certificate": certificate,
            "holder": certificate.participant.display_name,
            "course": run.course,
            "run": run,
        },
    )


def certificate_pdf(request, code):
    certificate = _certificate(code)
    verify_url = request.build_absolute_uri(reverse("training:certificate", args=[code]))
    pdf = render_certificate_pdf(certificate, verify_url=verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{code}.pdf"'
    return response


# --- Coverage -----------------------------------------------------------------------------
@login_required
def coverage(request):
    rows = selectors.coverage()
    return render(
        request,
        "training/coverage.html",
        {
            "rows": rows,
            "untrained": [row for row in rows if row["nobody_trained"]],
            "totals": {
                "staff": sum(r["staff_trained"] for r in rows),
                "leaders": sum(r["leaders_trained"] for r in rows),
                "runs": sum(r["runs_hosted"] for r in rows),
                "hours": sum(r["trainer_hours"] for r in rows),
            },
        },
    )


@login_required
def coverage_export(request, fmt):
    rows = (
        [
            row["district"].code,
            row["district"].name_th,
            _("ใช่") if row["district"].is_pilot else "",
            row["staff_trained"],
            row["leaders_trained"],
            row["runs_hosted"],
            row["trainer_hours"],
            _("ยังไม่มีผู้ผ่านการอบรม") if row["nobody_trained"] else "",
        ]
        for row in selectors.coverage()
    )
    return exports.ListExporter(
        headers=[
            _("รหัสเขต"),
            _("เขต"),
            _("เขตนำร่อง"),
            _("เจ้าหน้าที่ที่ผ่านการอบรม"),
            _("แกนนำชุมชนที่ผ่านการอบรม"),
            _("รุ่นที่จัด"),
            _("ชั่วโมงของวิทยากร"),
            _("หมายเหตุ"),
        ],
        rows=rows,
        filename="training-coverage",
        sheet_title=_("ความครอบคลุมการอบรม"),
    ).response(fmt)
