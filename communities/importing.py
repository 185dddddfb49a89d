"""Import of communities and activities from XLSX or CSV: read → validate → preview → apply.

The same functions serve the web pages and the ``import_communities`` command. Applying
is all-or-nothing (one transaction) unless the user chooses to import only the valid rows.
"""

import csv
import io
from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.results import RowResult

from communities.resources import (
    ACTIVITY_COLUMNS,
    ACTIVITY_REQUIRED,
    COMMUNITY_COLUMNS,
    COMMUNITY_REQUIRED,
    ActivityResource,
    CommunityResource,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
KINDS = {
    "communities": (CommunityResource, COMMUNITY_COLUMNS, COMMUNITY_REQUIRED),
    "activities": (ActivityResource, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: one clear message, nothing imported."""


@dataclass
class RowReport:
    number: int  # the row number the user sees in the spreadsheet (header is row 1)
    status: str  # new | update | skip | error
    label: str = ""
    problems: list = field(default_factory=list)  # [(column, message)]
    values: dict = field(default_factory=dict)


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


def read_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Return the header and the non-blank rows with their spreadsheet row numbers."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("ไฟล์ใหญ่เกิน 5 MB กรุณาแบ่งไฟล์แล้วนำเข้าทีละส่วน"))
    if not data.strip():
        raise ImportFileError(_("ไฟล์ว่างเปล่า"))
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        rows = _read_xlsx(data)
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


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for junk
        raise ImportFileError(_("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")) from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def build_dataset(kind: str, header: list[str], body: list[tuple[int, list]]):
    """Map headers to our columns (Thai headers, or field names), checking none is missing."""
    _resource, columns, required = KINDS[kind]
    by_header = {title: key for key, title in columns.items()} | {key: key for key in columns}
    mapped = [by_header.get(h) for h in header]
    missing = [columns[key] for key in required if key not in mapped]
    if missing:
        raise ImportFileError(
            _("ไม่พบคอลัมน์ที่จำเป็น: %(columns)s (ดาวน์โหลดแม่แบบเพื่อดูหัวคอลัมน์)")
            % {"columns": ", ".join(missing)}
        )
    present = [key for key in columns if key in mapped]
    dataset = tablib.Dataset(headers=[columns[key] for key in present])
    numbers = []
    for number, row in body:
        cells = dict(zip(mapped, row, strict=False))
        dataset.append([cells.get(key) for key in present])
        numbers.append(number)
    return dataset, numbers


# --- Validating and applying --------------------------------------------------------------
STATUS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "update",
    RowResult.IMPORT_TYPE_SKIP: "skip",
}


def _row_report(kind, number, row_result, dataset_row) -> RowReport:
    _resource, columns, _required = KINDS[kind]
    title_column = columns.get("name") or columns.get("title")
    values = dict(dataset_row)
    report = RowReport(
        number=number,
        status=STATUS.get(row_result.import_type, "error"),
        label=str(values.get(title_column) or ""),
        values=values,
    )
    if row_result.validation_error is not None:
        error = row_result.validation_error
        items = (
            error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
        )
        for key, messages in items:
            column = columns.get(key) or columns.get(
                key.replace("community", "community_number") if key else "", ""
            )
            for message in messages:
                report.problems.append((column or _("ทั้งแถว"), message))
    for err in row_result.errors:
        report.problems.append((_("ทั้งแถว"), _("บันทึกไม่ได้: %(error)s") % {"error": err.error}))
    if report.problems:
        report.status = "error"
    return report


def _duplicates(kind, dataset, numbers) -> dict[int, str]:
    """Rows that repeat an earlier row's identity inside the same file."""
    _resource, columns, _required = KINDS[kind]
    keys = (
        ["district", "number"]
        if kind == "communities"
        else ["district", "community_number", "date", "title"]
    )
    seen, dupes = {}, {}
    for number, row in zip(numbers, dataset.dict, strict=True):
        key = tuple(" ".join(str(row.get(columns[k]) or "").split()) for k in keys)
        if key in seen:
            dupes[number] = _("ซ้ำกับแถวที่ %(row)s ในไฟล์เดียวกัน") % {"row": seen[key]}
        else:
            seen[key] = number
    return dupes


def run_import(
    *, kind: str, data: bytes, filename: str, user, dry_run: bool, only_rows=None
) -> ImportReport:
    """Validate (dry run) or apply an import. Applying is one transaction: with any error row
    nothing is written, unless ``only_rows`` restricts the import to the rows previewed valid."""
    header, body = read_table(data, filename)
    if only_rows is not None:
        wanted = set(only_rows)
        body = [(n, row) for n, row in body if n in wanted]
    dataset, numbers = build_dataset(kind, header, body)
    dupes = _duplicates(kind, dataset, numbers)
    resource_class = KINDS[kind][0]
    with transaction.atomic():
        # One pass: import for real inside this transaction, and roll everything back when
        # this is a preview or when any row is invalid.
        result = resource_class(user=user).import_data(
            dataset,
            dry_run=False,
            raise_errors=False,
            use_transactions=True,
            collect_failed_rows=True,
        )
        rows = [
            _row_report(kind, number, row_result, dataset_row)
            for number, row_result, dataset_row in zip(
                numbers, result.rows, dataset.dict, strict=True
            )
        ]
        for row in rows:
            if row.number in dupes:  # say why in Thai, instead of the database's complaint
                row.status = "error"
                row.problems = [(_("ทั้งแถว"), dupes[row.number])]
        report = ImportReport(kind=kind, rows=rows)
        if dry_run or report.has_errors:
            transaction.set_rollback(True)
    return report
