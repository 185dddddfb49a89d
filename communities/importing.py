"""Import of communities and activities from XLSX or CSV: read → validate → preview → apply.

The same functions serve the web pages and the ``import_communities`` command. Applying
is all-or-nothing (one transaction) unless the user chooses to import only the valid rows.
"""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from communities import import_activities_plan, import_communities_plan, import_plan
from communities.import_plan import PlannedRow
from communities.resources import (
    ACTIVITY_COLUMNS,
    ACTIVITY_REQUIRED,
    COMMUNITY_COLUMNS,
    COMMUNITY_REQUIRED,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
KINDS = {
    "communities": (None, COMMUNITY_COLUMNS, COMMUNITY_REQUIRED),
    "activities": (None, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED),
}
# The template's sheets: data sheets by kind; the example and help sheets are never read.
SHEETS = {"communities": "ชุมชน", "activities": "กิจกรรม"}
NEVER_IMPORTED_SHEETS = {"ตัวอย่าง", "ค่าที่ใช้ได้"}


PLANNERS = {
    "communities": (
        import_communities_plan.plan_communities,
        import_communities_plan.apply_communities,
    ),
    "activities": (import_activities_plan.plan_activities, import_activities_plan.apply_activities),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: one clear message, nothing imported."""


RowReport = PlannedRow  # one row of the preview: status, problems, changes, notes


@dataclass
class ImportReport:
    kind: str
    rows: list

    @property
    def counts(self) -> dict:
        counts = {"new": 0, "update": 0, "skip": 0, "error": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.status == "error" for row in self.rows)

    @property
    def valid_row_numbers(self) -> list[int]:
        return [row.number for row in self.rows if row.status != "error"]

    PREVIEW_LIMIT = 1000

    @property
    def shown_rows(self) -> list:
        """What the preview lists: rows with something to see (unchanged rows without a note
        are counted, not listed), at most PREVIEW_LIMIT, problems and renames first."""
        rows = [r for r in self.rows if r.status != "skip" or r.notes]
        rows.sort(key=lambda r: (r.status != "error" and not r.danger, not r.rename, r.number))
        return rows[: self.PREVIEW_LIMIT]

    @property
    def hidden_count(self) -> int:
        return len(self.rows) - len(self.shown_rows)

    @property
    def renames(self) -> list:
        return [row for row in self.rows if row.rename and row.status != "error"]

    @property
    def flagged(self) -> list:
        return [row for row in self.rows if row.danger]


# --- Reading -----------------------------------------------------------------------------
def _decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp874"):  # UTF-8, or Thai Windows/TIS-620 from old Excel
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp874" and not any("\u0e00" <= ch <= "\u0e7f" for ch in text[:5000]):
            break  # decodes, but is not Thai text: really a wrong encoding
        return text
    raise ImportFileError(
        _("อ่านไฟล์ CSV ไม่ได้: การเข้ารหัสตัวอักษรไม่ถูกต้อง กรุณาบันทึกเป็น CSV UTF-8 แล้วลองใหม่")
    )


def read_table(
    data: bytes, filename: str, kind: str | None = None
) -> tuple[list[str], list[tuple[int, list]]]:
    """Return the header and the non-blank rows with their spreadsheet row numbers (from a
    workbook, the sheet for ``kind``)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("ไฟล์ใหญ่เกิน 5 MB กรุณาแบ่งไฟล์แล้วนำเข้าทีละส่วน"))
    if not data.strip():
        raise ImportFileError(_("ไฟล์ว่างเปล่า"))
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        rows = _read_xlsx(data, kind)
    elif name.endswith(".csv") or name.endswith(".txt"):
        rows = list(csv.reader(io.StringIO(_decode_csv(data))))
    else:
        raise ImportFileError(_("รองรับเฉพาะไฟล์ .xlsx หรือ .csv"))
    numbered = [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if any(str(cell).strip() for cell in row if cell is not None)
    ]
    if not numbered:
        raise ImportFileError(_("ไฟล์ไม่มีข้อมูล"))
    header, body = numbered[0][1], numbered[1:]
    header = [" ".join(str(h).split()) if h is not None else "" for h in header]
    if len(body) > MAX_IMPORT_ROWS:
        raise ImportFileError(_("ไฟล์มีมากกว่า 20,000 แถว กรุณาแบ่งไฟล์"))
    return header, body


def _read_xlsx(data: bytes, kind: str | None = None) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for junk
        raise ImportFileError(_("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")) from exc
    sheet = _pick_sheet(workbook, kind)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _pick_sheet(workbook, kind: str | None):
    """The sheet named for the kind (ชุมชน, กิจกรรม); else the first sheet whose header has
    the kind's columns; else the first data sheet. The example sheet is never read."""
    sheets = [ws for ws in workbook.worksheets if ws.title.strip() not in NEVER_IMPORTED_SHEETS]
    if not sheets:
        raise ImportFileError(_("ไฟล์นี้มีแต่แผ่นงานตัวอย่าง กรุณากรอกข้อมูลในแผ่นงาน “ชุมชน” หรือ “กิจกรรม”"))
    if kind is None:
        return sheets[0]
    for ws in sheets:
        if ws.title.strip() == SHEETS[kind]:
            return ws
    _resource, columns, required = KINDS[kind]
    for ws in sheets:
        header = next(ws.iter_rows(max_row=1, values_only=True), ())
        mapped = import_plan.map_header(kind, [str(h) if h is not None else "" for h in header])
        if all(key in mapped for key in required if key != "district"):
            return ws
    return sheets[0]


def _check_columns(kind: str, mapped: list, *, default_district) -> None:
    _resource, columns, required = KINDS[kind]
    missing = [
        columns[key]
        for key in required
        if key not in mapped
        and not (
            key == "district"
            and (
                default_district is not None
                or {"district_name", "code", "community_code"} & set(mapped)
            )
        )
    ]
    if missing:
        raise ImportFileError(
            _("ไม่พบคอลัมน์ที่จำเป็น: %(columns)s (ดาวน์โหลดแม่แบบเพื่อดูหัวคอลัมน์)")
            % {"columns": ", ".join(missing)}
        )


# --- Validating and applying --------------------------------------------------------------
def run_import(
    *,
    kind: str,
    data: bytes,
    filename: str,
    user,
    dry_run: bool,
    only_rows=None,
    apply_renames: bool = False,
    default_district=None,
) -> ImportReport:
    """Preview (``dry_run``) or apply an import. Applying is one transaction: with any error row
    nothing is written, unless ``only_rows`` restricts the import to the rows previewed valid.
    Renames are applied only with ``apply_renames``; ``default_district`` fills a missing
    รหัสเขต. A preview writes nothing at all."""
    header, body = read_table(data, filename, kind)
    if only_rows is not None:
        wanted = set(only_rows)
        body = [(n, row) for n, row in body if n in wanted]
    mapped = import_plan.map_header(kind, header)
    _check_columns(kind, mapped, default_district=default_district)
    plan, apply = PLANNERS[kind]
    rows = plan(mapped, body, user=user, default_district=default_district, validate=dry_run)
    report = ImportReport(kind=kind, rows=rows)
    if dry_run or report.has_errors:
        return report
    with transaction.atomic():
        apply(rows, user=user, apply_renames=apply_renames)
        if report.has_errors:  # the database changed since planning: write nothing
            transaction.set_rollback(True)
    return report
