"""Issue 29 part 6: an import that explains itself. The preview shows what new rows will
write as parsed, names the columns it does not read, reads English registry headers, asks
"did you mean …?" for a new name close to an existing community, lets a spelling clean-up
through, and offers no confirm button when nothing would change. The template has dropdowns
and the user's district; every XLSX export freezes its header and fits its columns."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from communities.models import Community
from tests.communities.factories import CommunityFactory
from tests.communities.test_registry_import import run, workbook

pytestmark = pytest.mark.django_db


def upload(client, data, kind="communities"):
    response = client.post(
        reverse("communities:import"),
        {"kind": kind, "file": SimpleUploadedFile("registry.xlsx", data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    token = response.url.rstrip("/").split("/")[-1]
    return token, client.get(response.url).content.decode()


# --- What new rows write, and what is not read ----------------------------------------------
def test_the_preview_shows_what_a_new_row_writes_as_parsed(login, staff_bangphlat):
    header = ["ชื่อชุมชน", "ประเภทชุมชน", "จำนวนประชากร", "วันที่จดทะเบียน"]
    data = workbook([["คลองสวนพริก", "ชุมชนแออัด", "๘๑๒", "2025-08-04"]], header)
    _token, page = upload(login(staff_bangphlat), data)
    assert "<strong>ประเภทชุมชน</strong>: ชุมชนแออัด" in page
    assert "<strong>จำนวนประชากร</strong>: 812" in page  # Thai digits read as a number
    assert "<strong>วันที่จดทะเบียน</strong>: 4 ส.ค. 2568" in page  # a B.E. date
    assert not Community.objects.exists()


def test_english_registry_headers_are_read_and_unused_columns_are_named(staff_bangphlat):
    header = ["district_code", "community_name", "type", "male_count", "female_count", "remark"]
    data = workbook([["1025", "คลองสวนพริก", "ชุมชนแออัด", "400", "412", "ok"]], header)
    report = run(staff_bangphlat, data, dry_run=True)
    assert report.unused_columns == ["remark"]
    run(staff_bangphlat, data)
    community = Community.objects.get()
    assert (community.male, community.female, community.population) == (400, 412, 812)


def test_the_preview_names_the_columns_it_does_not_import(login, staff_bangphlat):
    header = ["ชื่อชุมชน", "ประเภทชุมชน", "แขวง", "หมายเหตุ"]
    _token, page = upload(login(staff_bangphlat), workbook([["ก", "ชุมชนเมือง", "x", "y"]], header))
    assert "แขวง, หมายเหตุ ไม่ได้นำเข้า" in page


# --- Did you mean …? -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed",
    ["ร่วมใจพัฒณา", "ชุมชนร่วมใจพัฒนา 1"],  # a letter slipped; a digit gained
)
def test_a_new_name_close_to_an_existing_community_asks_did_you_mean(
    login, staff_bangphlat, bangphlat, typed
):
    existing = CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    if typed.endswith("1"):
        existing.name = "ชุมชนร่วมใจพัฒนา 11"
        existing.save()
    client = login(staff_bangphlat)
    token, page = upload(client, workbook([[typed, "ชุมชนเมือง"]], ["ชื่อชุมชน", "ประเภทชุมชน"]))
    assert 'id="import-near"' in page
    assert f"ใส่รหัสชุมชน {existing.code}" in page and existing.name in page
    # Not ticked: not imported (no duplicate by a typo) and the officer is told why.
    response = client.post(
        reverse("communities:import_confirm", args=[token]), {"mode": "all"}, follow=True
    )
    assert Community.objects.count() == 1
    assert "ชื่อใกล้กับชุมชนที่มีอยู่แล้ว" in response.content.decode()


def test_a_near_name_ticked_as_really_new_is_imported(staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    data = workbook([["ร่วมใจพัฒณา", "ชุมชนเมือง"]], ["ชื่อชุมชน", "ประเภทชุมชน"])
    preview = run(staff_bangphlat, data, dry_run=True, default_district=bangphlat)
    number = preview.near_names[0].number
    run(staff_bangphlat, data, default_district=bangphlat)  # not ticked: held
    assert Community.objects.count() == 1
    run(staff_bangphlat, data, confirmed_new=[number], default_district=bangphlat)
    assert Community.objects.filter(name="ร่วมใจพัฒณา").exists()


def test_different_communities_are_not_asked_about(staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat, name="ชุมชนวัดบางพลัด")
    data = workbook([["ลุมพินีทาวน์ชิป", "ชุมชนอาคารสูง"]], ["ชื่อชุมชน", "ประเภทชุมชน"])
    assert run(staff_bangphlat, data, dry_run=True, default_district=bangphlat).near_names == []


def test_a_deliberate_spelling_clean_up_by_code_is_applied_when_ticked(staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนคลองเตยล็อค 1 - 3")
    data = workbook([[community.code, "ชุมชนคลองเตยล็อค 1-3"]], ["รหัสชุมชน", "ชื่อชุมชน"])
    preview = run(staff_bangphlat, data, dry_run=True)
    assert preview.rows[0].spelling and not preview.rows[0].danger
    run(staff_bangphlat, data)  # not ticked: the stored spelling stays
    community.refresh_from_db()
    assert community.name == "ชุมชนคลองเตยล็อค 1 - 3"
    run(staff_bangphlat, data, apply_renames=True)
    community.refresh_from_db()
    assert community.name == "ชุมชนคลองเตยล็อค 1-3"


# --- Nothing to confirm ----------------------------------------------------------------------
def test_no_confirm_button_when_nothing_changes(login, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat, name="ชุมชนริมคลอง")
    client = login(staff_bangphlat)
    data = workbook([[community.code, community.name]], ["รหัสชุมชน", "ชื่อชุมชน"])
    _token, page = upload(client, data)
    assert 'id="import-nothing"' in page and "ยืนยันนำเข้า" not in page
    _token, page = upload(client, workbook([["ใหม่", "ชุมชนเมือง"]], ["ชื่อชุมชน", "ประเภทชุมชน"]))
    assert "ยืนยันนำเข้า" in page and 'id="import-nothing"' not in page


# --- The template and the exports -------------------------------------------------------------
def test_the_template_link_comes_first_on_the_upload_page(login, staff_bangphlat):
    page = login(staff_bangphlat).get(reverse("communities:import")).content.decode()
    main = page[page.index("<main") :] if "<main" in page else page
    assert main.index(reverse("communities:import_template")) < main.index("<form")


def test_the_template_has_dropdowns_the_district_and_a_frozen_header(login, staff_bangphlat):
    response = login(staff_bangphlat).get(reverse("communities:import_template"))
    assert "1025" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["ชุมชน"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "1025"
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert ranges == {"E2:E201": "'ค่าที่ใช้ได้'!$A$2:$A$7", "N2:N201": "'ค่าที่ใช้ได้'!$B$2:$B$4"}
    allowed = [c.value for c in book["ค่าที่ใช้ได้"]["A"][1:7]]
    assert "ชุมชนแออัด" in allowed
    assert book["กิจกรรม"].data_validations.dataValidation  # step and activity type
    # The filled-in district alone is an empty row: the template imports as nothing.
    assert run(staff_bangphlat, response.content, dry_run=True).rows == []


def test_xlsx_exports_freeze_the_header_and_fit_the_columns(login, strategy, bangphlat):
    CommunityFactory(district=bangphlat, name="เคหะชุมชนร่มเกล้าแฟลตคลองสองต้นนุ่น")
    response = login(strategy).get(
        reverse("communities:export", args=["xlsx"]), {"district": "1025"}
    )
    assert 'filename="communities-1025-' in response["Content-Disposition"]
    sheet = load_workbook(
        io.BytesIO(
            b"".join(response.streaming_content) if response.streaming else response.getvalue()
        )
    ).active
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    name_column = sheet.cell(row=1, column=headers.index("ชื่อชุมชน") + 1).column_letter
    code_column = sheet.cell(row=1, column=headers.index("รหัสเขต") + 1).column_letter
    # The long name fits (Thai marks take no width), the district code stays narrow.
    assert sheet.column_dimensions[name_column].width >= 30
    assert sheet.column_dimensions[code_column].width <= 12


def test_export_file_names_carry_the_district_filter(login, strategy, bangphlat):
    client = login(strategy)
    one = client.get(reverse("communities:export", args=["csv"]), {"district": "1025"})
    city = client.get(reverse("communities:export", args=["csv"]))
    activities = client.get(
        reverse("communities:activity_export", args=["csv"]), {"district": "1001"}
    )
    assert 'filename="communities-1025-' in one["Content-Disposition"]
    assert 'filename="communities-2' in city["Content-Disposition"]  # the date, no district
    assert 'filename="activities-1001-' in activities["Content-Disposition"]


def test_a_background_export_is_named_for_its_district_too(strategy):
    from communities.io.export_jobs import activities_export

    assert activities_export(strategy, "district=1001&q=x").filename == "activities-1001"
    assert activities_export(strategy, "").filename == "activities"


def test_the_command_explains_the_same_and_confirms_new_names_on_request(
    tmp_path, bangphlat, capsys
):
    from django.core.management import call_command

    CommunityFactory(district=bangphlat, name="ชุมชนร่วมใจพัฒนา")
    path = tmp_path / "r.xlsx"
    header = ["ชื่อชุมชน", "ประเภทชุมชน", "male_count", "female_count", "แขวง"]
    path.write_bytes(workbook([["ร่วมใจพัฒณา", "ชุมชนเมือง", "400", "412", "บางอ้อ"]], header))
    call_command("import_communities", str(path), "--district", "1025")
    out = capsys.readouterr().out
    assert "+ จำนวนประชากร: 812" in out and "columns not imported: แขวง" in out
    assert "--confirm-new-names" in out and "หมายถึงชุมชนนี้หรือไม่" in out
    assert Community.objects.count() == 1
    call_command("import_communities", str(path), "--district", "1025", "--confirm-new-names")
    assert Community.objects.count() == 2
