"""District data rights, branch by branch: districts/access.py, the mentor-aware reading rights
in mentoring/access.py and the roles they build on (views are tested in each app's tests)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.access import can_manage_users
from accounts.roles import sees_all_districts
from districts.access import can_change_district_data, can_view_district, can_view_personal_data
from districts.models import District
from mentoring.access import can_view_district_private, filter_readable, readable_district_ids

pytestmark = pytest.mark.django_db


def test_anonymous_users_may_do_nothing(bangphlat):
    anonymous = AnonymousUser()
    assert not can_view_district(anonymous, bangphlat)
    assert not can_view_district_private(anonymous, bangphlat)
    assert not can_change_district_data(anonymous, bangphlat)
    assert not can_view_personal_data(anonymous, bangphlat)
    assert readable_district_ids(anonymous) == set()
    assert not filter_readable(anonymous, District.objects.all()).exists()


def test_district_staff_read_and_change_only_their_own_district(staff_bangphlat, phranakhon):
    bangphlat = staff_bangphlat.district
    assert can_view_district_private(staff_bangphlat, bangphlat)
    assert can_change_district_data(staff_bangphlat, bangphlat)
    assert can_view_personal_data(staff_bangphlat, bangphlat)
    assert not can_view_district_private(staff_bangphlat, phranakhon)
    assert not can_change_district_data(staff_bangphlat, phranakhon)
    assert not can_view_personal_data(staff_bangphlat, phranakhon)
    assert can_view_district(staff_bangphlat, phranakhon)  # public profile


def test_filter_readable_scopes_querysets_to_the_users_district(staff_bangphlat):
    visible = filter_readable(staff_bangphlat, District.objects.all(), "pk")
    assert list(visible.values_list("code", flat=True)) == ["1025"]


def test_strategy_office_reads_everything_but_changes_nothing_and_sees_no_personal_data(
    strategy, bangphlat
):
    assert sees_all_districts(strategy)
    assert can_view_district_private(strategy, bangphlat)
    assert not can_change_district_data(strategy, bangphlat)
    assert not can_view_personal_data(strategy, bangphlat)
    assert readable_district_ids(strategy) is None
    assert not can_manage_users(strategy)


def test_administrators_may_do_everything(portal_admin, bangphlat):
    assert can_view_district_private(portal_admin, bangphlat)
    assert can_change_district_data(portal_admin, bangphlat)
    assert can_view_personal_data(portal_admin, bangphlat)
    assert can_manage_users(portal_admin)


def test_only_administrators_open_the_admin_site(login, portal_admin, strategy, staff_bangphlat):
    assert login(strategy).get("/admin/").status_code == 302
    assert login(staff_bangphlat).get("/admin/").status_code == 302
    assert login(portal_admin).get("/admin/").status_code == 200
