"""Dashboard pages: who may open them, the query budget, fresh figures after a change."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.models import DistrictTarget
from districts.models import District
from mentoring.models import Pairing, PairingStatus
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_go_to_login(client):
    for name in [
        "dashboard:home",
        "dashboard:export",
        "dashboard:print",
        "dashboard:targets",
        "dashboard:mentor",
    ]:
        assert client.get(reverse(name)).url.startswith("/accounts/login/")


def test_district_staff_cannot_open_the_all_district_dashboard(
    login, staff_bangphlat, staff_mentee
):
    for user in (staff_bangphlat, staff_mentee):
        client = login(user)
        for name in ["dashboard:home", "dashboard:export", "dashboard:print", "dashboard:targets"]:
            assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", ["strategy", "portal_admin"])
def test_strategy_office_and_admins_open_the_dashboard(role, request, login):
    response = login(request.getfixturevalue(role)).get(reverse("dashboard:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="tile-map"' in body and body.count('class="tile"') == 50
    assert "<title" in body and "<desc" in body  # charts carry their text alternatives


def test_staff_see_their_own_district_dashboard_but_not_anothers(login, staff_mentee):
    client = login(staff_mentee)
    assert (
        'id="district-dashboard"'
        in client.get(reverse("districts:detail", args=["1001"])).content.decode()
    )
    assert (
        'id="district-dashboard"'
        not in client.get(reverse("districts:detail", args=["1002"])).content.decode()
    )


def test_mentors_see_their_mentees_side_by_side(
    login, staff_bangphlat, staff_mentee, phranakhon, bangphlat
):
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    client = login(staff_bangphlat)
    assert (
        'id="district-dashboard"'
        in client.get(reverse("districts:detail", args=["1001"])).content.decode()
    )
    body = client.get(reverse("dashboard:mentor")).content.decode()
    assert "พระนคร" in body.split('id="mentees"')[1]
    assert login(staff_mentee).get(reverse("dashboard:mentor")).status_code == 403


def test_dashboard_runs_at_most_15_queries_whatever_the_data(
    login, strategy, bangphlat, django_assert_max_num_queries
):
    community = CommunityFactory(district=bangphlat, model_step="reach")
    ActivityFactory.create_batch(
        30, community=community, date=timezone.localdate() - dt.timedelta(days=3)
    )
    client = login(strategy)
    client.get(reverse("home"))  # the session and user are loaded: count the page alone
    # session, user, cache version, 12 aggregates (see dashboard/selectors.py)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_new_activity_shows_on_the_next_load(login, strategy, bangphlat):
    community = CommunityFactory(district=bangphlat, model_step="reach")
    client = login(strategy)
    first = client.get(reverse("dashboard:home")).context["data"]["totals"]["activities"]
    ActivityFactory(community=community, date=timezone.localdate())
    assert (
        client.get(reverse("dashboard:home")).context["data"]["totals"]["activities"] == first + 1
    )


def test_table_sorts_by_a_column_and_reverses(login, strategy, bangphlat):
    CommunityFactory(district=bangphlat, model_step="reach")
    client = login(strategy)
    rows = client.get(reverse("dashboard:home"), {"sort": "-engaged"}).context["rows"]
    assert rows[0]["code"] == "1025"
    rows = client.get(reverse("dashboard:home"), {"sort": "engaged"}).context["rows"]
    assert rows[-1]["code"] == "1025"


def test_export_and_print(login, strategy):
    client = login(strategy)
    xlsx = client.get(reverse("dashboard:export"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("dashboard:print"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_strategy_sets_targets_and_bad_values_are_refused(login, strategy):
    client = login(strategy)
    fy = client.get(reverse("dashboard:targets")).context["fy"]
    client.post(
        reverse("dashboard:targets"),
        {
            "fy": fy,
            "engaged-1025": "12",
            "activities-1025": "40",
            "lessons-1025": "2",
            "engaged-1001": "-3",
        },
    )
    target = DistrictTarget.objects.get(district__code="1025", fiscal_year=fy)
    assert (target.communities_engaged, target.activities, target.lessons_approved) == (12, 40, 2)
    assert not DistrictTarget.objects.filter(
        district__code="1001", communities_engaged__lt=0
    ).exists()
    assert District.objects.count() == 50
