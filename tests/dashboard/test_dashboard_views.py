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
    # session, user, data tokens, 10 aggregates (numbered in dashboard/selectors.py:
    # districts, communities, lessons, mentors, targets, sessions, overdue follow-ups,
    # activity slices, steps per zone group, lesson pipeline) = 13; the nav's bell and count
    # of lessons waiting (each cached after the first page)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_new_activity_shows_on_the_next_load(
    login, strategy, bangphlat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # each writer's transaction commits
        community = CommunityFactory(district=bangphlat, model_step="reach")
    client = login(strategy)
    first = client.get(reverse("dashboard:home")).context["data"]["totals"]["activities"]
    with django_capture_on_commit_callbacks(execute=True):
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
    typed = {"fy": fy, "engaged-1025": "12", "activities-1025": "40", "lessons-1025": "2"}
    refused = client.post(reverse("dashboard:targets"), typed | {"engaged-1001": "-3"})
    body = refused.content.decode()
    assert refused.status_code == 200 and "ยังไม่ได้บันทึก" in body and "พระนคร" in body
    assert 'name="engaged-1025" value="12"' in body  # what the user typed is still there
    assert 'is-invalid" name="engaged-1001" value="-3"' in body
    assert not DistrictTarget.objects.exists()  # all or nothing
    client.post(reverse("dashboard:targets"), typed | {"engaged-1001": "3"})
    target = DistrictTarget.objects.get(district__code="1025", fiscal_year=fy)
    assert (target.communities_engaged, target.activities, target.lessons_approved) == (12, 40, 2)
    assert (
        DistrictTarget.objects.get(district__code="1001", fiscal_year=fy).communities_engaged == 3
    )
    assert DistrictTarget.objects.filter(fiscal_year=fy).count() == 50
    assert District.objects.count() == 50


def test_a_target_too_large_for_the_database_saves_nothing_and_says_so(login, strategy):
    client = login(strategy)
    fy = client.get(reverse("dashboard:targets")).context["fy"]
    typed = {f"engaged-{code}": "5" for code in District.objects.values_list("code", flat=True)}
    response = client.post(
        reverse("dashboard:targets"), typed | {"fy": fy, "activities-1050": str(2**31)}
    )
    assert response.status_code == 200
    assert "ตั้งแต่ 0 ถึง 1,000,000" in response.content.decode()
    assert not DistrictTarget.objects.exists()


@pytest.mark.parametrize("fy", ["²", "9" * 4301, "๒๕๐๐", "-2568", "2568abc"])
def test_a_malformed_fiscal_year_shows_the_current_year_with_a_notice(login, strategy, fy):
    client = login(strategy)
    current = client.get(reverse("dashboard:targets")).context["fy"]
    response = client.get(reverse("dashboard:targets"), {"fy": fy})
    assert response.status_code == 200 and response.context["fy"] == current
    assert "จึงแสดงปีปัจจุบัน" in response.content.decode()
    posted = client.post(reverse("dashboard:targets"), {"fy": fy, "engaged-1025": "4"})
    assert posted.status_code == 302 and not DistrictTarget.objects.exists()


def test_the_cached_dashboard_runs_only_the_token_query(
    login, strategy, django_assert_max_num_queries
):
    client = login(strategy)
    client.get(reverse("dashboard:home"))
    with django_assert_max_num_queries(4):  # session, user, data tokens (+ savepoint slack)
        assert client.get(reverse("dashboard:home")).status_code == 200


