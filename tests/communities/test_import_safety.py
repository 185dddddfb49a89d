"""Import files as an attacker makes them: zip bombs, sheets that claim a million rows,
over-long CSV fields, Western encodings, and uploads left behind with personal data."""

import io
import os
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from communities.io import importing, reading
from communities.models import Community
from tests.communities.test_import_export import HEADER, csv_bytes, row, run, xlsx

pytestmark = pytest.mark.django_db


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add=None) -> bytes:
    """The same XLSX with some members replaced (``add`` writes streamed members)."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        if add:
            add(target)
    return buffer.getvalue()


def zip_bomb_xlsx(megabytes=120) -> bytes:
    """A real workbook whose sheet is followed by hundreds of MB of repeated rows."""
    base = xlsx([row()])
    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml").decode()
    head, tail = sheet.split("</sheetData>")
    filler = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(3, 200)
    ).encode()

    def write(target):
        with target.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(head.encode())
            chunk = filler * (1024 * 1024 // len(filler) + 1)
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</sheetData>" + tail.encode())

    source = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info))
        write(target)
    return buffer.getvalue()


# --- XLSX -------------------------------------------------------------------------------------
def test_a_zip_bomb_is_refused_in_under_a_second_with_one_thai_message(staff_bangphlat):
    bomb = zip_bomb_xlsx()
    assert len(bomb) < importing.MAX_IMPORT_BYTES
    started = time.monotonic()
    with pytest.raises(importing.ImportFileError) as refused:
        run(staff_bangphlat, bomb)
    assert time.monotonic() - started < 1
    assert "ขนาดใหญ่ผิดปกติ" in str(refused.value)
    assert not Community.objects.exists()


def test_the_upload_page_refuses_a_zip_bomb_quickly(login, staff_bangphlat):
    client = login(staff_bangphlat)
    bomb = SimpleUploadedFile("ชุมชน.xlsx", zip_bomb_xlsx())
    client.get(reverse("communities:import"))  # templates and URLs loaded: time the file alone
    started = time.monotonic()
    response = client.post(reverse("communities:import"), {"kind": "communities", "file": bomb})
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert "ขนาดใหญ่ผิดปกติ" in response.content.decode()


def test_a_sheet_claiming_a_million_rows_and_columns_is_read_in_a_moment(staff_bangphlat):
    """A tiny file whose <dimension> says A1:XFD1048576, with a cell in the very last row."""
    base = xlsx([row()])
    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml").decode()
    sheet = re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    assert "XFD1048576" in sheet
    sheet = sheet.replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    data = rezip(base, {"xl/worksheets/sheet1.xml": sheet.encode()})
    started = time.monotonic()
    header, body = importing.read_table(data, "c.xlsx")
    assert time.monotonic() - started < 3
    assert header[: len(HEADER)] == HEADER
    assert [number for number, _row in body] == [2]  # the far cell is beyond any column we read


def test_an_ordinary_workbook_still_imports(staff_bangphlat):
    report = run(staff_bangphlat, xlsx([row(), row(number=2, name="ชุมชนสอง")]))
    assert report.counts["new"] == 2


def test_a_workbook_of_more_than_20000_rows_is_refused_while_reading(staff_bangphlat):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for number in range(importing.MAX_IMPORT_ROWS + 5):
        sheet.append([number])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(importing.ImportFileError, match="20,000"):
        importing.read_table(buffer.getvalue(), "c.xlsx")


# --- CSV ----------------------------------------------------------------------------------
def test_an_over_long_csv_field_is_an_error_in_its_row_not_a_crash(staff_bangphlat):
    data = csv_bytes([row(), row(number=2, name="ชุมชนยาว", **{"ที่ตั้ง": "ซ" * 140_000})])
    report = run(staff_bangphlat, data, filename="c.csv", dry_run=True)
    assert [r.status for r in report.rows] == ["new", "error"]
    assert "ยาวเกิน" in report.rows[1].problems[0][1]
    assert report.valid_row_numbers == [2]


def test_an_over_long_field_is_found_whatever_its_column(staff_bangphlat):
    """Even where the model sets no length limit (an activity's outcome)."""
    body = [(2, ["a", "b" * (importing.MAX_CELL_CHARS + 1)]), (3, ["a", "b"])]
    assert importing.overlong_rows(body).keys() == {2}


def test_the_upload_page_shows_an_over_long_field_as_a_row_error(login, staff_bangphlat):
    client = login(staff_bangphlat)
    data = csv_bytes([row(**{"ที่ตั้ง": "ซ" * 200_000})])
    upload = SimpleUploadedFile("c.csv", data)
    response = client.post(reverse("communities:import"), {"kind": "communities", "file": upload})
    assert response.status_code == 302
    preview = client.get(response.url)
    assert preview.status_code == 200
    assert "ยาวเกิน" in preview.content.decode()


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Café", "latin-1"),
        ("Crème brûlée", "latin-1"),
        ("Zoë’s “Café”", "cp1252"),
        ("Étienne", "latin-1"),
    ],
)
def test_a_western_windows_csv_is_not_read_as_thai(staff_bangphlat, text, encoding):
    data = f"district,number,name,address\n1025,1,{text},Soi 3\n".encode(encoding)
    header, body = importing.read_table(data, "c.csv")
    assert body[0][1][2] == text


