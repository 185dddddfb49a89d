"""Reading an import file (XLSX or CSV) into a header and numbered rows, within bounds: an
upload within MAX_IMPORT_BYTES never costs more than a few seconds or ~300 MB, whatever its
zip or its encoding holds. ``communities.io.importing`` plans and applies what is read."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from bangphlat import exports, uploads
from communities.io import import_plan
from communities.io.resources import (
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


class ImportFileError(Exception):
    """The file as a whole cannot be read: one clear message, nothing imported."""


# --- Reading -----------------------------------------------------------------------------
# An upload within MAX_IMPORT_BYTES must never cost more than a few seconds or ~300 MB: an
# XLSX is a zip, so its members are measured before openpyxl opens anything.
# The zip's own expansion limits are the kernel's, for every zip-based upload (uploads.py).
MAX_CELLS = 1_000_000  # 20,000 rows × 50 columns
MAX_SHARED_STRINGS = 250_000
MAX_COLUMNS = 200  # our templates have ~20; extra columns are ignored
MAX_CELL_CHARS = 10_000  # longer text in one cell is a row error, never a crash

THAI_COMBINING = set(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def _reads_as_thai(text: str) -> bool:
    """Does text decoded as cp874 look like Thai, or like Latin-1 read wrongly ("Caf้")?

    In Thai a vowel or tone mark always follows a Thai letter, and Thai letters rarely touch
    Latin ones; Latin-1 accents read as cp874 break both rules."""
    thai = glued = 0
    previous = " "
    for ch in text:
        if _is_thai(ch):
            thai += 1
            if ch in THAI_COMBINING and not _is_thai(previous):
                return False
            if previous.isascii() and previous.isalpha():
                glued += 1
        elif ch.isascii() and ch.isalpha() and _is_thai(previous):
            glued += 1
        previous = ch
    return thai > 0 and glued / thai < 0.3


def _decode_csv(data: bytes) -> str:
    """UTF-8; else Thai Windows (cp874/TIS-620, from old Excel) when it reads as Thai; else
    Western Windows (cp1252/Latin-1) when charset-normalizer agrees; else ask for UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        thai = data.decode("cp874")
    except UnicodeDecodeError:
        thai = None
    if thai is not None and _reads_as_thai(thai):
        return thai
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "cp874"]).best()
    if best is not None and best.encoding in ("cp1252", "latin_1"):
        return str(best)
    raise ImportFileError(
        _("อ่านไฟล์ CSV ไม่ได้: การเข้ารหัสตัวอักษรไม่ถูกต้อง กรุณาบันทึกเป็น CSV UTF-8 แล้วลองใหม่")
    )


