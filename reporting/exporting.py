"""The completeness grid as an XLSX workbook: the same rows and rates as the page."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat.exports import neutralise_sheet
from bangphlat.thai import MONTHS_TH_ABBR, be_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rate(value):
    return "" if value is None else value


def completeness_xlsx(grid) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("ความครบถ้วน")
    months = [f"{MONTHS_TH_ABBR[m.month - 1]} {be_year(m.year)}" for m in grid.months]
    sheet.append(
        [_("รหัสเขต"), _("เขต"), _("กลุ่มเขต"), *months,
         _("เดือนที่ครบกำหนด"), _("ส่งแล้ว"), _("ส่งตรงเวลา"),
         _("อัตราการส่ง (%)"), _("อัตราการส่งตรงเวลา (%)")]
    )  # fmt: skip
    for row in grid.rows:
        sheet.append(
            [row.district.code, row.district.name_th, row.district.zone_group.name_th,
             *[str(cell.label) for cell in row.cells],
             row.rates.expected, row.rates.reported, row.rates.on_time,
             _rate(row.rates.reporting_rate), _rate(row.rates.on_time_rate)]
        )  # fmt: skip
    groups = workbook.create_sheet(_("กลุ่มเขตและทั้งเมือง"))
    groups.append(
        [_("กลุ่มเขต"), _("เดือนที่ครบกำหนด"), _("ส่งแล้ว"), _("ส่งตรงเวลา"),
         _("อัตราการส่ง (%)"), _("อัตราการส่งตรงเวลา (%)")]
    )  # fmt: skip
    for group, rates in [*grid.groups, (_("ทั้งกรุงเทพมหานคร"), grid.city)]:
        name = getattr(group, "name_th", group)
        groups.append(
            [str(name), rates.expected, rates.reported, rates.on_time,
             _rate(rates.reporting_rate), _rate(rates.on_time_rate)]
        )  # fmt: skip
    for ws in (sheet, groups):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        # District and group names come from reference data; neutralise formulas anyway.
        neutralise_sheet(ws)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="reporting-{grid.fiscal_year}-{stamp}.xlsx"'
    )
    return response
