"""mentoring/access.py: who records sessions with whom, branch by branch."""

import pytest
from django.contrib.auth.models import AnonymousUser

from districts.models import District
from mentoring.access import can_record_session_with

pytestmark = pytest.mark.django_db


def test_sessions_are_recorded_only_with_the_mentors_own_mentees_the_strategy_office_with_any(
    staff_bangphlat, staff_mentee, strategy, bangphlat, phranakhon
):
    from mentoring.models import Pairing, PairingStatus

    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    unpaired = District.objects.get(code="1002")
    other_pilot = District.objects.pilots().exclude(pk=bangphlat.pk).first()
    assert can_record_session_with(staff_bangphlat, bangphlat, phranakhon)
    assert not can_record_session_with(staff_bangphlat, bangphlat, unpaired)
    assert not can_record_session_with(staff_bangphlat, other_pilot, phranakhon)
    assert not can_record_session_with(staff_mentee, bangphlat, phranakhon)
    assert not can_record_session_with(AnonymousUser(), bangphlat, phranakhon)
    assert can_record_session_with(strategy, bangphlat, unpaired)
