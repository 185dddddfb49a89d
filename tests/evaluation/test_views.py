"""/evaluation/ and its downloads: who may open them, what they say, that the chart is drawn."""

import csv
import io

import openpyxl
import pytest

from tests.evaluation.test_compute import build

pytestmark = pytest.mark.django_db
URL = "/evaluation/"


def test_strategy_sees_the_headline_chart_table_and_method(login, strategy):
    build(strategy)
    html = login(strategy).get(URL).content.decode()
    assert "ลดลง 10.0 จุดร้อยละ" in html
    assert "ช่วงความเชื่อมั่น 95 %: −" in html or "ช่วงความเชื่อมั่น 95 %: -" in html
    assert "ไม่ใช่การทดลองแบบสุ่ม" in html and "not a randomised trial" in html
    # −2, 0, 1 (−1 hollow), in the wide drawing and in the phone's (issue 29).
    assert html.count('class="point"') == 3 * 2 and 'class="band"' in html
    assert 'id="event-table"' in html and "ปีอ้างอิง" in html
    assert 'id="twfe"' in html and "เพื่อเปรียบเทียบเท่านั้น" in html
    assert "16 ชุมชน 4 ปี" in html and "เขตที่ดำเนินการ 3 เขต" in html


def test_admin_may_open_it_and_the_nav_links_it(login, portal_admin):
    html = login(portal_admin).get(URL).content.decode()
    assert 'href="/evaluation/"' in html


def test_a_refusal_shows_the_reason_and_no_number(login, strategy):
    build(strategy, adopters=0)
    html = login(strategy).get(URL).content.decode()
    assert 'id="refusal"' in html and "ยังไม่มีเขตใดเข้าสู่ขั้นที่เลือก" in html
    assert 'id="headline-text"' not in html and "<svg" not in html.split('id="headline"')[1]


def test_pickers_choose_the_outcome_and_stage(login, strategy):
    build(strategy)
    html = (
        login(strategy)
        .get(URL, {"outcome": "health_in_need", "stage": "self_running"})
        .content.decode()
    )
    assert '<option value="health_in_need" selected>' in html
    assert "ยังไม่มีเขตใดเข้าสู่ขั้นที่เลือก" in html  # nobody is self-running in the data


def test_a_bad_picker_value_falls_back_with_a_thai_message(login, strategy):
    response = login(strategy).get(URL, {"outcome": "=cmd", "stage": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ไม่รู้จักตัวชี้วัดนี้" in html and "ไม่รู้จักขั้นนี้" in html


@pytest.mark.parametrize("who", ["staff_bangphlat", "staff_mentee"])
def test_district_staff_are_forbidden(login, request, who):
    client = login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "panel.csv").status_code == 403
    html = client.get("/communities/").content.decode()
    assert 'href="/evaluation/"' not in html


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302
    assert client.get(URL + "results.xlsx").status_code == 302


def test_the_panel_downloads_as_csv_with_the_observational_note(login, strategy):
    build(strategy)
    response = login(strategy).get(URL + "panel.csv", {"outcome": "income_in_need"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["รหัสเขต", "รหัสชุมชน", "ชื่อชุมชน", "ปี (พ.ศ.)"]
    assert len(rows) == 1 + 16 * 4 + 1
    assert "ไม่ใช่การทดลองแบบสุ่ม" in rows[-1][0]
    treated = [row for row in rows[1:-1] if row[7] == "2567"]
    assert {row[8] for row in treated if row[3] == "2566"} == {"0"}
    assert {row[8] for row in treated if row[3] == "2568"} == {"1"}


def test_the_results_download_as_xlsx(login, strategy):
    build(strategy)
    response = login(strategy).get(URL + "results.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    att = next(row for row in values if row[0] == "ผลเฉลี่ยต่อเขตที่ดำเนินการ (ATT)")
    assert att[1] == pytest.approx(-10.0) and att[2] <= -10.0 <= att[3]
    assert "ไม่ใช่การทดลองแบบสุ่ม" in values[-1][0]


def test_an_unknown_download_is_404(login, strategy):
    client = login(strategy)
    assert client.get(URL + "panel.pdf").status_code == 404
    assert client.get(URL + "secrets.csv").status_code == 404


def test_the_warm_page_reads_a_bounded_number_of_queries(
    login, strategy, django_assert_max_num_queries
):
    build(strategy)
    client = login(strategy)
    client.get(URL)
    # session + user, 4 data-state aggregates, the nav's counters (lessons waiting, notices)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_the_page_reads_in_english(login, strategy, settings):
    build(strategy)
    client = login(strategy)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL).content.decode()
    assert "Is need falling where the model runs?" in html
    assert "fell by 10.0 percentage points" in html
    assert "not a randomised trial" in html and "For comparison only" in html


def test_an_interval_end_near_zero_is_not_printed_as_minus_zero():
    from evaluation.figures import headline

    result = {
        "att": -0.8,
        "ci_low": -1.6,
        "ci_high": -0.018,
        "outcome": "income_in_need",
        "stage": "implementing",
    }
    assert "-1.6 ถึง -0.02)" in headline(result)
