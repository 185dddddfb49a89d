"""Bad input to community pages is a Thai form error, never a 500 (issue 11)."""

import pytest
from django.urls import reverse

from communities.models import Community, IndicatorSnapshot
from tests.communities.factories import CommunityFactory
from tests.communities.test_import_export import csv_bytes, row, run

pytestmark = pytest.mark.django_db

SNAPSHOT = {
    "year": 2568, "households_surveyed": 100, "income_in_need": 10, "living_in_need": 0,
    "health_in_need": 0, "education_in_need": 0, "services_in_need": 0,
    "welfare_card_households": 0, "old_age_allowance": 0, "disability_allowance": 0,
}  # fmt: skip


def test_a_second_snapshot_for_the_same_year_is_refused_with_a_thai_message(
    login, staff_bangphlat, bangphlat
):
    community = CommunityFactory(district=bangphlat)
    client = login(staff_bangphlat)
    url = reverse("communities:snapshot_create", args=[community.pk])
    assert client.post(url, SNAPSHOT).status_code == 302
    response = client.post(url, SNAPSHOT | {"income_in_need": 20})
    assert response.status_code == 200
    assert "ชุมชนนี้มีตัวชี้วัดของปี 2568 แล้ว" in response.content.decode()
    assert IndicatorSnapshot.objects.get(community=community).income_in_need == 10


def test_a_csv_field_longer_than_a_cell_is_a_row_error_and_the_other_rows_are_read(
    staff_bangphlat,
):
    data = csv_bytes([row(1, name="ก" * 131_073), row(2, name="ชุมชนที่สอง")])
    report = run(staff_bangphlat, data, filename="c.csv", dry_run=True)
    first, second = report.rows
    assert first.status == "error"
    assert first.problems == [("ทั้งแถว", "ข้อความในช่องหนึ่งยาวเกิน 10,000 ตัวอักษร")]
    assert second.status == "new"


def test_the_same_community_number_in_thai_and_arabic_digits_is_a_thai_duplicate_error(
    staff_bangphlat,
):
    data = csv_bytes([row(7, name="ชุมชนแรก"), row("๗", name="ชุมชนซ้ำ")])
    report = run(staff_bangphlat, data, filename="c.csv", dry_run=True)
    assert report.rows[1].status == "error"
    assert report.rows[1].problems == [("ลำดับชุมชน", "ลำดับชุมชน 7 ซ้ำกับชุมชน “ชุมชนแรก”")]
    run(staff_bangphlat, data, filename="c.csv")
    assert not Community.objects.exists()  # nothing applied