def test_an_activity_moved_to_another_fiscal_year_moves_on_the_next_load(
    login, strategy, bangphlat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        community = CommunityFactory(district=bangphlat, model_step="reach")
        activity = ActivityFactory(community=community, date=dt.date(2025, 9, 30))  # FY 2568
    client = login(strategy)

    def figures(fy):
        data = client.get(reverse("dashboard:home"), {"fy": fy}).context["data"]
        return data["totals"]["activities"], dict(data["reach"])[fy - 1]["activities"]

    before = {fy: figures(fy) for fy in (2569, 2570)}
    assert before[2569][1] == 1  # the FY 2570 page's trends show FY 2569… and 2568
    activity.refresh_from_db()
    activity.date = dt.date(2025, 10, 1)  # FY 2569
    with django_capture_on_commit_callbacks(execute=True):
        activity.save()
    assert figures(2569) == (before[2569][0] + 1, before[2569][1] - 1)  # left FY 2568
    assert figures(2570)[1] == before[2570][1] + 1


def test_a_deleted_activity_leaves_the_figures(
    login, strategy, bangphlat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        community = CommunityFactory(district=bangphlat, model_step="reach")
        activity = ActivityFactory(community=community, date=timezone.localdate())
    client = login(strategy)
    first = client.get(reverse("dashboard:home")).context["data"]["totals"]["activities"]
    activity.is_deleted = True
    with django_capture_on_commit_callbacks(execute=True):
        activity.save()
    after = client.get(reverse("dashboard:home")).context["data"]["totals"]["activities"]
    assert after == first - 1


def test_a_bad_fiscal_year_gets_a_thai_message_not_an_error(login, strategy):
    client = login(strategy)
    response = client.get(reverse("dashboard:targets"), {"fy": "abc"}, follow=True)
    assert response.status_code == 200
    assert "ไม่มีปีงบประมาณ" in response.content.decode()
    response = client.post(reverse("dashboard:targets"), {"fy": "1999", "engaged-1025": "5"})
    assert response.status_code == 302
    assert not DistrictTarget.objects.exists()
    assert client.get(reverse("dashboard:home"), {"fy": "x", "kind": "zzz"}).status_code == 200


def test_the_strategy_office_picks_any_mentor_in_the_mentor_view(
    login, strategy, bangphlat, phranakhon
):
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    client = login(strategy)
    body = client.get(reverse("dashboard:mentor"), {"mentor": "1025"}).content.decode()
    assert "พระนคร" in body.split('id="mentees"')[1]
    assert client.get(reverse("dashboard:mentor"), {"mentor": "9999"}).status_code == 404
    assert client.get(reverse("dashboard:mentor")).status_code == 200


def test_the_district_dashboard_panel_adds_a_bounded_number_of_queries(
    login, staff_bangphlat, bangphlat, django_assert_max_num_queries
):
    community = CommunityFactory(district=bangphlat, model_step="reach")
    ActivityFactory.create_batch(20, community=community, date=timezone.localdate())
    client = login(staff_bangphlat)
    client.get(reverse("home"))
    # the district page and its other panels (with "what to do now" for its own staff:
    # reporting/tasks.py), plus the panel's tokens and 6 aggregates
    with django_assert_max_num_queries(33):
        body = client.get(reverse("districts:detail", args=["1025"])).content.decode()
    assert 'id="dd-activities">20<' in body


def _district_row(html: str, code: str) -> str:
    start = html.index(f"<td>{code}</td>")
    return html[start : html.index("</tr>", start)]


def test_the_kept_page_shows_a_new_activity_on_the_next_load(
    login, strategy, bangphlat, django_capture_on_commit_callbacks
):
    # The page's HTML is kept under the figures' key: a change makes a new page, not the old one.
    with django_capture_on_commit_callbacks(execute=True):
        community = CommunityFactory(district=bangphlat, model_step="reach")
    client = login(strategy)
    before = _district_row(client.get(reverse("dashboard:home")).content.decode(), "1025")
    assert _district_row(client.get(reverse("dashboard:home")).content.decode(), "1025") == before
    with django_capture_on_commit_callbacks(execute=True):
        ActivityFactory(community=community, date=timezone.localdate())
    after = _district_row(client.get(reverse("dashboard:home")).content.decode(), "1025")
    assert after != before  # one more activity, its participants


def test_the_kept_page_follows_the_query_and_the_reader_stays_checked(
    login, strategy, portal_admin, staff_bangphlat, bangphlat
):
    CommunityFactory(district=bangphlat, model_step="reach")
    office = login(strategy).get(reverse("dashboard:home"), {"sort": "-engaged"})
    admin = login(portal_admin).get(reverse("dashboard:home"), {"sort": "-engaged"})
    by_code = login(portal_admin).get(reverse("dashboard:home"), {"sort": "code"})
    body = office.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert body in admin.content.decode()  # the same figures for every reader allowed
    assert body not in by_code.content.decode()  # another sort is another page
    assert login(staff_bangphlat).get(reverse("dashboard:home")).status_code == 403
