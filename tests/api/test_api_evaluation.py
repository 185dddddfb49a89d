"""GET /api/v1/evaluation/: the estimate, its refusal, bad input and who may read it."""

import pytest

from tests.evaluation.test_compute import build

pytestmark = pytest.mark.django_db
URL = "/api/v1/evaluation/"


def test_strategy_reads_the_estimate(login, strategy):
    build(strategy)
    response = login(strategy).get(URL, {"outcome": "income_in_need", "stage": "implementing"})
    assert response.status_code == 200
    data = response.json()
    assert data["att"] == pytest.approx(-10.0)
    assert data["ci_low"] <= data["att"] <= data["ci_high"]
    assert (data["n_communities"], data["n_treated_districts"], data["n_comparison_districts"]) == (
        16,
        3,
        5,
    )
    assert data["method"] == "callaway_santanna_not_yet_treated"
    assert {"rel_year", "att", "ci_low", "ci_high"} <= set(data["event_study"][0])
    assert any("ไม่ทราบว่าเริ่มเมื่อใด" in w for w in data["warnings"])
    assert "ไม่ใช่การทดลองแบบสุ่ม" in data["observational"]


def test_defaults_are_income_and_implementing(login, portal_admin, strategy):
    build(strategy)
    data = login(portal_admin).get(URL).json()
    assert (data["outcome"], data["stage"]) == ("income_in_need", "implementing")


def test_a_refusal_gives_nulls_and_the_reason(login, strategy):
    build(strategy, adopters=0)
    data = login(strategy).get(URL).json()
    assert (data["att"], data["ci_low"], data["ci_high"]) == (None, None, None)
    assert data["event_study"] == []
    assert any("ยังไม่มีเขตใดเข้าสู่ขั้นที่เลือก" in w for w in data["warnings"])


@pytest.mark.parametrize(
    "params, field",
    [
        ({"outcome": "salary"}, "outcome"),
        ({"stage": "not_started"}, "stage"),
        ({"stage": "ดำเนินการ"}, "stage"),
    ],
)
def test_bad_outcome_or_stage_is_a_thai_400(login, strategy, params, field):
    response = login(strategy).get(URL, params)
    assert response.status_code == 400
    assert "ไม่รู้จัก" in response.json()[field][0]


def test_district_staff_are_forbidden(login, staff_bangphlat, staff_mentee):
    assert login(staff_bangphlat).get(URL).status_code == 403
    assert login(staff_mentee).get(URL).status_code == 403


def test_anonymous_is_refused(client):
    assert client.get(URL).status_code in (401, 403)


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/evaluation/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"outcome", "stage"}
