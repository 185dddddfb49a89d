"""Import and export of communities and activities: formats Thai spreadsheets contain,
preview before applying, all-or-nothing, re-import and round trip change nothing, and the
same permission scope as the pages."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from communities.io import importing
from communities.io.resources import ACTIVITY_COLUMNS, COMMUNITY_COLUMNS
from communities.models import Activity, Community
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.django_db
HEADER = list(COMMUNITY_COLUMNS.values())


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, header=HEADER, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def row(number=1, name="ชุมชนร่วมใจพัฒนา", district="1025", **overrides):
    values = {
        "รหัสเขต": district, "รหัสชุมชน": "", "ลำดับชุมชน": number, "ชื่อชุมชน": name,
        "ประเภทชุมชน": "ชุมชนแออัด", "ชาย": "", "หญิง": "",
        "จำนวนครัวเรือน": "120", "จำนวนประชากร": "480", "วันที่จดทะเบียน": "4/8/2568",
        "ที่ตั้ง": "ซอย 1", "ละติจูด": "13.78", "ลองจิจูด": "100.49", "สถานะ": "ดำเนินการอยู่",
        "ชื่อประธานชุมชน": "นายสมชาย ใจดี", "โทรศัพท์ประธานชุมชน": "081-234-5678",
    } | overrides  # fmt: skip
    return [values[h] for h in HEADER]


def run(user, data, filename="c.xlsx", dry_run=False, kind="communities", only_rows=None):
    return importing.run_import(
        kind=kind, data=data, filename=filename, user=user, dry_run=dry_run, only_rows=only_rows
    )


# --- Formats ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "registered", ["2568-08-04", "4/8/2568", "4 ส.ค. 2568", "๔/๘/๒๕๖๘", "2025-08-04"]
)
def test_buddhist_era_and_thai_dates_are_accepted(staff_bangphlat, registered):
    report = run(staff_bangphlat, xlsx([row(**{"วันที่จดทะเบียน": registered})]))
    assert report.counts["new"] == 1, report.rows[0].problems
    assert str(Community.objects.get().registered_on) == "2025-08-04"


def test_thai_digits_thousands_separators_stray_spaces_and_blank_rows(staff_bangphlat):
    data = xlsx([
        row(number="๑", name="  ชุมชน   ร่วมใจ  ", **{"จำนวนครัวเรือน": "๑,๒๐๐", "จำนวนประชากร": " 4,800 "}),
        [None] * len(HEADER),
        row(number=" 2 ", name="ชุมชนสอง", **{"ประเภทชุมชน": " ชุมชนเมือง "}),
    ])  # fmt: skip
    report = run(staff_bangphlat, data)
    assert report.counts == {"new": 2, "update": 0, "skip": 0, "error": 0}
    first = Community.objects.get(number=1)
    assert (first.name, first.households, first.population) == ("ชุมชน ร่วมใจ", 1200, 4800)
    assert [r.number for r in report.rows] == [2, 4]  # spreadsheet row numbers, blank row skipped


def test_csv_in_utf8_and_in_thai_windows_encoding(staff_bangphlat):
    assert run(staff_bangphlat, csv_bytes([row()]), "c.csv").counts["new"] == 1
    assert (
        run(
            staff_bangphlat, csv_bytes([row(number=2, name="ชุมชนสอง")], encoding="cp874"), "c.csv"
        ).counts["new"]
        == 1
    )
    assert set(Community.objects.values_list("name", flat=True)) == {"ชุมชนร่วมใจพัฒนา", "ชุมชนสอง"}


# --- Validation and atomicity -----------------------------------------------------------
def test_errors_name_the_row_and_column_in_thai_and_nothing_is_applied(staff_bangphlat):
    data = xlsx(
        [row(), row(number=2, name="ชุมชนสอง", **{"จำนวนครัวเรือน": "สิบ", "วันที่จดทะเบียน": "31/2/2568"})]
    )
    report = run(staff_bangphlat, data)
    assert report.has_errors
    bad = report.rows[1]
    assert bad.number == 3 and bad.status == "error"
    columns = {column for column, _message in bad.problems}
    assert {"จำนวนครัวเรือน", "วันที่จดทะเบียน"} <= columns
    assert not Community.objects.exists()


def test_only_the_valid_rows_when_the_user_chooses_so(staff_bangphlat):
    data = xlsx([row(), row(number=2, **{"ประเภทชุมชน": "ไม่มีประเภทนี้"})])
    preview = run(staff_bangphlat, data, dry_run=True)
    run(staff_bangphlat, data, only_rows=preview.valid_row_numbers)
    assert list(Community.objects.values_list("number", flat=True)) == [1]


def test_duplicate_rows_inside_one_file_are_errors(staff_bangphlat):
    report = run(staff_bangphlat, xlsx([row(), row(number=2)]), dry_run=True)
    assert "ซ้ำกับแถวที่ 2" in report.rows[1].problems[0][1]


def test_two_communities_given_one_number_are_errors(staff_bangphlat):
    report = run(staff_bangphlat, xlsx([row(), row(name="ชื่ออื่น")]), dry_run=True)
    assert "ลำดับชุมชน 1 ซ้ำกับชุมชน" in report.rows[1].problems[0][1]


def test_reimporting_the_same_file_changes_nothing(staff_bangphlat):
    data = xlsx([row(), row(number=2, name="ชุมชนสอง")])
    run(staff_bangphlat, data)
    before = (list(Community.objects.values_list("pk", "version")), Community.history.count())
    report = run(staff_bangphlat, data)
    assert report.counts == {"new": 0, "update": 0, "skip": 2, "error": 0}
    after = (list(Community.objects.values_list("pk", "version")), Community.history.count())
    assert before == after


def test_a_changed_row_updates_the_matching_community_never_duplicates(staff_bangphlat):
    run(staff_bangphlat, xlsx([row()]))
    report = run(staff_bangphlat, xlsx([row(**{"จำนวนครัวเรือน": "130"})]))
    assert report.counts["update"] == 1
    assert Community.objects.get().households == 130


def test_rows_naming_another_district_are_errors(staff_bangphlat):
    report = run(staff_bangphlat, xlsx([row(district="1001")]))
    assert report.has_errors
    assert "เฉพาะเขตของคุณ" in report.rows[0].problems[0][1]
    assert not Community.objects.exists()


@pytest.mark.parametrize(
    "data, filename, message",
    [
        (b"%PDF-1.4 not a spreadsheet", "report.pdf", "รองรับเฉพาะไฟล์"),
        (b"PK\x03\x04 junk that is not a workbook", "c.xlsx", "ไม่ใช่ไฟล์ Excel"),
        (bytes(range(128, 256)) * 10, "c.csv", "การเข้ารหัสตัวอักษร"),
        (b"x" * (importing.MAX_IMPORT_BYTES + 1), "c.csv", "ใหญ่เกิน"),
        (b"", "c.csv", "ว่างเปล่า"),
    ],
)
def test_bad_files_get_one_clear_message(staff_bangphlat, data, filename, message):
    with pytest.raises(importing.ImportFileError, match=message):
        run(staff_bangphlat, data, filename)


def test_missing_columns_are_named(staff_bangphlat):
    with pytest.raises(importing.ImportFileError, match="ชื่อชุมชน"):
        run(staff_bangphlat, xlsx([[1025, 1]], header=["รหัสเขต", "ลำดับชุมชน"]))


# --- Activities ---------------------------------------------------------------------------
def test_activities_import_with_thai_formats_and_reimport_is_a_no_op(staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat, number=1)
    values = ["1025", "", "", "๑", "4 ส.ค. 2568", "อบรมการทำบัญชีครัวเรือน", "บัญชีครัวเรือน", "เข้าใจ",
              "ความพอประมาณ, ความมีเหตุผล", "๓๕", "20", "8", "1", "0", "12", "1,500",
              "งบประมาณสำนักงานเขต", "ครัวเรือนเริ่มจดบัญชี"]  # fmt: skip
    data = xlsx([values], header=list(ACTIVITY_COLUMNS.values()))
    assert run(staff_bangphlat, data, kind="activities").counts["new"] == 1
    activity = Activity.objects.get()
    assert (activity.participants_total, str(activity.budget), activity.principles) == (
        35,
        "1500.00",
        ["moderation", "reasonableness"],
    )
    assert activity.district_id == bangphlat.pk and activity.created_by == staff_bangphlat
    assert run(staff_bangphlat, data, kind="activities").counts["skip"] == 1
    assert Activity.objects.count() == 1


def test_activity_breakdown_above_total_is_a_row_error(staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat, number=1)
    values = [
        "1025",
        "",
        "",
        "1",
        "2568-08-04",
        "ปลูกผัก",
        "ปลูกผักสวนครัว",
        "เข้าถึง",
        "",
        "10",
        "11",
        "0",
        "0",
        "0",
        "0",
        "0",
        "",
        "",
    ]
    report = run(
        staff_bangphlat, xlsx([values], header=list(ACTIVITY_COLUMNS.values())), kind="activities"
    )
    assert report.has_errors and report.rows[0].problems[0][0] == "ผู้หญิง"
    assert not Activity.objects.exists()


# --- Export and round trip ---------------------------------------------------------------
def exported_rows(response):
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


NAME = HEADER.index("ชื่อชุมชน")


def test_export_is_scoped_and_hides_personal_data_from_other_roles(
    login, staff_bangphlat, staff_mentee, strategy, bangphlat
):
    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    url = reverse("communities:export", args=["xlsx"])
    own = exported_rows(login(staff_bangphlat).get(url))
    assert own[1][NAME] == "ชุมชนร่วมใจพัฒนา" and "081-234-5678" in own[1]
    assert len(exported_rows(login(staff_mentee).get(url))) == 1  # header only
    office = exported_rows(login(strategy).get(url))
    assert (
        office[1][NAME] == "ชุมชนร่วมใจพัฒนา"
        and "081-234-5678" not in office[1]
        and "นายสมชาย ใจดี" not in office[1]
    )
    csv_text = (
        login(strategy)
        .get(reverse("communities:export", args=["csv"]))
        .getvalue()
        .decode("utf-8-sig")
    )
    assert "ชุมชนร่วมใจพัฒนา" in csv_text and "081-234-5678" not in csv_text


def test_export_follows_the_list_filters(login, strategy, bangphlat):
    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    CommunityFactory(district=bangphlat, name="ชุมชนอื่น")
    rows = exported_rows(
        login(strategy).get(reverse("communities:export", args=["xlsx"]), {"q": "ร่วมใจ"})
    )
    assert [r[NAME] for r in rows[1:]] == ["ชุมชนร่วมใจพัฒนา"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_file_imports_back_unchanged(login, staff_bangphlat, bangphlat, fmt):
    CommunityFactory(
        district=bangphlat, registered_on="2024-01-31", latitude="13.78000", longitude="100.49000"
    )
    CommunityFactory(district=bangphlat, address="ซอย 5")
    exported = login(staff_bangphlat).get(reverse("communities:export", args=[fmt])).getvalue()
    report = run(staff_bangphlat, exported, f"export.{fmt}")
    assert report.counts == {"new": 0, "update": 0, "skip": 2, "error": 0}, [
        r.problems for r in report.rows
    ]


def test_import_template_downloads_with_thai_headers(login, staff_bangphlat):
    response = login(staff_bangphlat).get(reverse("communities:import_template"))
    sheet = load_workbook(io.BytesIO(response.content))["ชุมชน"]
    assert [c.value for c in sheet[1]] == HEADER


# --- Through the pages ------------------------------------------------------------------
def test_upload_preview_and_confirm_through_the_pages(login, staff_bangphlat):
    client = login(staff_bangphlat)
    upload = SimpleUploadedFile("c.xlsx", xlsx([row()]))
    response = client.post(reverse("communities:import"), {"kind": "communities", "file": upload})
    assert response.status_code == 302
    preview = client.get(response.url)
    assert "เพิ่มใหม่ 1" in preview.content.decode() and not Community.objects.exists()
    token = response.url.rstrip("/").split("/")[-1]
    client.post(reverse("communities:import_confirm", args=[token]), {"mode": "all"})
    assert Community.objects.get().name == "ชุมชนร่วมใจพัฒนา"


def test_a_file_with_errors_cannot_be_confirmed_whole(login, staff_bangphlat):
    client = login(staff_bangphlat)
    upload = SimpleUploadedFile("c.xlsx", xlsx([row(), row(number=2, district="1001")]))
    response = client.post(reverse("communities:import"), {"kind": "communities", "file": upload})
    token = response.url.rstrip("/").split("/")[-1]
    client.post(reverse("communities:import_confirm", args=[token]), {"mode": "all"})
    assert not Community.objects.exists()


def test_a_bad_upload_shows_the_message_instead_of_a_500(login, staff_bangphlat):
    upload = SimpleUploadedFile("c.xlsx", b"PK\x03\x04 junk")
    response = login(staff_bangphlat).post(
        reverse("communities:import"), {"kind": "communities", "file": upload}
    )
    assert response.status_code == 200
    assert "ไม่ใช่ไฟล์ Excel" in response.content.decode()


def test_another_users_pending_import_cannot_be_confirmed(
    login, staff_bangphlat, staff_mentee, client
):
    login(staff_bangphlat)
    upload = SimpleUploadedFile("c.xlsx", xlsx([row()]))
    token = (
        client.post(reverse("communities:import"), {"kind": "communities", "file": upload})
        .url.rstrip("/")
        .split("/")[-1]
    )
    client.logout()
    login(staff_mentee)
    client.post(reverse("communities:import_confirm", args=[token]), {"mode": "all"})
    assert not Community.objects.exists()


# --- The command --------------------------------------------------------------------------
def test_import_command_applies_a_valid_file(tmp_path, bangphlat, capsys):
    path = tmp_path / "c.xlsx"
    path.write_bytes(xlsx([row()]))
    call_command("import_communities", str(path), "--district", "1025", "--dry-run")
    assert not Community.objects.exists()
    call_command("import_communities", str(path), "--district", "1025")
    assert Community.objects.get().district == bangphlat
    assert "new 1" in capsys.readouterr().out


def test_import_command_exits_non_zero_on_invalid_rows(tmp_path, capsys):
    path = tmp_path / "c.xlsx"
    path.write_bytes(xlsx([row(), row(number=2, district="1001")]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_communities", str(path), "--district", "1025")
    assert exit_info.value.code == 1
    assert not Community.objects.exists()
    out = capsys.readouterr()
    assert "แถว 3: error" in out.out and "เฉพาะเขตของคุณ" in out.out
