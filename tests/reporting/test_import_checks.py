"""The entry checks on imported activities: an outlier (participants more than three times
the district's median for the type) is warned on its row of the preview and imported only
when that row is ticked "ยืนยันว่าถูกต้อง" (then listed for the strategy office); participants
above the community's population and rows of a locked month are row errors in the preview,
with the month named."""

import datetime as dt
import io
import random
import statistics

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from communities import services
from communities.io import importing
from communities.io.resources import ACTIVITY_COLUMNS
from communities.models import Activity, ActivityType, ConfirmedOutlier
from communities.selectors import OUTLIER_MIN_SAMPLE, median_without
from reporting import services as reporting
from tests.communities.factories import ActivityFactory

pytestmark = pytest.mark.django_db
TYPE = "บัญชีครัวเรือน"
WARNING = "ผู้เข้าร่วม 61 คน สูงกว่า 3 เท่าของค่ากลางของเขตสำหรับกิจกรรมประเภทนี้ (20 คน)"


@pytest.fixture
def usual(community):
    """Five July activities of the type with 20 participants each: the median is 20."""
    activity_type = ActivityType.objects.get(name_th=TYPE)
    for day in range(1, 6):
        ActivityFactory(
            community=community, date=dt.date(2025, 7, day), title=f"ประชุม {day}",
            activity_type=activity_type, participants_total=20, participants_women=0,
        )  # fmt: skip
    return activity_type


def line(title, participants, date="4/8/2568"):
    return ["1025", "", "", "1", date, title, TYPE, "เข้าใจ", "", str(participants),
            "0", "0", "0", "0", "0", "0", "", ""]  # fmt: skip