def _read_csv(data: bytes) -> list:
    # A field may be as long as the whole file: its length becomes a row error, not a crash.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES * 4))
    rows, kept = [], 0
    try:
        for row in csv.reader(io.StringIO(_decode_csv(data))):
            if not any(cell.strip() for cell in row):
                rows.append(())  # 5 MB of blank lines must not become 5 million lists
                continue
            kept += 1
            if kept > MAX_IMPORT_ROWS + 1:
                raise ImportFileError(_("ไฟล์มีมากกว่า 20,000 แถว กรุณาแบ่งไฟล์"))
            rows.append([exports.unquote_csv_cell(cell) for cell in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise ImportFileError(_("อ่านไฟล์ CSV ไม่ได้: รูปแบบไฟล์ไม่ถูกต้อง")) from exc
    return rows


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
        rows = _read_csv(data)
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


def overlong_rows(body: list[tuple[int, list]]) -> dict[int, str]:
    """Row number → a Thai message, for rows with a cell longer than MAX_CELL_CHARS."""
    message = _("ข้อความในช่องหนึ่งยาวเกิน %(max)s ตัวอักษร") % {"max": f"{MAX_CELL_CHARS:,}"}
    return {
        number: message
        for number, row in body
        if any(isinstance(cell, str) and len(cell) > MAX_CELL_CHARS for cell in row)
    }


def _check_xlsx_archive(data: bytes) -> None:
    """Refuse a zip bomb from the zip's directory alone (the kernel's limits for every
    zip-based upload), then a sheet too slow for openpyxl, before openpyxl opens anything."""
    refused = ImportFileError(
        _("ไฟล์ Excel นี้เมื่อแตกออกมีขนาดใหญ่ผิดปกติ ระบบไม่เปิดไฟล์นี้ กรุณาบันทึกข้อมูลเป็นไฟล์ใหม่แล้วลองอีกครั้ง")
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(_("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")) from exc
    if uploads.zip_is_a_bomb(io.BytesIO(data)):
        raise refused
    # Within those bounds openpyxl is still slow per item (2 million short shared strings in
    # a 5 MB file took 39 s): count cells and strings first, which costs one quick inflate.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in members:
            name = member.filename.lower()
            if name.endswith("sharedstrings.xml"):
                tags, limit = (b"<si>", b"<si "), MAX_SHARED_STRINGS
            elif name.startswith("xl/worksheets/"):
                tags, limit = (b"<c>", b"<c "), MAX_CELLS
            else:
                continue
            if _count_tags(archive, member, tags) > limit:
                raise refused


def _count_tags(archive, member, tags) -> int:
    count, tail = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            count += sum(window.count(tag) for tag in tags)
            tail = window[-3:]
            count -= sum(tail.count(tag) for tag in tags)  # counted again with the next chunk
    return count + sum(tail.count(tag) for tag in tags)


def _install_fast_inline_strings():
    """Read inline strings (what openpyxl, and so every export of ours, writes; Excel writes
    shared strings) without openpyxl's generic Text objects, which cost ~60 µs a cell: a
    third of reading a 20,000-row file. Same text: the plain part and the rich-text runs,
    phonetic runs left out, as ``Text.content``. Installed once, for read-only workbooks."""
    from openpyxl.utils import coordinate_to_tuple
    from openpyxl.worksheet import _read_only, _reader

    if getattr(_read_only.WorkSheetParser, "fast_inline_strings", False):
        return
    text_tag = f"{{{_reader.SHEET_MAIN_NS}}}t"
    run_tag = f"{{{_reader.SHEET_MAIN_NS}}}r"

    class Parser(_reader.WorkSheetParser):
        fast_inline_strings = True

        def parse_cell(self, element):
            inline = element.find(_reader.INLINE_STRING)
            if (
                element.get("t") != "inlineStr"
                or inline is None
                or self.rich_text
                or (not self.data_only and element.find(_reader.FORMULA_TAG) is not None)
            ):
                return super().parse_cell(element)
            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            parts = [child.text for child in inline.findall(text_tag)[-1:]]
            parts += [run.findtext(text_tag) for run in inline.findall(run_tag)]
            return {
                "row": row,
                "column": column,
                "value": "".join(part for part in parts if part is not None),
                "data_type": "s",
                "style_id": int(element.get("s", 0) or 0),
            }

    _read_only.WorkSheetParser = Parser


def _read_xlsx(data: bytes, kind: str | None = None) -> list[list]:
    from openpyxl import load_workbook

    _check_xlsx_archive(data)
    _install_fast_inline_strings()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for junk
        raise ImportFileError(_("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")) from exc
    try:
        sheet = _pick_sheet(workbook, kind)
        # The sheet's own <dimension> may claim A1:XFD1048576; padding every row to it would
        # build billions of empty cells. Read only the columns we could use.
        sheet.reset_dimensions()
        rows, kept, filler = [], 0, None
        width = MAX_COLUMNS  # then the header's: cells right of it have no column to go to
        for read in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            if read is filler:  # openpyxl repeats one empty tuple for rows missing in the XML
                rows.append(())
                continue
            row = read[:width]
            if any(cell is not None and str(cell).strip() for cell in row):
                kept += 1
                if kept > MAX_IMPORT_ROWS + 1:
                    raise ImportFileError(_("ไฟล์มีมากกว่า 20,000 แถว กรุณาแบ่งไฟล์"))
                if kept == 1:
                    width = _header_width(row)
                    row = row[:width]
                rows.append(list(row))
            else:
                filler = read
                rows.append(())  # keeps the spreadsheet's row numbers, costs nothing
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - broken XML inside a valid zip
        raise ImportFileError(_("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้")) from exc
    finally:
        workbook.close()
    return rows


def _header_width(header) -> int:
    """Columns up to the header's last named one (every later step reads only those)."""
    named = [index for index, cell in enumerate(header) if cell is not None and str(cell).strip()]
    return named[-1] + 1


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
