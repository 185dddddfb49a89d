"""Dates people type: a two-digit year is refused showing both readings, and every date
is bounded to B.E. 2500–2600, in forms, imports and the models alike."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bangphlat.validators import validate_programme_date
from communities.models import Activity
from tests.communities.factories import ActivityFactory, CommunityFactory
from tests.communities.test_import_export import csv_bytes, row, run

pytestmark = pytest.mark.django_db


def activity_post(client, community, date):
    return client.post(
        reverse("communities:activity_create"),
        {
            "community": community.pk, "date": date, "title": "ประชุมชุมชน", "activity_type": 1,
            "model_step": "understand", "participants_total": 5, "participants_women": 0,
            "participants_elderly": 0, "participants_disabled": 0, "participants_youth": 0,
            "participants_welfare_card": 0, "budget": 0, "funding_source": "none",
        },
    )  # fmt: skip


def test_a_two_digit_year_in_a_form_shows_both_readings(login, staff_bangphlat, bangphlat):
    community = CommunityFactory(district=bangphlat)
    response = activity_post(login(staff_bangphlat), community, "4/8/25")
    assert response.status_code == 200
    assert "ปีสองหลักอ่านได้สองแบบ: 4 ส.ค. 2525 หรือ 4 ส.ค. 2568" in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize("date", ["0100-01-01", "9999-12-31", "1/1/2499", "1956-12-31"])
def test_a_date_outside_the_programme_window_is_refused_in_the_form(
    login, staff_bangphlat, bangphlat, date
):
    community = CommunityFactory(district=bangphlat)
    response = activity_post(login(staff_bangphlat), community, date)
    assert response.status_code == 200
    assert "วันที่ต้องอยู่ระหว่างปี พ.ศ. 2500 ถึง 2600" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_date_picker_offers_only_the_programme_window(login, staff_bangphlat, bangphlat):
    CommunityFactory(district=bangphlat)
    body = login(staff_bangphlat).get(reverse("communities:activity_create")).content.decode()
    assert 'data-min="1957-01-01"' in body and 'data-max="2057-12-31"' in body


def test_the_window_runs_from_the_first_day_of_2500_to_the_last_of_2600():
    validate_programme_date(dt.date(1957, 1, 1))
    validate_programme_date(dt.date(2057, 12, 31))
    for outside in (dt.date(1956, 12, 31), dt.date(2058, 1, 1)):
        with pytest.raises(ValidationError):
            validate_programme_date(outside)


def test_the_models_refuse_dates_outside_the_window(bangphlat):
    activity = ActivityFactory(community=CommunityFactory(district=bangphlat))
    activity.date = dt.date(100, 1, 1)
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert "date" in refused.value.message_dict


def test_imports_refuse_two_digit_years_and_dates_outside_the_window(staff_bangphlat):
    data = csv_bytes(
        [
            row(1, **{"วันที่จดทะเบียน": "4/8/25"}),
            row(2, name="ชุมชนสอง", **{"วันที่จดทะเบียน": "0100-01-01"}),
            row(3, name="ชุมชนสาม", **{"วันที่จดทะเบียน": "4/8/2568"}),
        ]
    )
    first, second, third = run(staff_bangphlat, data, filename="c.csv", dry_run=True).rows
    assert first.status == "error"
    assert "4 ส.ค. 2525 หรือ 4 ส.ค. 2568" in str(first.problems)
    assert second.status == "error"
    assert "วันที่ต้องอยู่ระหว่างปี พ.ศ. 2500 ถึง 2600" in str(second.problems)
    assert third.status == "new"


@pytest.mark.parametrize(
    "typed",
    ["25/12/2568", "25 ธันวาคม พ.ศ. 2568", "วันที่ 25 ธ.ค. 2568", "๒๕/๑๒/๒๕๖๘", "2025-12-25"],
)
def test_a_date_typed_the_thai_way_is_saved_and_shown_back_in_buddhist_era(
    login, staff_bangphlat, bangphlat, typed
):
    community = CommunityFactory(district=bangphlat)
    client = login(staff_bangphlat)
    response = activity_post(client, community, typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert activity.date == dt.date(2025, 12, 25)
    body = client.get(reverse("communities:activity_edit", args=[activity.pk])).content.decode()
    assert 'value="25/12/2568"' in body and 'type="date"' not in body
