"""Entering activities for a reporting month: from the month's page the activity form opens
on that month, and a date outside it is refused in Thai before anything is saved."""

import datetime as dt

import pytest
from django.urls import reverse

from communities.models import Activity
from reporting import services as reporting
from tests.reporting.test_locks import AUGUST, community, form_data  # noqa: F401

pytestmark = pytest.mark.django_db


def month_url(code="1025", month="2025-08"):
    return reverse("reporting:month", args=[code, month])


def test_the_month_page_offers_entry_for_that_month_to_its_district_only(
    login, staff_bangphlat, staff_mentee, strategy, bangphlat
):
    body = login(staff_bangphlat).get(month_url()).content.decode()
    assert 'href="/communities/activities/new/?month=2025-08"' in body
    assert "add-activity-in-month" not in login(strategy).get(month_url()).content.decode()
    reporting.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
    reporting.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    assert "add-activity-in-month" not in login(staff_bangphlat).get(month_url()).content.decode()


def test_the_form_opens_on_the_month_and_refuses_a_date_outside_it(
    login,
    staff_bangphlat,
    community,  # noqa: F811
):
    client = login(staff_bangphlat)
    form = client.get(reverse("communities:activity_create") + "?month=2025-08").context["form"]
    assert form.initial["reporting_month"] == "2025-08"
    assert form.initial["date"].strftime("%Y-%m") == "2025-08"

    url = reverse("communities:activity_create")
    outside = client.post(url, form_data(community, date="2025-09-03", reporting_month="2025-08"))
    assert outside.status_code == 200
    assert "วันที่ต้องอยู่ในเดือนสิงหาคม 2568" in outside.content.decode()
    assert not Activity.objects.exists()

    inside = client.post(url, form_data(community, date="2025-08-20", reporting_month="2025-08"))
    assert inside.status_code == 302
    assert Activity.objects.get().date == dt.date(2025, 8, 20)


def test_a_malformed_month_is_ignored(login, staff_bangphlat, community):  # noqa: F811
    client = login(staff_bangphlat)
    for value in ("abc", "2025-13", "๒๕๖๘-๐๘", "-1"):
        response = client.get(reverse("communities:activity_create") + f"?month={value}")
        assert response.status_code == 200
        assert not response.context["form"].initial.get("reporting_month")
