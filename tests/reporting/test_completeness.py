"""/reporting/: the districts × months grid, its rates against counts made independently,
who sees which rows, filters, the XLSX export and the query budget."""

import datetime as dt
import io
import random
import re
import zoneinfo

import pytest
from openpyxl import load_workbook

from districts.models import District
from periods.models import ReportingDeadline, ReportingMonth

pytestmark = pytest.mark.django_db
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
TODAY = dt.datetime(2026, 3, 12, 9, 0)  # FY 2569: Oct 2025 … Feb 2026 are due by now (day 10)
FY = 2569
FY_MONTHS = [dt.date(2025, m, 1) for m in (10, 11, 12)] + [
    dt.date(2026, m, 1) for m in range(1, 10)
]


def _due(month, day):
    year, number = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    return dt.date(year, number, day)


@pytest.fixture
def history(frozen):
    """Random months for every district (fixed seed): states and first-submission days."""
    frozen(TODAY)
    ReportingDeadline.objects.create(fiscal_year=FY, due_day=10)
    rng = random.Random(15)
    rows = []
    for district in District.objects.all():
        for month in FY_MONTHS[:6]:  # up to March, which has begun
            status = rng.choice(["none", "open", "submitted", "checked", "returned", "approved"])
            if status == "none":
                continue
            first = None
            if status != "open":
                day = _due(month, 10) + dt.timedelta(days=rng.randint(-8, 4))
                first = dt.datetime.combine(day, dt.time(23, 30), BANGKOK)
            rows.append(
                ReportingMonth(
                    district=district, month=month, status=status, first_submitted_at=first
                )
            )
    ReportingMonth.objects.bulk_create(rows)
    return rows


def independent_counts(district_ids):
    """Counts straight from the rows: expected = due before today; reported = submitted,
    checked or approved; on time = reported and first sent on or before the due day (Bangkok)."""
    today = TODAY.date()
    expected = reported = on_time = 0
    for district_id in district_ids:
        for month in FY_MONTHS:
            if not _due(month, 10) < today:
                continue
            expected += 1
            row = ReportingMonth.objects.filter(district_id=district_id, month=month).first()
            if row and row.status in ("submitted", "checked", "approved"):
                reported += 1
            else:
                continue  # returned or unlocked: neither reported nor on time
            if row.first_submitted_at and row.first_submitted_at.astimezone(BANGKOK).date() <= _due(
                month, 10
            ):
                on_time += 1
    return expected, reported, on_time


def rate(numerator, denominator):
    return f"{round(100 * numerator / denominator, 1)}%"


def cell_text(html, attribute, value, css_class):
    row = re.search(rf'<tr [^>]*{attribute}="{value}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return re.search(rf'class="text-end {css_class}">([^<]*)<', row).group(1)


def test_district_rates_equal_independent_counts(history, strategy, login):
    html = login(strategy).get("/reporting/", {"fiscal_year": FY}).content.decode()
    for code in ["1001", "1025", "1050"]:
        district = District.objects.get(code=code)
        expected, reported, on_time = independent_counts([district.pk])
        assert expected == 5  # October to February
        assert cell_text(html, "data-district", code, "rate-reporting") == rate(reported, expected)
        assert cell_text(html, "data-district", code, "rate-on-time") == rate(on_time, expected)


def test_zone_group_and_city_rates_equal_independent_counts(history, strategy, login):
    from districts.models import ZoneGroup

    html = login(strategy).get("/reporting/", {"fiscal_year": FY}).content.decode()
    group = ZoneGroup.objects.order_by("slug").first()
    ids = list(group.districts.values_list("pk", flat=True))
    expected, reported, on_time = independent_counts(ids)
    assert cell_text(html, "data-group", group.slug, "rate-reporting") == rate(reported, expected)
    assert cell_text(html, "data-group", group.slug, "rate-on-time") == rate(on_time, expected)
    city = re.search(r'<tr id="city-rates"[^>]*>(.*?)</tr>', html, re.S).group(1)
    expected, reported, on_time = independent_counts(District.objects.values_list("pk", flat=True))
    assert f">{rate(reported, expected)}<" in city
    assert f">{rate(on_time, expected)}<" in city


def test_each_cell_says_its_state_in_words_not_only_in_colour(history, strategy, login):
    html = login(strategy).get("/reporting/", {"fiscal_year": FY}).content.decode()
    approved = ReportingMonth.objects.filter(status="approved").select_related("district").first()
    row = re.search(rf'data-district="{approved.district.code}".*?</tr>', html, re.S).group(0)
    assert "rep-approved" in row and "อนุมัติแล้ว" in row


def test_district_staff_see_only_their_own_row(history, staff_mentee, login):
    html = login(staff_mentee).get("/reporting/").content.decode()
    assert re.findall(r'data-district="(\d+)"', html) == ["1001"]


def test_mentors_see_their_own_and_their_mentees_rows(history, actors, login):
    html = login(actors["mentor"]).get("/reporting/").content.decode()
    assert sorted(re.findall(r'data-district="(\d+)"', html)) == ["1001", "1025"]


def test_the_strategy_office_sees_all_fifty_districts(history, strategy, login):
    html = login(strategy).get("/reporting/").content.decode()
    assert len(re.findall(r'data-district="(\d+)"', html)) == 50


def test_filters_by_zone_group_pilot_status_and_state(history, strategy, login):
    from districts.models import ZoneGroup

    client = login(strategy)
    group = ZoneGroup.objects.first()
    html = client.get("/reporting/", {"zone_group": group.pk}).content.decode()
    codes = set(re.findall(r'data-district="(\d+)"', html))
    assert codes == set(group.districts.values_list("code", flat=True))
    html = client.get("/reporting/", {"pilot": "pilot"}).content.decode()
    codes = set(re.findall(r'data-district="(\d+)"', html))
    assert codes == set(District.objects.pilots().values_list("code", flat=True))
    html = client.get("/reporting/", {"status": "returned"}).content.decode()
    codes = set(re.findall(r'data-district="(\d+)"', html))
    assert codes == set(
        ReportingMonth.objects.filter(status="returned").values_list("district__code", flat=True)
    )


def test_months_not_yet_begun_are_shown_as_a_dash_and_never_count(history, strategy, login):
    html = login(strategy).get("/reporting/").content.decode()
    row = re.search(r'data-district="1001".*?</tr>', html, re.S).group(0)
    assert row.count("rep-future") == 6  # April to September 2026


def test_the_xlsx_export_has_the_same_rows_and_rates(history, staff_mentee, login):
    response = login(staff_mentee).get("/reporting/export.xlsx", {"fiscal_year": FY})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("รหัสเขต", "เขต")
    assert [r[0] for r in rows[1:]] == ["1001"]
    expected, reported, on_time = independent_counts([District.objects.get(code="1001").pk])
    assert rows[1][-5:-2] == (expected, reported, on_time)


def test_the_grid_stays_within_its_query_budget(
    history, strategy, login, django_assert_max_num_queries
):
    client = login(strategy)
    # session, user, due days (then cached), districts with zone groups, the year's months,
    # zone groups of the filter, waiting months, the bell's count and the nav's count of
    # lessons waiting (each then cached), and the months' data version the grid is kept under
    with django_assert_max_num_queries(10):
        response = client.get("/reporting/", {"fiscal_year": FY})
    assert response.status_code == 200
    with django_assert_max_num_queries(3):  # session, user, the version: the grid is kept
        assert client.get("/reporting/", {"fiscal_year": FY}).status_code == 200