@pytest.mark.parametrize("name", ["บ้าน", "ชุมชนวัดบางพลัด", "ชุมชน A ซอย 3", "น้ำใจไมตรี"])
def test_a_thai_windows_csv_is_still_read_as_thai(staff_bangphlat, name):
    data = csv_bytes([row(name=name)], encoding="cp874")
    header, body = importing.read_table(data, "c.csv")
    assert header == HEADER
    assert name in body[0][1]


# --- Abandoned uploads ---------------------------------------------------------------------
def test_uploads_older_than_a_day_are_purged_by_the_command(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "imports"
    folder.mkdir()
    old, fresh = folder / "old-token", folder / "fresh-token"
    old.write_bytes(b"name,phone")
    fresh.write_bytes(b"name,phone")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    call_command("purge_imports")
    assert not old.exists() and fresh.exists()
    assert "Deleted 1" in capsys.readouterr().out


def test_the_import_page_purges_abandoned_uploads_on_the_way(
    settings, tmp_path, login, staff_bangphlat
):
    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "imports"
    folder.mkdir()
    old = folder / "forgotten"
    old.write_bytes(b"personal data")
    yesterday = time.time() - 25 * 3600
    os.utime(old, (yesterday, yesterday))
    upload = SimpleUploadedFile("c.xlsx", xlsx([row()]))
    login(staff_bangphlat).post(
        reverse("communities:import"), {"kind": "communities", "file": upload}
    )
    assert not old.exists()
    assert len(list(folder.iterdir())) == 1  # only the new upload waits for its preview


def test_a_workbook_of_millions_of_tiny_strings_is_refused_before_parsing(
    staff_bangphlat, monkeypatch
):
    """Within the size limits openpyxl is slow per string: 2 million took 39 s. Counted first."""
    monkeypatch.setattr(reading, "MAX_SHARED_STRINGS", 100)
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(101)).encode()
    data = rezip(
        xlsx([row()]),
        add=lambda target: target.writestr("xl/sharedStrings.xml", b"<sst>" + strings + b"</sst>"),
    )
    with pytest.raises(importing.ImportFileError, match="ผิดปกติ"):
        importing.read_table(data, "c.xlsx")


def test_a_sheet_of_too_many_cells_is_refused_before_parsing(staff_bangphlat, monkeypatch):
    monkeypatch.setattr(reading, "MAX_CELLS", 100)
    data = xlsx([row(number=n) for n in range(1, 20)])
    with pytest.raises(importing.ImportFileError, match="ผิดปกติ"):
        importing.read_table(data, "c.xlsx")
    monkeypatch.setattr(reading, "MAX_CELLS", 1000)
    assert len(importing.read_table(data, "c.xlsx")[1]) == 19


def test_cells_are_counted_exactly_across_read_chunks():
    body = b"".join(b'<c r="A%d"><v>1</v></c><c>x</c>' % n for n in range(150_000))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", body)
    with zipfile.ZipFile(buffer) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
        assert member.file_size > 3 * 1024 * 1024
        assert reading._count_tags(archive, member, (b"<c>", b"<c ")) == 300_000
