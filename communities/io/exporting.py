"""Exports of the community list (same scope and filters as the page) and import templates."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bangphlat import exports
from communities import selectors
from communities.io.resources import (
    ACTIVITY_COLUMNS,
    COMMUNITY_COLUMNS,
    ActivityResource,
    CommunityResource,
)
from communities.models import Activity, ActivityType, CommunityStatus, CommunityType

CONTENT_TYPES = exports.CONTENT_TYPES


def export_filename(base: str, filters: dict) -> str:
    """communities-1025 for one district's list, so two districts' downloads (or the whole
    city's) never overwrite each other in the Downloads folder; the date follows."""
    district = filters.get("district")
    code = getattr(district, "code", district)
    return f"{base}-{code}" if code and str(code).isascii() and str(code).isalnum() else base


def export_communities(*, user, filters: dict, fmt: str):
    queryset = selectors.community_list(user=user, filters=filters)
    return exports.resource_exporter(
        CommunityResource(user=user),
        queryset,
        filename=export_filename("communities", filters),
        sheet_title=pgettext("plural", "ชุมชน"),
    ).response(fmt)


def export_activities(*, user, community_ids, fmt: str, filters: dict | None = None):
    queryset = (
        Activity.objects.alive()
        .filter(community_id__in=community_ids)
        .select_related("district", "community", "activity_type")
        .order_by("date", "pk")
    )
    return exports.resource_exporter(
        ActivityResource(user=user),
        queryset,
        filename=export_filename("activities", filters or {}),
        sheet_title=_("กิจกรรม"),
    ).response(fmt)


TEMPLATE_ROWS = 200  # data rows given the district and the dropdowns


def import_template(*, user) -> HttpResponse:
    """An XLSX whose data sheets (ชุมชน, กิจกรรม) carry the Thai headers, the user's district
    in its column and dropdowns (data validation) for the choices; one example of each kind
    sits on the ตัวอย่าง sheet, which imports never read; the allowed values follow (the
    dropdowns read their lists there). A row with only its district is an empty row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from communities.io.import_plan import EXAMPLE_ACTIVITY_TITLE, EXAMPLE_COMMUNITY_NAME

    own_code = user.district.code if user.district_id else ""
    district_code = own_code or "1025"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ชุมชน"
    sheet.append(list(COMMUNITY_COLUMNS.values()))
    activities = workbook.create_sheet("กิจกรรม")
    activities.append(list(ACTIVITY_COLUMNS.values()))
    example = workbook.create_sheet("ตัวอย่าง")
    example.append(["ตัวอย่างการกรอก (แผ่นงานนี้ไม่ถูกนำเข้า: กรอกข้อมูลจริงในแผ่นงาน “ชุมชน” และ “กิจกรรม”)"])
    example.append(list(COMMUNITY_COLUMNS.values()))
    example.append(
        [district_code, "", "", EXAMPLE_COMMUNITY_NAME, str(CommunityType.CROWDED.label), "480",
         "230", "250", "120", "4/8/2568", "ซอยจรัญสนิทวงศ์ 75", "13.78700", "100.49400",
         str(CommunityStatus.ACTIVE.label), "นายสมชาย ใจดี", "081-234-5678"]
    )  # fmt: skip
    example.append([])
    example.append(list(ACTIVITY_COLUMNS.values()))
    example.append(
        [district_code, "", EXAMPLE_COMMUNITY_NAME, "", "4 ส.ค. 2568", EXAMPLE_ACTIVITY_TITLE,
         "บัญชีครัวเรือน", "เข้าใจ", "ความพอประมาณ, ความมีเหตุผล", "๓๕", "20", "8", "1", "0", "12",
         "1,500", "งบประมาณสำนักงานเขต", "ครัวเรือนเริ่มจดบัญชี 30 ครัวเรือน"]
    )  # fmt: skip
    example.append([])
    example.append(
        ["รหัสชุมชน: เว้นว่างสำหรับชุมชนใหม่ (ระบบให้รหัสถาวร) ชุมชนที่มีอยู่แล้วหาจากรหัสชุมชน "
         "หรือชื่อชุมชนในเขต ไม่ใช้ลำดับแถว ลำดับชุมชนไม่บังคับ คอลัมน์ที่ไม่มีในไฟล์จะไม่ถูกเปลี่ยน"]
    )  # fmt: skip
    help_sheet = workbook.create_sheet("ค่าที่ใช้ได้")
    help_sheet.append(["ประเภทชุมชน", "สถานะ", "ขั้น", "ประเภทกิจกรรม"])
    columns = [
        [str(label) for _v, label in CommunityType.choices],
        [str(label) for _v, label in CommunityStatus.choices],
        ["เข้าใจ", "เข้าถึง", "พัฒนา"],
        list(ActivityType.objects.filter(is_active=True).values_list("name_th", flat=True)),
    ]
    for index in range(max(len(c) for c in columns)):
        help_sheet.append([c[index] if index < len(c) else None for c in columns])
    help_sheet.append([])
    help_sheet.append(["วันที่ใช้ได้ทั้ง พ.ศ. และ ค.ศ. เช่น 4/8/2568, 2568-08-04, 4 ส.ค. 2568 ตัวเลขไทยได้"])
    for ws in (sheet, activities):  # รหัสเขต is the first column of both
        for row in range(2, TEMPLATE_ROWS + 2) if own_code else ():
            ws.cell(row=row, column=1, value=own_code)
    _dropdowns(
        sheet, COMMUNITY_COLUMNS, {"community_type": (0, columns[0]), "status": (1, columns[1])}
    )
    _dropdowns(
        activities,
        ACTIVITY_COLUMNS,
        {"model_step": (2, columns[2]), "activity_type": (3, columns[3])},
    )
    for ws in (sheet, activities, example, help_sheet):
        exports.neutralise_sheet(ws)  # activity type names are typed in by an administrator
        for cell in ws[1]:
            cell.font = Font(bold=True)
        exports.fit_sheet(ws, freeze_header=ws in (sheet, activities, help_sheet))
    example.column_dimensions["A"].width = 18  # its first row is a sentence, not a column
    from io import BytesIO

    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    name = f"bangphlat-import-template-{own_code}" if own_code else "bangphlat-import-template"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _dropdowns(ws, columns: dict, lists: dict) -> None:
    """A cell dropdown per choice column, reading its list on the ค่าที่ใช้ได้ sheet (a typed
    value outside the list is refused by Excel and LibreOffice, and by the import anyway)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    keys = list(columns)
    for key, (help_column, values) in lists.items():
        if not values:
            continue
        source = get_column_letter(help_column + 1)
        validation = DataValidation(
            type="list",
            formula1=f"'ค่าที่ใช้ได้'!${source}$2:${source}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="ค่าไม่ถูกต้อง",
            error="เลือกจากรายการ (ดูแผ่นงาน “ค่าที่ใช้ได้”)",
        )
        letter = get_column_letter(keys.index(key) + 1)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(validation)
