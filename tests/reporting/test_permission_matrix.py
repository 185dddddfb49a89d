"""Every action from every state, for every role: only the listed ones are allowed, and each
allowed one is recorded."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from periods.models import ReportingMonth
from reporting import services
from reporting.models import ReportingTransition
from tests.reporting.factories import month_in

pytestmark = pytest.mark.django_db

STATUSES = ["open", "submitted", "checked", "returned", "approved"]
ACTIONS = ["submit", "check", "approve", "return", "unlock"]
ROLES = ["own_staff", "mentor", "other_staff", "strategy", "admin"]
ALLOWED = {
    ("open", "submit", "own_staff"): "submitted",
    ("returned", "submit", "own_staff"): "submitted",
    ("submitted", "check", "mentor"): "checked",
    ("submitted", "approve", "strategy"): "approved",
    ("checked", "approve", "strategy"): "approved",
    ("submitted", "return", "strategy"): "returned",
    ("checked", "return", "strategy"): "returned",
    ("approved", "unlock", "strategy"): "open",
}


def status_of(district, month):
    period = ReportingMonth.objects.filter(district=district, month=month).first()
    return period.status if period else "open"


@pytest.mark.parametrize("status, action, role", list(itertools.product(STATUSES, ACTIONS, ROLES)))
def test_transition_matrix(actors, phranakhon, status, action, role):
    month = month_in(status, actors, phranakhon)
    before = ReportingTransition.objects.count()
    expected = ALLOWED.get((status, action, role))
    act = services.ACTIONS[action]
    if expected is None:
        with pytest.raises(PermissionDenied):
            act(district=phranakhon, month=month, by=actors[role], comment="เหตุผล")
        assert status_of(phranakhon, month) == status
        assert ReportingTransition.objects.count() == before
    else:
        act(district=phranakhon, month=month, by=actors[role], comment="เหตุผล")
        assert status_of(phranakhon, month) == expected
        last = ReportingTransition.objects.last()
        assert (last.action, last.from_status, last.to_status, last.by) == (
            action,
            status,
            expected,
            actors[role],
        )


def test_a_pilot_districts_month_goes_straight_to_the_strategy_office(
    bangphlat, staff_bangphlat, strategy, portal_admin
):
    month = month_in("open", {}, bangphlat)
    services.reporting_month_submit(district=bangphlat, month=month, by=staff_bangphlat)
    for user in (staff_bangphlat, strategy, portal_admin):
        with pytest.raises(PermissionDenied):
            services.reporting_month_check(district=bangphlat, month=month, by=user)
    services.reporting_month_approve(district=bangphlat, month=month, by=strategy)
    assert status_of(bangphlat, month) == "approved"


@pytest.mark.parametrize("action", ["return", "unlock"])
def test_returning_or_unlocking_without_a_reason_is_refused_in_thai(
    actors,
    phranakhon,
    action,
):
    month = month_in("submitted" if action == "return" else "approved", actors, phranakhon)
    with pytest.raises(ValidationError) as error:
        services.ACTIONS[action](
            district=phranakhon, month=month, by=actors["strategy"], comment="  "
        )
    assert "กรุณาระบุเหตุผล" in str(error.value)


def test_submitting_records_what_the_district_entered_that_month(actors, phranakhon):
    from tests.communities.factories import ActivityFactory, CommunityFactory

    month = month_in("open", actors, phranakhon)
    community = CommunityFactory(district=phranakhon)
    ActivityFactory(community=community, date=month, participants_total=12, participants_women=0)
    ActivityFactory(
        community=community, date=month.replace(day=20), participants_total=8, participants_women=0
    )
    period = services.reporting_month_submit(
        district=phranakhon, month=month, by=actors["own_staff"]
    )
    assert period.summary == {"activities": 2, "participants": 20, "communities": 1}
    assert ReportingTransition.objects.get().summary == period.summary


def test_a_month_that_has_not_begun_cannot_be_submitted(actors, phranakhon):
    import datetime as dt

    from django.utils import timezone

    future = (timezone.localdate().replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    with pytest.raises(ValidationError):
        services.reporting_month_submit(district=phranakhon, month=future, by=actors["own_staff"])
