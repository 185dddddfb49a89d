"""Who may subscribe to which monthly report: the dashboard's rules. A district officer
receives their own district (and a mentor their mentees'), never another district, a zone
group or Bangkok; the strategy office receives any scope."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from districts.models import District, ZoneGroup
from mentoring.models import Pairing, PairingStatus
from scheduled import services
from scheduled.access import can_change_subscription, can_subscribe, can_view_scope
from scheduled.models import LAST_DAY, ReportSubscription, Scope
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_strategy_office_may_receive_every_scope(strategy, bangphlat):
    group = ZoneGroup.objects.first()
    assert can_subscribe(strategy, scope=Scope.CITY)
    assert can_subscribe(strategy, scope=Scope.ZONE_GROUP, zone_group=group)
    assert can_subscribe(strategy, scope=Scope.DISTRICT, district=bangphlat)


def test_a_district_officer_receives_only_their_own_district(staff_mentee, phranakhon, bangphlat):
    assert can_subscribe(staff_mentee, scope=Scope.DISTRICT, district=phranakhon)
    assert not can_subscribe(staff_mentee, scope=Scope.DISTRICT, district=bangphlat)
    assert not can_subscribe(staff_mentee, scope=Scope.CITY)
    assert not can_subscribe(staff_mentee, scope=Scope.ZONE_GROUP, zone_group=phranakhon.zone_group)


def test_a_mentor_may_receive_their_mentees_report(staff_bangphlat, phranakhon):
    assert not can_subscribe(staff_bangphlat, scope=Scope.DISTRICT, district=phranakhon)
    Pairing.objects.create(
        mentor=staff_bangphlat.district,
        mentee=phranakhon,
        start_date="2025-01-01",
        status=PairingStatus.ACTIVE,
    )
    staff_bangphlat._mentored_district_ids = None  # forget the request-long memo
    assert can_subscribe(staff_bangphlat, scope=Scope.DISTRICT, district=phranakhon)


def test_anonymous_inactive_and_scopeless_users_receive_nothing(client, strategy, bangphlat):
    from django.contrib.auth.models import AnonymousUser

    assert not can_view_scope(AnonymousUser(), scope=Scope.CITY)
    assert not can_view_scope(strategy, scope=Scope.DISTRICT, district=None)
    assert not can_view_scope(strategy, scope="planet")
    strategy.is_active = False
    assert not can_subscribe(strategy, scope=Scope.CITY)


def test_only_the_subscriber_changes_a_subscription(strategy, staff_bangphlat):
    from django.contrib.auth.models import AnonymousUser

    subscription = services.subscription_save(
        user=strategy, scope=Scope.CITY, day=5, by_email=True, by_line=False
    )
    assert can_change_subscription(strategy, subscription)
    assert not can_change_subscription(staff_bangphlat, subscription)
    assert not can_change_subscription(AnonymousUser(), subscription)


def test_the_service_refuses_another_districts_report(staff_mentee, bangphlat):
    with pytest.raises(PermissionDenied):
        services.subscription_save(
            user=staff_mentee,
            scope=Scope.DISTRICT,
            district=bangphlat,
            day=5,
            by_email=True,
            by_line=False,
        )
    assert not ReportSubscription.objects.exists()


def test_the_page_offers_a_district_officer_their_district_only(login, staff_mentee):
    page = login(staff_mentee).get(reverse("scheduled:subscriptions")).content.decode()
    assert 'value="district:1001"' in page
    assert 'value="district:1025"' not in page and 'value="city"' not in page
    assert 'value="zone:' not in page


def test_posting_another_districts_scope_is_refused_in_thai(login, staff_mentee):
    client = login(staff_mentee)
    response = client.post(
        reverse("scheduled:subscriptions"),
        {"scope": "district:1025", "day": "5", "by_email": "on"},
    )
    assert response.status_code == 200
    assert "เลือกขอบเขตของรายงานจากรายการที่มีให้" in response.content.decode()
    response = client.post(reverse("scheduled:subscriptions"), {"scope": "city", "day": "5"})
    assert response.status_code == 200
    assert not ReportSubscription.objects.exists()


def test_a_district_officer_subscribes_to_their_district_on_the_last_day(login, staff_mentee):
    client = login(staff_mentee)
    response = client.post(
        reverse("scheduled:subscriptions"),
        {"scope": "district:1001", "day": str(LAST_DAY), "by_line": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "วันสุดท้ายของเดือน" in page and "เขตพระนคร" in page
    subscription = ReportSubscription.objects.get()
    assert subscription.district == District.objects.get(code="1001")
    assert (subscription.day, subscription.by_email, subscription.by_line) == (
        LAST_DAY,
        False,
        True,
    )


def test_subscribing_again_to_a_scope_changes_its_day(login, strategy):
    client = login(strategy)
    url = reverse("scheduled:subscriptions")
    client.post(url, {"scope": "city", "day": "5", "by_email": "on"})
    client.post(url, {"scope": "city", "day": "12", "by_email": "on", "by_line": "on"})
    subscription = ReportSubscription.objects.get()
    assert (subscription.day, subscription.by_line) == (12, True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scope": "city", "day": "30", "by_email": "on"}, "วันสุดท้ายของเดือน"),
        ({"scope": "city", "day": "abc", "by_email": "on"}, "วันสุดท้ายของเดือน"),
        ({"scope": "city", "day": "5"}, "เลือกช่องทางรับรายงานอย่างน้อยหนึ่งช่องทาง"),
        ({"scope": "zone:nowhere", "day": "5", "by_email": "on"}, "เลือกขอบเขตของรายงาน"),
    ],
)
def test_bad_input_gets_a_thai_message_and_saves_nothing(login, strategy, data, message):
    response = login(strategy).post(reverse("scheduled:subscriptions"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ReportSubscription.objects.exists()


def test_another_user_cannot_delete_a_subscription(login, strategy):
    subscription = services.subscription_save(
        user=strategy, scope=Scope.CITY, day=5, by_email=True, by_line=False
    )
    other = make_user("strategy2_t", strategy.role)
    response = login(other).post(reverse("scheduled:delete", args=[subscription.code]))
    assert response.status_code == 404
    assert ReportSubscription.objects.filter(pk=subscription.pk).exists()


def test_the_subscriber_stops_a_subscription(login, strategy):
    subscription = services.subscription_save(
        user=strategy, scope=Scope.CITY, day=5, by_email=True, by_line=False
    )
    client = login(strategy)
    response = client.post(reverse("scheduled:delete", args=[subscription.code]), follow=True)
    assert "ยกเลิกการรับรายงาน" in response.content.decode()
    assert not ReportSubscription.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("scheduled:subscriptions"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_page_lists_subscriptions_within_a_query_budget(
    login, strategy, django_assert_max_num_queries
):
    for day, scope in [(5, Scope.CITY)]:
        services.subscription_save(
            user=strategy, scope=scope, day=day, by_email=True, by_line=False
        )
    client = login(strategy)
    # session + user, the zone groups, the districts, the subscriptions, the bell's count,
    # the nav's waiting lessons and the rest of base.html
    with django_assert_max_num_queries(12):
        response = client.get(reverse("scheduled:subscriptions"))
    assert "ทั้งกรุงเทพมหานคร (50 เขต)" in response.content.decode()


def test_the_dashboard_and_the_district_page_link_to_the_page(login, strategy, staff_bangphlat):
    url = reverse("scheduled:subscriptions")
    assert url in login(strategy).get(reverse("dashboard:home")).content.decode()
    district_page = login(staff_bangphlat).get(reverse("districts:detail", args=["1025"]))
    assert f"{url}?scope=district:1025" in district_page.content.decode()


def test_administrators_read_subscriptions_in_the_admin(login, portal_admin, strategy):
    subscribe = services.subscription_save
    subscribe(user=strategy, scope=Scope.CITY, day=5, by_email=True, by_line=False)
    client = login(portal_admin)
    page = client.get(reverse("admin:scheduled_reportsubscription_changelist"))
    assert page.status_code == 200 and "strategy_t" in page.content.decode()
    assert client.get(reverse("admin:scheduled_reportsent_changelist")).status_code == 200
