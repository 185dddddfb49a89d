"""Issue 12's "Done when", line by line, through the paths an officer uses (the command and
the pages), on SQLite and PostgreSQL alike (CI runs both). What test_registry_import.py
already proves is named here rather than repeated:

- a registry per district imports with every row accepted: run_import in
  test_a_registry_shaped_file_imports_with_every_row_accepted; the command with --district
  and the pages below;
- re-sorting or renumbering never moves an activity: one district's file in
  test_resorting_and_renumbering_a_file_never_moves_an_activity; the whole city's file as
  administrator, and an activities file with invented numbers, below;
- invisible characters import clean and search finds them: communities in
  test_invisible_characters_import_clean_and_search_finds_them; through the page and the
  list's search box below (activities: test_activity_search.py);
- the example row can't reach the data: the community example in
  test_the_template_data_sheets_carry_headers_only_and_its_example_never_reaches_the_data;
  the activity example below;
- a pilot's own export imports back: communities in
  test_a_mentors_export_is_its_own_district_and_imports_back; both kinds through the pages,
  mentees' rows included, below.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from communities.io import importing
from communities.models import Activity, Community
from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.communities.test_registry_import import REGISTRY, REGISTRY_HEADER, workbook

pytestmark = pytest.mark.django_db

SIX_TYPES = {"crowded", "urban", "suburban", "housing_estate", "public_housing", "high_rise"}


def upload(client, data, kind="communities", name="registry.xlsx"):
    """Upload through the page; returns the preview's token and its HTML."""
    response = client.post(
        reverse("communities:import"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    token = response.url.rstrip("/").split("/")[-1]
    return token, client.get(response.url).content.decode()


def confirm(client, token, **extra):
    return client.post(
        reverse("communities:import_confirm", args=[token]), {"mode": "all", **extra}
    )


# --- A real registry, per district, every row accepted -----------------------------------------
@pytest.mark.parametrize("with_district_code", [True, False])
def test_the_command_imports_a_districts_registry_with_every_row_accepted(
    tmp_path, bangphlat, capsys, with_district_code
):
    rows = [list(row) for row in REGISTRY]
    if not with_district_code:  # the city's file filtered to one district, codes left out
        for row in rows:
            row[0] = ""
    path = tmp_path / "registry.xlsx"
    path.write_bytes(workbook(rows, REGISTRY_HEADER))
    call_command("import_communities", str(path), "--district", "1025")
    assert "new 7" in capsys.readouterr().out
    assert Community.objects.filter(district=bangphlat).count() == 7
    assert set(Community.objects.values_list("community_type", flat=True)) == SIX_TYPES
    # Thai digits and thousands separators as the registry writes them.
    assert Community.objects.get(name="ชุมชนคลองเตยล็อค 1 - 3").population == 700
    assert Community.objects.get(name="วัดบวรมงคล").population == 1204


def test_the_pages_import_a_districts_registry_with_every_row_accepted(login, staff_bangphlat):
    client = login(staff_bangphlat)
    token, page = upload(client, workbook(REGISTRY, REGISTRY_HEADER))
    assert "ไม่พบคอลัมน์" not in page and "table-danger" not in page and "ผิดพลาด 0<" in page
    confirm(client, token)
    assert Community.objects.count() == 7
    assert set(Community.objects.values_list("community_type", flat=True)) == SIX_TYPES
    listed = login(staff_bangphlat).get(reverse("communities:list")).content.decode()
    assert "ลุมพินีทาวน์ชิป" in listed and "1,530" in listed  # population is shown


# --- Re-sorting and renumbering never move an activity -----------------------------------------
def test_the_city_file_numbered_down_by_an_administrator_moves_and_duplicates_nothing(
    portal_admin,
):
    """The issue's 1,952 duplicates and 11 renames: the administrator numbered the whole
    city's file from 1 instead of per district."""
    city = REGISTRY + [
        ["1001", "พระนคร", "พระบรมมหาราชวัง", "ท่าเตียน", "ชุมชนแออัด", "500", "240", "260"],
        ["1001", "พระนคร", "วังบูรพาภิรมย์", "คลองสวนพริก", "ชุมชนเมือง", "300", "150", "150"],
    ]

    def numbered_down(rows):
        return [[str(i), *row] for i, row in enumerate(rows, start=1)], [
            "ลำดับชุมชน",
            *REGISTRY_HEADER,
        ]

    run = {"kind": "communities", "filename": "city.xlsx", "user": portal_admin}
    importing.run_import(data=workbook(*numbered_down(city)), dry_run=False, **run)
    assert Community.objects.count() == 9
    suan_phrik = Community.objects.get(name="คลองสวนพริก", district__code="1025")
    activity = ActivityFactory(community=suan_phrik)
    resorted = sorted(city, key=lambda row: row[3])
    report = importing.run_import(data=workbook(*numbered_down(resorted)), dry_run=True, **run)
    assert report.counts["new"] == 0 and report.counts["error"] == 0 and not report.renames
    importing.run_import(data=workbook(*numbered_down(resorted)), dry_run=False, **run)
    assert Community.objects.count() == 9
    activity.refresh_from_db()
    assert (activity.community.name, activity.community.district.code) == ("คลองสวนพริก", "1025")


def test_an_activities_file_with_invented_numbers_follows_the_names(staff_bangphlat, bangphlat):
    suan_phrik = CommunityFactory(name="คลองสวนพริก", number=1)
    chao_khrut = CommunityFactory(name="คลองเจ้าครุฑ", number=2)
    header = ["รหัสเขต", "ลำดับชุมชน", "ชื่อชุมชน", "วันที่จัดกิจกรรม", "ชื่อกิจกรรม", "ประเภทกิจกรรม", "ขั้น",
              "ผู้เข้าร่วมทั้งหมด"]  # fmt: skip
    rows = [  # numbered by the officer's own sort: 1 is now คลองเจ้าครุฑ
        ["1025", "1", "คลองเจ้าครุฑ", "4/8/2568", "ประชุมกลุ่มออมทรัพย์", "กลุ่มออมทรัพย์", "เข้าใจ", "20"],
        ["1025", "2", "ชุมชนคลองสวนพริก", "5/8/2568", "ปลูกผักสวนครัว", "ปลูกผักสวนครัว", "เข้าใจ", "15"],
    ]  # fmt: skip
    report = importing.run_import(
        kind="activities", data=workbook(rows, header), filename="a.xlsx", user=staff_bangphlat,
        dry_run=False,
    )  # fmt: skip
    assert report.counts["new"] == 2, [r.problems for r in report.rows]
    assert Activity.objects.get(title="ประชุมกลุ่มออมทรัพย์").community == chao_khrut
    assert Activity.objects.get(title="ปลูกผักสวนครัว").community == suan_phrik


# --- Invisible characters: clean names that search finds ---------------------------------------
def test_a_registry_with_invisible_characters_imports_clean_through_the_page_and_is_found(
    login, staff_bangphlat
):
    rows = [list(row) for row in REGISTRY]
    rows[0][3] = "\ufeffคลอง\u200bสวน\u200cพริก "  # BOM, zero-width space and non-joiner
    rows[6][3] = "ชุมชนคลองเตยล็อค\u00a01\u2060 - 3"  # no-break space, word joiner
    client = login(staff_bangphlat)
    token, _page = upload(client, workbook(rows, REGISTRY_HEADER))
    confirm(client, token)
    assert Community.objects.filter(name="คลองสวนพริก").exists()
    assert Community.objects.filter(name="ชุมชนคลองเตยล็อค 1 - 3").exists()
    for query in ["คลองสวนพริก", "ชุมชนคลองสวนพริก", "คลองเตยล็อค 1-3", "คลองเตยล็อค๑-๓"]:
        body = client.get(reverse("communities:list"), {"q": query}).content.decode()
        assert re.search(r"คลอง(สวนพริก|เตยล็อค 1 - 3)</a>", body), query
    # The same file again changes nothing: the cleaned names are the stored ones.
    token, _page = upload(client, workbook(rows, REGISTRY_HEADER))
    assert importing.run_import(
        kind="communities", data=workbook(rows, REGISTRY_HEADER), filename="r.xlsx",
        user=staff_bangphlat, dry_run=True,
    ).counts == {"new": 0, "update": 0, "skip": 7, "error": 0}  # fmt: skip


# --- The template's example never reaches the data ---------------------------------------------
def test_the_activity_example_copied_into_the_data_sheet_is_refused(login, staff_bangphlat):
    CommunityFactory(name="ชุมชนตัวอย่าง (ลบแถวนี้)")  # even if such a community existed
    client = login(staff_bangphlat)
    book = load_workbook(io.BytesIO(client.get(reverse("communities:import_template")).content))
    example = next(
        [cell.value for cell in row]
        for row in book["ตัวอย่าง"].iter_rows()
        if row[5].value == "กิจกรรมตัวอย่าง (ลบแถวนี้)"
    )
    book["กิจกรรม"].append(example)
    buffer = io.BytesIO()
    book.save(buffer)
    token, page = upload(client, buffer.getvalue(), kind="activities")
    assert "แถวตัวอย่าง" in page
    confirm(client, token)
    assert not Activity.objects.exists()
    # The template as downloaded imports nothing, of either kind.
    for kind in ("communities", "activities"):
        content = client.get(reverse("communities:import_template")).content
        assert (
            importing.run_import(
                kind=kind, data=content, filename="t.xlsx", user=staff_bangphlat, dry_run=False
            ).rows
            == []
        )


# --- A pilot's own export imports back ---------------------------------------------------------
@pytest.fixture
def mentoring_phranakhon(bangphlat, phranakhon):
    return Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )


@pytest.mark.parametrize("kind", ["communities", "activities"])
@pytest.mark.parametrize("district", ["", "1001"])
def test_a_pilots_export_imports_back_through_the_pages_without_refusals(
    login, staff_bangphlat, phranakhon, mentoring_phranakhon, kind, district
):
    """Exported as the pilot sees it (its own district by default, or a mentee's), then
    uploaded unchanged: every row unchanged, nothing refused, nothing written."""
    own = CommunityFactory(name="คลองสวนพริก")
    mentee = CommunityFactory(name="ชุมชนของพระนคร", district=phranakhon)
    ActivityFactory(community=own, title="ประชุมของบางพลัด")
    ActivityFactory(community=mentee, title="ประชุมของพระนคร")
    client = login(staff_bangphlat)
    url = reverse(
        "communities:export" if kind == "communities" else "communities:activity_export",
        args=["xlsx"],
    )
    response = client.get(url, {"district": district} if district else {})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert len(rows) >= 2, "the export has rows"
    before = (Community.objects.count(), Activity.objects.count())
    token, page = upload(client, content, kind=kind)
    assert "เฉพาะเขตของคุณ" not in page and "table-danger" not in page and "ผิดพลาด 0<" in page
    confirm(client, token)
    assert (Community.objects.count(), Activity.objects.count()) == before
    report = importing.run_import(
        kind=kind, data=content, filename="e.xlsx", user=staff_bangphlat, dry_run=True
    )
    assert report.counts["error"] == 0 and report.counts["skip"] == len(rows) - 1
