"""The dashboard's switch "เฉพาะข้อมูลที่อนุมัติแล้ว" counts only activities of approved months,
says when its figures were computed, and follows approvals at once."""

import datetime as dt
import re

import pytest

from reporting import services
from tests.communities.factories import ActivityFactory, CommunityFactory

pytestmark = pytest.mark.django_db
AUGUST, SEPTEMBER = dt.date(2025, 8, 1), dt.date(2025, 9, 1)  # FY 2568


def activities_shown(client, **params):
    html = client.get("/dashboard/", {"fy": 2568, **params}).content.decode()
    return int(re.search(r'id="stat-activities">([\d,]+)<', html).group(1).replace(",", ""))


def test_only_approved_months_count_when_the_switch_is_on(
    bangphlat, staff_bangphlat, strategy, login, django_capture_on_commit_callbacks
):
    community = CommunityFactory(district=bangphlat)
    ActivityFactory(community=community, date=dt.date(2025, 8, 4))
    ActivityFactory(community=community, date=dt.date(2025, 8, 20))
    ActivityFactory(community=community, date=dt.date(2025, 9, 3))
    client = login(strategy)
    assert activities_shown(client) == 3
    assert activities_shown(client, approved=1) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.reporting_month_submit(district=bangphlat, month=AUGUST, by=staff_bangphlat)
        services.reporting_month_approve(district=bangphlat, month=AUGUST, by=strategy)
    assert activities_shown(client, approved=1) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.reporting_month_unlock(
            district=bangphlat, month=AUGUST, by=strategy, comment="แก้ไขตัวเลข"
        )
    assert activities_shown(client, approved=1) == 0
    assert activities_shown(client) == 3


def test_the_dashboard_says_when_its_figures_were_computed(strategy, login):
    html = login(strategy).get("/dashboard/", {"approved": 1}).content.decode()
    assert "ข้อมูล ณ" in html
    assert "เฉพาะข้อมูลที่อนุมัติแล้ว" in html
    assert 'id="id_approved" data-autosubmit checked' in html