def activity_file(*lines) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ACTIVITY_COLUMNS.values()))
    for values in lines:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data) -> str:
    response = client.post(
        reverse("communities:import"),
        {"kind": "activities", "file": SimpleUploadedFile("a.xlsx", data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url.rstrip("/").split("/")[-1]


def preview(client, token) -> str:
    return client.get(reverse("communities:import_preview", args=[token])).content.decode()


def confirm(client, token, **data):
    return client.post(
        reverse("communities:import_confirm", args=[token]), {"mode": "all", **data}, follow=True
    )


def test_the_preview_warns_an_outlier_on_its_row_with_a_tick(
    usual, community, staff_bangphlat, login
):
    client = login(staff_bangphlat)
    token = upload(client, activity_file(line("ปกติ", 25), line("งานใหญ่", 61)))
    page = preview(client, token)
    assert "มี 1 แถวที่จำนวนผู้เข้าร่วมสูงผิดปกติ" in page
    assert WARNING in page
    # the row of the spreadsheet (header is row 1): its own tick, submitted with the form
    assert 'data-outlier="3"' in page and 'data-outlier="2"' not in page
    assert 'form="import-form" name="confirm_outlier" value="3"' in page
    assert "ยืนยันนำเข้า" in page  # a warning, not an error: the file can be confirmed
    assert not Activity.objects.filter(title="งานใหญ่").exists()


def test_an_outlier_left_unticked_is_not_imported_and_the_user_is_told(
    usual, community, staff_bangphlat, login
):
    client = login(staff_bangphlat)
    token = upload(client, activity_file(line("ปกติ", 25), line("งานใหญ่", 61)))
    page = confirm(client, token).content.decode()
    assert "ไม่ได้นำเข้า 1 แถวที่จำนวนผู้เข้าร่วมสูงผิดปกติ เพราะไม่ได้ติ๊กยืนยันว่าถูกต้อง" in page
    assert Activity.objects.filter(title="ปกติ").exists()
    assert not Activity.objects.filter(title="งานใหญ่").exists()
    assert not ConfirmedOutlier.objects.exists()


def test_a_ticked_outlier_is_imported_and_listed_for_the_strategy_office(
    usual, community, staff_bangphlat, strategy, login
):
    client = login(staff_bangphlat)
    token = upload(client, activity_file(line("ปกติ", 25), line("งานใหญ่ประจำปี", 61)))
    page = confirm(client, token, confirm_outlier=["3", "junk"]).content.decode()
    assert "นำเข้าเรียบร้อย: เพิ่มใหม่ 2 แถว" in page
    outlier = ConfirmedOutlier.objects.get()
    assert (outlier.activity.title, outlier.participants, outlier.district_median) == (
        "งานใหญ่ประจำปี",
        61,
        20,
    )
    assert outlier.confirmed_by == staff_bangphlat
    listing = login(strategy).get("/reporting/outliers/").content.decode()
    assert "งานใหญ่ประจำปี" in listing and ">61<" in listing


def test_a_tick_on_a_row_that_is_not_an_outlier_changes_nothing(
    usual, community, staff_bangphlat, login
):
    client = login(staff_bangphlat)
    token = upload(client, activity_file(line("ปกติ", 25)))
    confirm(client, token, confirm_outlier=["2"])
    assert Activity.objects.filter(title="ปกติ").exists()
    assert not ConfirmedOutlier.objects.exists()


def test_raising_an_activitys_participants_by_import_is_warned_too(
    usual, community, staff_bangphlat
):
    activity = ActivityFactory(
        community=community, date=dt.date(2025, 8, 4), title="ออมทรัพย์", activity_type=usual,
        participants_total=20, participants_women=0,
    )  # fmt: skip
    data = activity_file(line("ออมทรัพย์", 70))
    report = run(staff_bangphlat, data, dry_run=True)
    (row,) = report.outliers
    assert row.status == "update" and row.outlier == (70, 20)
    run(staff_bangphlat, data)
    activity.refresh_from_db()
    assert activity.participants_total == 20  # not ticked: left as it was
    run(staff_bangphlat, data, confirmed_outliers=[2])
    activity.refresh_from_db()
    assert activity.participants_total == 70
    assert ConfirmedOutlier.objects.get().activity == activity


def test_an_unchanged_outlier_is_not_asked_again(usual, community, staff_bangphlat):
    services.activity_create(
        by=staff_bangphlat, community=community, confirm_outlier=True, date=dt.date(2025, 8, 4),
        title="งานใหญ่", activity_type=usual, model_step="understand", participants_total=200,
    )  # fmt: skip
    report = run(staff_bangphlat, activity_file(line("งานใหญ่", 200)), dry_run=True)
    assert report.counts["skip"] == 1 and not report.outliers
    assert ConfirmedOutlier.objects.count() == 1


def test_participants_above_the_population_are_a_row_error_in_the_preview(
    community, staff_bangphlat, login
):
    client = login(staff_bangphlat)
    token = upload(client, activity_file(line("ใหญ่เกินชุมชน", 1001)))
    page = preview(client, token)
    assert "ผู้เข้าร่วม (1001 คน) มากกว่าจำนวนประชากรของชุมชน (1000 คน)" in page
    assert "ผิดพลาด 1" in page and "ยืนยันนำเข้า" not in page
    assert not Activity.objects.exists()


def test_a_locked_month_refuses_the_imported_rows_through_the_pages(
    community, bangphlat, staff_bangphlat, strategy, login
):
    august = dt.date(2025, 8, 1)
    reporting.reporting_month_submit(district=bangphlat, month=august, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=august, by=strategy)
    client = login(staff_bangphlat)
    token = upload(client, activity_file(line("ในเดือนที่ล็อก", 10), line("เดือนถัดไป", 10, "4/9/2568")))
    page = preview(client, token)
    assert "เดือนสิงหาคม 2568 ของเขตนี้อนุมัติแล้วและถูกล็อก" in page
    assert "สำนักยุทธศาสตร์และประเมินผลปลดล็อก" in page
    page = confirm(client, token).content.decode()
    assert "ไฟล์มีแถวที่ผิดพลาด จึงยังไม่นำเข้าข้อมูลใด ๆ" in page
    assert not Activity.objects.exists()
    confirm(client, token, mode="valid_only")
    assert list(Activity.objects.values_list("title", flat=True)) == ["เดือนถัดไป"]


def test_the_service_refuses_an_outlier_the_writer_says_was_not_confirmed(
    usual, community, staff_bangphlat
):
    row = {
        "community": community, "date": dt.date(2025, 8, 4), "title": "งานใหญ่",
        "activity_type": usual, "model_step": "understand", "participants_total": 61,
    }  # fmt: skip
    with pytest.raises(services.RowError) as error:
        services.activity_create_many(by=staff_bangphlat, rows=[row | {"confirm_outlier": False}])
    assert "ยืนยันว่าถูกต้อง" in str(error.value)
    services.activity_create_many(by=staff_bangphlat, rows=[row | {"confirm_outlier": True}])
    assert ConfirmedOutlier.objects.get().participants == 61


def test_the_command_imports_outliers_only_when_told(
    usual, community, staff_bangphlat, tmp_path, capsys
):
    path = tmp_path / "a.xlsx"
    path.write_bytes(activity_file(line("ปกติ", 25), line("งานใหญ่", 61)))
    call_command("import_communities", str(path), "--district", "1025", "--kind", "activities")
    out = capsys.readouterr().out
    assert WARNING in out and "outliers not imported (use --confirm-outliers): 1" in out
    assert not Activity.objects.filter(title="งานใหญ่").exists()
    call_command(
        "import_communities", str(path), "--district", "1025", "--kind", "activities",
        "--confirm-outliers",
    )  # fmt: skip
    assert Activity.objects.get(title="งานใหญ่").confirmed_outlier.participants == 61


def test_a_preview_checks_outliers_in_the_same_few_queries_whatever_the_file_size(
    usual, community, staff_bangphlat
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(rows):
        data = activity_file(*[line(f"กิจกรรม {n}", 10 + 20 * (n % 5)) for n in range(rows)])
        with CaptureQueriesContext(connection) as context:
            report = run(staff_bangphlat, data, dry_run=True)
        assert report.outliers  # 70 and 90 participants are outliers
        return len(context.captured_queries)

    assert queries(5) == queries(60)


def test_median_without_one_value_matches_the_statistics_module():
    rng = random.Random(15)
    for _ in range(300):
        totals = sorted(rng.randint(0, 50) for _ in range(rng.randint(0, 12)))
        left_out = rng.choice([*totals, None, 99])
        rest = list(totals)
        if left_out in rest:
            rest.remove(left_out)
        expected = statistics.median(rest) if len(rest) >= OUTLIER_MIN_SAMPLE else None
        assert median_without(totals, left_out) == expected, (totals, left_out)


def run(user, data, *, dry_run=False, confirmed_outliers=()):
    return importing.run_import(
        kind="activities", data=data, filename="a.xlsx", user=user, dry_run=dry_run,
        confirmed_outliers=confirmed_outliers,
    )  # fmt: skip
