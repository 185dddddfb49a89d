"""Real community registries (issue 12): a district's registry imports as it is; a community
keeps its identity whatever the file's order or numbering; renames are shown and need a
tick; invisible characters never reach the data; the template's example never does either."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from communities import selectors
from communities.io import importing
from communities.io.resources import COMMUNITY_COLUMNS
from communities.models import Activity, Community
from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db

REGISTRY_HEADER = ["รหัสเขต", "เขต", "แขวง", "ชื่อชุมชน", "ประเภทชุมชน", "จำนวนประชากร", "ชาย", "หญิง"]
# Bang Phlat as a real registry writes it: no running number, names mostly without ชุมชน, all
# six types with the regulation's labels.
REGISTRY = [
    ["1025", "บางพลัด", "บางพลัด", "คลองสวนพริก", "ชุมชนแออัด", "812", "400", "412"],
    ["1025", "บางพลัด", "บางอ้อ", "คลองเจ้าครุฑ", "ชุมชนเมือง", "655", "320", "335"],
    ["1025", "บางพลัด", "บางบำหรุ", "วัดบวรมงคล", "ชุมชนชานเมือง", "1,204", "590", "614"],
    ["1025", "บางพลัด", "บางยี่ขัน", "ศุภาลัยพาร์ค", "ชุมชนหมู่บ้านจัดสรร", "430", "200", "230"],
    ["1025", "บางพลัด", "บางพลัด", "เคหะบางพลัด", "เคหะชุมชน", "980", "470", "510"],
    ["1025", "บางพลัด", "บางอ้อ", "ลุมพินีทาวน์ชิป", "ชุมชนอาคารสูง", "1,530", "700", "830"],
    ["1025", "บางพลัด", "บางอ้อ", "ชุมชนคลองเตยล็อค 1 - 3", "ชุมชนเมือง", "๗๐๐", "๓๔๐", "๓๖๐"],
]


def workbook(rows, header, title=None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(user, data, **kwargs):
    kwargs.setdefault("dry_run", False)
    return importing.run_import(
        kind="communities", data=data, filename="r.xlsx", user=user, **kwargs
    )


def numbered(rows):
    """The registry as an officer reshapes it: a running ลำดับชุมชน added in front."""
    return [[str(index), *row] for index, row in enumerate(rows, start=1)], [
        "ลำดับชุมชน",
        *REGISTRY_HEADER,
    ]


# --- A registry as it is --------------------------------------------------------------------
def test_a_registry_shaped_file_imports_with_every_row_accepted(staff_bangphlat):
    report = run(staff_bangphlat, workbook(REGISTRY, REGISTRY_HEADER), dry_run=True)
    assert report.counts == {"new": 7, "update": 0, "skip": 0, "error": 0}, [
        r.problems for r in report.rows
    ]
    run(staff_bangphlat, workbook(REGISTRY, REGISTRY_HEADER))
    high_rise = Community.objects.get(name="ลุมพินีทาวน์ชิป")
    assert high_rise.get_community_type_display() == "ชุมชนอาคารสูง"
    assert (high_rise.population, high_rise.male, high_rise.female) == (1530, 700, 830)
    assert high_rise.households is None
    assert sorted(Community.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert Community.objects.get(name="คลองสวนพริก").code == "1025-0001"
    assert Community.objects.get(name="ศุภาลัยพาร์ค").community_type == "housing_estate"


@pytest.mark.parametrize(
    "written, code",
    [
        ("หมู่บ้านจัดสรร", "housing_estate"),  # the older label and the city's open data
        ("อาคารสูง", "high_rise"),  # without the ชุมชน prefix
        ("แออัด", "crowded"),
        ("high_rise", "high_rise"),  # English codes and words
        ("Public Housing", "public_housing"),
        (" ชุมชน ชานเมือง ", "suburban"),
    ],
)
def test_older_labels_no_prefix_and_english_codes_are_understood(staff_bangphlat, written, code):
    run(staff_bangphlat, workbook([["1025", "ทดสอบ", written]], ["รหัสเขต", "ชื่อชุมชน", "ประเภทชุมชน"]))
    assert Community.objects.get().community_type == code


def test_an_unknown_type_lists_the_six_of_the_regulation(staff_bangphlat):
    report = run(
        staff_bangphlat,
        workbook([["1025", "ทดสอบ", "ชุมชนริมน้ำ"]], ["รหัสเขต", "ชื่อชุมชน", "ประเภทชุมชน"]),
    )
    column, message = report.rows[0].problems[0]
    assert column == "ประเภทชุมชน" and "ชุมชนอาคารสูง" in message and "ชุมชนหมู่บ้านจัดสรร" in message


def test_the_command_fills_a_missing_district_code_and_can_import_the_valid_rows_only(
    tmp_path, bangphlat, capsys
):
    header = ["ชื่อชุมชน", "ประเภทชุมชน", "จำนวนประชากร"]
    path = tmp_path / "r.xlsx"
    path.write_bytes(
        workbook([["คลองสวนพริก", "ชุมชนแออัด", "812"], ["ผิด", "ไม่มีประเภทนี้", "1"]], header)
    )
    with pytest.raises(SystemExit):
        call_command("import_communities", str(path), "--district", "1025")
    assert not Community.objects.exists()
    call_command("import_communities", str(path), "--district", "1025", "--valid-only")
    assert list(Community.objects.values_list("name", "district__code")) == [("คลองสวนพริก", "1025")]
    assert "new 1" in capsys.readouterr().out


# --- Identity: re-sorting and renumbering never move anything -------------------------------
def test_resorting_and_renumbering_a_file_never_moves_an_activity(staff_bangphlat):
    rows, header = numbered(REGISTRY)
    run(staff_bangphlat, workbook(rows, header))
    suan_phrik = Community.objects.get(name="คลองสวนพริก")
    activity = ActivityFactory(community=suan_phrik, district=suan_phrik.district)
    # The officer sorts by name and numbers the rows again.
    resorted = sorted(REGISTRY, key=lambda r: r[3], reverse=True)
    rows, header = numbered(resorted)
    report = run(staff_bangphlat, workbook(rows, header), dry_run=True)
    assert report.counts["new"] == 0 and report.counts["error"] == 0
    assert not report.renames
    changed = {c for r in report.rows for c, _before, _after in r.changes}
    assert changed <= {"ลำดับชุมชน"}
    run(staff_bangphlat, workbook(rows, header))
    activity.refresh_from_db()
    assert activity.community.name == "คลองสวนพริก"
    assert Community.objects.count() == 7
    assert Community.objects.get(name="คลองสวนพริก").number == 1 + [r[3] for r in resorted].index(
        "คลองสวนพริก"
    )


def test_a_new_name_without_a_code_is_a_new_community_never_a_rename_by_number(staff_bangphlat):
    CommunityFactory(name="คลองสวนพริก", number=1)
    header = ["รหัสเขต", "ลำดับชุมชน", "ชื่อชุมชน", "ประเภทชุมชน"]
    report = run(staff_bangphlat, workbook([["1025", "2", "คลองเจ้าครุฑ", "ชุมชนเมือง"]], header))
    assert report.counts["new"] == 1
    assert set(Community.objects.values_list("name", flat=True)) == {"คลองสวนพริก", "คลองเจ้าครุฑ"}


def test_the_prefix_and_spaces_do_not_make_another_community(staff_bangphlat):
    CommunityFactory(name="ชุมชนคลองเตยล็อค 1 - 3", population=500)
    header = ["รหัสเขต", "ชื่อชุมชน", "จำนวนประชากร"]
    report = run(staff_bangphlat, workbook([["1025", "คลองเตยล็อค 1-3", "700"]], header))
    assert report.counts == {"new": 0, "update": 1, "skip": 0, "error": 0}
    community = Community.objects.get()
    assert (community.name, community.population) == ("ชุมชนคลองเตยล็อค 1 - 3", 700)


def test_a_rename_by_code_is_shown_and_applied_only_when_ticked(staff_bangphlat):
    community = CommunityFactory(name="คลองสวนพริก")
    header = ["รหัสเขต", "รหัสชุมชน", "ชื่อชุมชน"]
    data = workbook([["1025", community.code, "คลองสวนพริกพัฒนา"]], header)
    preview = run(staff_bangphlat, data, dry_run=True)
    row = preview.rows[0]
    assert row.rename and ("ชื่อชุมชน", "คลองสวนพริก", "คลองสวนพริกพัฒนา") in row.changes
    assert not row.danger
    run(staff_bangphlat, data)
    assert Community.objects.get().name == "คลองสวนพริก"
    run(staff_bangphlat, data, apply_renames=True)
    assert Community.objects.get().name == "คลองสวนพริกพัฒนา"


def test_renaming_a_community_with_activities_is_flagged(staff_bangphlat):
    community = CommunityFactory(name="คลองสวนพริก")
    ActivityFactory(community=community)
    header = ["รหัสเขต", "รหัสชุมชน", "ชื่อชุมชน"]
    row = run(
        staff_bangphlat, workbook([["1025", community.code, "คลองเจ้าครุฑ"]], header), dry_run=True
    ).rows[0]
    assert row.danger and "กิจกรรม 1 รายการ" in row.notes[0]


def test_a_file_that_swaps_two_names_is_refused_and_flagged(staff_bangphlat):
    first = CommunityFactory(name="คลองสวนพริก")
    second = CommunityFactory(name="คลองเจ้าครุฑ")
    header = ["รหัสเขต", "รหัสชุมชน", "ชื่อชุมชน"]
    data = workbook(
        [["1025", first.code, "คลองเจ้าครุฑ"], ["1025", second.code, "คลองสวนพริก"]], header
    )
    report = run(staff_bangphlat, data, apply_renames=True)
    assert report.has_errors and all(r.danger for r in report.rows)
    assert "สลับชื่อ" in report.rows[0].problems[0][1]
    assert Community.objects.get(pk=first.pk).name == "คลองสวนพริก"


def test_two_alive_communities_of_a_district_cannot_share_a_normalised_name(bangphlat):
    from django.db import IntegrityError, transaction

    CommunityFactory(name="ชุมชนหมู่ 4")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityFactory(name="หมู่4")
    CommunityFactory(
        name="หมู่4", district=__import__("districts.models").models.District.objects.get(code="1001")
    )


# --- Clean text ------------------------------------------------------------------------------
def test_invisible_characters_import_clean_and_search_finds_them(staff_bangphlat):
    dirty = "\ufeffชุมชน\u200bบ้านน\u0e4d\u0e49\u0e32  ใส"  # BOM, zero-width space, ํ + ้ + า
    header = ["รหัสเขต", "ชื่อชุมชน", "ประเภทชุมชน"]
    run(staff_bangphlat, workbook([["1025", dirty, "ชุมชนเมือง"]], header))
    community = Community.objects.get()
    assert community.name == "ชุมชนบ้านน้ำ ใส"
    assert run(staff_bangphlat, workbook([["1025", dirty, "ชุมชนเมือง"]], header)).counts["skip"] == 1
    found = selectors.community_list(user=staff_bangphlat, filters={"q": "บ้านน้ำใส"})
    assert list(found) == [community]


# --- Columns the file lacks, and rules that compare with stored values ------------------------
def test_columns_the_file_lacks_leave_fields_alone(staff_bangphlat):
    community = CommunityFactory(name="คลองสวนพริก", households=100, population=350, address="ซอย 1")
    run(
        staff_bangphlat,
        workbook([["1025", "คลองสวนพริก", "400"]], ["รหัสเขต", "ชื่อชุมชน", "จำนวนประชากร"]),
    )
    community.refresh_from_db()
    assert (community.population, community.households, community.address) == (400, 100, "ซอย 1")


def test_a_rule_against_a_stored_value_names_that_value(staff_bangphlat):
    CommunityFactory(name="คลองสวนพริก", households=100, population=350)
    report = run(
        staff_bangphlat,
        workbook([["1025", "คลองสวนพริก", "80"]], ["รหัสเขต", "ชื่อชุมชน", "จำนวนประชากร"]),
    )
    messages = " ".join(m for _c, m in report.rows[0].problems)
    assert "จำนวนครัวเรือน 100" in messages and "ไม่มีในไฟล์" in messages


# --- The template ----------------------------------------------------------------------------
def test_the_template_data_sheets_carry_headers_only_and_its_example_never_reaches_the_data(
    login, staff_bangphlat
):
    CommunityFactory(number=1, name="ชุมชนจริง")
    content = login(staff_bangphlat).get(reverse("communities:import_template")).content
    book = load_workbook(io.BytesIO(content))
    # Headers, and the user's district filled in (issue 29): nothing else on the data sheets.
    for title in ("ชุมชน", "กิจกรรม"):
        rows = list(book[title].iter_rows(min_row=2, values_only=True))
        assert rows and all(row[0] == "1025" and not any(row[1:]) for row in rows)
    assert "ตัวอย่าง" in book.sheetnames
    report = run(staff_bangphlat, content)
    assert report.rows == []
    # Copied into the data sheet anyway, the example row is refused.
    example = [c.value for c in book["ตัวอย่าง"][3]]
    book["ชุมชน"].append(example)
    buffer = io.BytesIO()
    book.save(buffer)
    report = run(staff_bangphlat, buffer.getvalue())
    assert report.has_errors and "แถวตัวอย่าง" in report.rows[0].problems[0][1]
    assert list(Community.objects.values_list("name", flat=True)) == ["ชุมชนจริง"]


def test_the_activities_sheet_is_read_when_importing_activities(staff_bangphlat):
    community = CommunityFactory(name="คลองสวนพริก")
    book = Workbook()
    book.active.title = "ชุมชน"
    book.active.append(list(COMMUNITY_COLUMNS.values()))
    sheet = book.create_sheet("กิจกรรม")
    sheet.append(
        ["รหัสเขต", "ชื่อชุมชน", "วันที่จัดกิจกรรม", "ชื่อกิจกรรม", "ประเภทกิจกรรม", "ขั้น", "ผู้เข้าร่วมทั้งหมด"]
    )
    sheet.append(
        ["1025", "ชุมชนคลองสวนพริก", "4/8/2568", "อบรมบัญชีครัวเรือน", "บัญชีครัวเรือน", "เข้าใจ", "30"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    report = importing.run_import(
        kind="activities",
        data=buffer.getvalue(),
        filename="t.xlsx",
        user=staff_bangphlat,
        dry_run=False,
    )
    assert report.counts["new"] == 1, [r.problems for r in report.rows]
    activity = Activity.objects.get()
    assert activity.community == community and activity.created_by == staff_bangphlat
    assert activity.history.get().history_user == staff_bangphlat


# --- Mentors' exports ------------------------------------------------------------------------
@pytest.fixture
def mentoring_phranakhon(bangphlat, phranakhon):
    return Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )


def test_a_mentors_export_is_its_own_district_and_imports_back(
    login, staff_bangphlat, phranakhon, mentoring_phranakhon
):
    own = CommunityFactory(name="คลองสวนพริก")
    CommunityFactory(name="ชุมชนของพระนคร", district=phranakhon)
    client = login(staff_bangphlat)
    content = client.get(reverse("communities:export", args=["xlsx"])).getvalue()
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == [own.code]  # รหัสชุมชน is exported
    assert run(staff_bangphlat, content).counts == {"new": 0, "update": 0, "skip": 1, "error": 0}


def test_unchanged_rows_of_a_district_read_as_mentor_are_skipped_with_a_note(
    staff_bangphlat, phranakhon, mentoring_phranakhon
):
    CommunityFactory(name="ชุมชนของพระนคร", district=phranakhon, population=350)
    header = ["รหัสเขต", "ชื่อชุมชน", "จำนวนประชากร"]
    report = run(staff_bangphlat, workbook([["1001", "ชุมชนของพระนคร", "350"]], header))
    assert report.counts["skip"] == 1 and "ดูได้อย่างเดียว" in report.rows[0].notes[0]
    report = run(staff_bangphlat, workbook([["1001", "ชุมชนของพระนคร", "999"]], header))
    assert report.has_errors and "เฉพาะเขตของคุณ" in report.rows[0].problems[0][1]


def test_rows_of_a_district_the_user_cannot_read_are_errors_even_when_unchanged(
    staff_bangphlat, phranakhon
):
    CommunityFactory(name="ชุมชนของพระนคร", district=phranakhon, population=350)
    header = ["รหัสเขต", "ชื่อชุมชน", "จำนวนประชากร"]
    report = run(staff_bangphlat, workbook([["1001", "ชุมชนของพระนคร", "350"]], header))
    assert report.has_errors


# --- Through the pages ------------------------------------------------------------------------
def test_the_preview_shows_before_and_after_and_the_tick_applies_the_rename(login, staff_bangphlat):
    community = CommunityFactory(name="คลองสวนพริก", population=350)
    data = workbook(
        [["1025", community.code, "คลองสวนพริกใหม่", "400"]],
        ["รหัสเขต", "รหัสชุมชน", "ชื่อชุมชน", "จำนวนประชากร"],
    )
    client = login(staff_bangphlat)
    response = client.post(
        reverse("communities:import"),
        {"kind": "communities", "file": SimpleUploadedFile("r.xlsx", data)},
    )
    page = client.get(response.url).content.decode()
    assert "350 → 400" in page and "คลองสวนพริก → คลองสวนพริกใหม่" in page
    assert 'name="apply_renames"' in page
    token = response.url.rstrip("/").split("/")[-1]
    client.post(
        reverse("communities:import_confirm", args=[token]), {"mode": "all", "apply_renames": "on"}
    )
    community.refresh_from_db()
    assert (community.name, community.population) == ("คลองสวนพริกใหม่", 400)


# --- Speed ------------------------------------------------------------------------------------
def _queries(user, rows, **kwargs):
    header = ["รหัสเขต", "ชื่อชุมชน", "ประเภทชุมชน", "จำนวนประชากร"]
    with CaptureQueriesContext(connection) as context:
        run(user, workbook(rows, header), **kwargs)
    return len(context.captured_queries)


def test_a_preview_costs_the_same_few_queries_whatever_the_file_size(staff_bangphlat):
    small = _queries(
        staff_bangphlat, [["1025", f"ชุมชน {n}", "ชุมชนเมือง", "10"] for n in range(5)], dry_run=True
    )
    large = _queries(
        staff_bangphlat, [["1025", f"ชุมชน {n}", "ชุมชนเมือง", "10"] for n in range(50)], dry_run=True
    )
    assert large == small <= 6


def test_applying_costs_a_few_queries_per_row(staff_bangphlat):
    small = _queries(staff_bangphlat, [["1025", f"ก {n}", "ชุมชนเมือง", "10"] for n in range(5)])
    large = _queries(staff_bangphlat, [["1025", f"ข {n}", "ชุมชนเมือง", "10"] for n in range(25)])
    assert (large - small) / 20 <= 15


def test_rows_without_a_number_get_free_ones_that_explicit_numbers_never_collide_with(
    staff_bangphlat,
):
    CommunityFactory(name="เดิม", number=1)
    header = ["รหัสเขต", "ลำดับชุมชน", "ชื่อชุมชน", "ประเภทชุมชน"]
    rows = [["1025", "", "ใหม่หนึ่ง", "ชุมชนเมือง"], ["1025", "2", "ใหม่สอง", "ชุมชนเมือง"]]
    preview = run(staff_bangphlat, workbook(rows, header), dry_run=True)
    assert "ลำดับชุมชนที่ระบบให้: 3" in preview.rows[0].notes
    run(staff_bangphlat, workbook(rows, header))
    numbers = dict(Community.objects.values_list("name", "number"))
    assert numbers == {"เดิม": 1, "ใหม่หนึ่ง": 3, "ใหม่สอง": 2}


def test_a_deleted_communitys_number_may_be_given_to_another(staff_bangphlat):
    from communities import services

    gone = CommunityFactory(name="ยุบแล้ว", number=1)
    services.community_delete(community=gone, by=staff_bangphlat)
    CommunityFactory(name="คงอยู่", number=2)
    header = ["รหัสเขต", "ลำดับชุมชน", "ชื่อชุมชน"]
    report = run(staff_bangphlat, workbook([["1025", "1", "คงอยู่"]], header))
    assert report.counts["update"] == 1, [r.problems for r in report.rows]
    assert Community.objects.get(name="คงอยู่").number == 1


def test_the_preview_lists_problems_first_and_only_counts_unchanged_rows(login, staff_bangphlat):
    CommunityFactory(name="เดิม", population=350)
    header = ["รหัสเขต", "ชื่อชุมชน", "ประเภทชุมชน", "จำนวนประชากร"]
    rows = [["1025", "เดิม", "", "350"], ["1025", "ใหม่", "", "5"]]  # unchanged; new without a type
    client = login(staff_bangphlat)
    response = client.post(
        reverse("communities:import"),
        {"kind": "communities", "file": SimpleUploadedFile("r.xlsx", workbook(rows, header))},
    )
    page = client.get(response.url).content.decode()
    assert "ชุมชนใหม่ต้องระบุประเภทชุมชน" in page and "ไม่แสดงอีก 1 แถว" in page


def test_an_activities_file_may_name_communities_by_code_alone(staff_bangphlat):
    community = CommunityFactory(name="คลองสวนพริก")
    header = ["รหัสชุมชน", "วันที่จัดกิจกรรม", "ชื่อกิจกรรม", "ประเภทกิจกรรม", "ขั้น", "ผู้เข้าร่วมทั้งหมด"]
    data = workbook([[community.code, "4/8/2568", "ประชุม", "ประชุมประชาคม", "เข้าใจ", "12"]], header)
    report = importing.run_import(
        kind="activities", data=data, filename="a.xlsx", user=staff_bangphlat, dry_run=False
    )
    assert report.counts["new"] == 1, [r.problems for r in report.rows]
    assert Activity.objects.get().community == community


def test_the_command_applies_renames_only_when_asked(tmp_path, bangphlat, capsys):
    community = CommunityFactory(name="คลองสวนพริก")
    path = tmp_path / "r.xlsx"
    path.write_bytes(workbook([[community.code, "คลองสวนพริกใหม่"]], ["รหัสชุมชน", "ชื่อชุมชน"]))
    call_command("import_communities", str(path), "--district", "1025")
    assert "--apply-renames" in capsys.readouterr().out
    assert Community.objects.get().name == "คลองสวนพริก"
    call_command("import_communities", str(path), "--district", "1025", "--apply-renames")
    assert Community.objects.get().name == "คลองสวนพริกใหม่"
