"""/open-data/: public aggregated files that equal the dashboard's figures, no personal data."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dashboard import selectors as dashboard_selectors
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db

FY = dashboard_selectors.current_fiscal_year()


@pytest.fixture
def data(bangphlat, phranakhon):
    start = dt.date(FY - 544, 10, 1)  # 1 October of the fiscal year (BE → CE: - 543 - 1)
    crowded = CommunityFactory(
        district=bangphlat, community_type="crowded", model_step="understand"
    )
    CommunityFactory(district=bangphlat, community_type="urban")
    other = CommunityFactory(district=phranakhon, community_type="urban")
    ActivityFactory(community=crowded, date=start, participants_total=30, participants_women=12)
    ActivityFactory(
        community=crowded,
        date=start + dt.timedelta(days=40),
        participants_total=8,
        participants_women=0,
    )
    ActivityFactory(community=other, date=start, participants_total=5, participants_women=0)
    ActivityFactory(
        community=other,
        date=start - dt.timedelta(days=1),
        participants_total=99,
        participants_women=0,
    )


def test_the_page_opens_without_login_with_dictionary_and_licence(client, data):
    page = client.get("/open-data/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "CC BY 4.0" in body
    assert "participants_women" in body
    assert f"/open-data/{FY}.csv" in body


def test_the_json_equals_the_dashboards_figures(client, data):
    body = client.get(f"/open-data/{FY}.json").json()
    assert body["licence"] == "CC BY 4.0"
    dashboard = dashboard_selectors.dashboard_data(fiscal_year=FY)
    by_code = {row["district_code"]: row for row in body["rows"]}
    assert len(by_code) == 50
    for row in dashboard["rows"]:
        mine = by_code[row["code"]]
        assert mine["activities"] == row["activities"], row["code"]
        assert mine["participants_total"] == row["participants"], row["code"]
        assert mine["communities_total"] == row["registered"], row["code"]
    assert sum(r["activities"] for r in body["rows"]) == dashboard["totals"]["activities"] == 3
    assert sum(r["participants_women"] for r in body["rows"]) == dashboard["totals"]["women"]
    assert by_code["1025"]["communities_type_crowded"] == 1
    assert by_code["1025"]["communities_step_understand"] == 1


def test_csv_and_xlsx_hold_the_same_rows_and_no_personal_data(client, data):
    csv_body = b"".join(client.get(f"/open-data/{FY}.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_body)))
    bangphlat = next(r for r in rows if r["district_code"] == "1025")
    assert bangphlat["activities"] == "2"
    assert bangphlat["participants_total"] == "38"
    assert "081-234-5678" not in csv_body and "สมชาย" not in csv_body
    response = client.get(f"/open-data/{FY}.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert len(values) == 51
    assert values[0][1] == "district_code"


def test_the_files_change_when_the_data_changes(
    client, data, bangphlat, staff_bangphlat, django_capture_on_commit_callbacks
):
    from communities import services
    from communities.models import ActivityType

    before = client.get(f"/open-data/{FY}.json").json()
    with django_capture_on_commit_callbacks(execute=True):  # the dashboard's tokens change
        services.activity_create(
            by=staff_bangphlat,
            community=CommunityFactory(district=bangphlat, population=100),
            date=dt.date(FY - 544, 11, 2),
            title="กิจกรรมใหม่",
            activity_type=ActivityType.objects.filter(is_active=True).first(),
            model_step="understand",
            participants_total=4,
            budget=0,
            funding_source="none",
        )
    after = client.get(f"/open-data/{FY}.json").json()
    assert sum(r["activities"] for r in after["rows"]) == (
        sum(r["activities"] for r in before["rows"]) + 1
    )


def test_an_unknown_year_is_a_404(client, data):
    assert client.get("/open-data/1999.csv").status_code == 404


def test_users_are_asked_to_credit_the_strategy_office_which_publishes_all_50_districts(
    client, data
):
    # Not the Bang Phlat district office: the files hold every district's figures (issue #30).
    publisher = "สำนักยุทธศาสตร์และประเมินผล กรุงเทพมหานคร"
    body = client.get("/open-data/").content.decode()
    assert f"โปรดอ้างอิง &quot;{publisher}&quot;" in body or f'โปรดอ้างอิง "{publisher}"' in body
    assert "สำนักงานเขตบางพลัด" not in body
    meta = client.get(f"/open-data/{FY}.json").json()
    assert meta["publisher"] == meta["attribution"] == publisher
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/open-data/").content.decode()
    assert "Strategy and Evaluation Department, Bangkok Metropolitan Administration" in english
    assert "Bang Phlat District Office" not in english
