"""The permission module, branch by branch (views are tested in each app's tests)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from bangphlat import permissions
from districts.models import District

pytestmark = pytest.mark.django_db


def test_anonymous_users_may_do_nothing(bangphlat):
    anonymous = AnonymousUser()
    assert not permissions.can_view_district(anonymous, bangphlat)
    assert not permissions.can_view_district_private(anonymous, bangphlat)
    assert not permissions.can_change_district_data(anonymous, bangphlat)
    assert not permissions.can_view_personal_data(anonymous, bangphlat)
    assert permissions.readable_district_ids(anonymous) == set()
    assert not permissions.filter_readable(anonymous, District.objects.all()).exists()


def test_district_staff_read_and_change_only_their_own_district(staff_bangphlat, phranakhon):
    bangphlat = staff_bangphlat.district
    assert permissions.can_view_district_private(staff_bangphlat, bangphlat)
    assert permissions.can_change_district_data(staff_bangphlat, bangphlat)
    assert permissions.can_view_personal_data(staff_bangphlat, bangphlat)
    assert not permissions.can_view_district_private(staff_bangphlat, phranakhon)
    assert not permissions.can_change_district_data(staff_bangphlat, phranakhon)
    assert not permissions.can_view_personal_data(staff_bangphlat, phranakhon)
    assert permissions.can_view_district(staff_bangphlat, phranakhon)  # public profile


def test_filter_readable_scopes_querysets_to_the_users_district(staff_bangphlat):
    visible = permissions.filter_readable(staff_bangphlat, District.objects.all(), "pk")
    assert list(visible.values_list("code", flat=True)) == ["1025"]


def test_strategy_office_reads_everything_but_changes_nothing_and_sees_no_personal_data(
    strategy, bangphlat
):
    assert permissions.sees_all_districts(strategy)
    assert permissions.can_view_district_private(strategy, bangphlat)
    assert not permissions.can_change_district_data(strategy, bangphlat)
    assert not permissions.can_view_personal_data(strategy, bangphlat)
    assert permissions.readable_district_ids(strategy) is None
    assert not permissions.can_manage_users(strategy)


def test_administrators_may_do_everything(portal_admin, bangphlat):
    assert permissions.can_view_district_private(portal_admin, bangphlat)
    assert permissions.can_change_district_data(portal_admin, bangphlat)
    assert permissions.can_view_personal_data(portal_admin, bangphlat)
    assert permissions.can_manage_users(portal_admin)


def test_only_administrators_open_the_admin_site(login, portal_admin, strategy, staff_bangphlat):
    assert login(strategy).get("/admin/").status_code == 302
    assert login(staff_bangphlat).get("/admin/").status_code == 302
    assert login(portal_admin).get("/admin/").status_code == 200


def test_sessions_are_recorded_only_with_the_mentors_own_mentees_the_strategy_office_with_any(
    staff_bangphlat, staff_mentee, strategy, bangphlat, phranakhon
):
    from mentoring.models import Pairing, PairingStatus

    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    unpaired = District.objects.get(code="1002")
    other_pilot = District.objects.pilots().exclude(pk=bangphlat.pk).first()
    assert permissions.can_record_session_with(staff_bangphlat, bangphlat, phranakhon)
    assert not permissions.can_record_session_with(staff_bangphlat, bangphlat, unpaired)
    assert not permissions.can_record_session_with(staff_bangphlat, other_pilot, phranakhon)
    assert not permissions.can_record_session_with(staff_mentee, bangphlat, phranakhon)
    assert not permissions.can_record_session_with(AnonymousUser(), bangphlat, phranakhon)
    assert permissions.can_record_session_with(strategy, bangphlat, unpaired)
