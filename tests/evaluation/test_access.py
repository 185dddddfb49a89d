"""can_view_evaluation: every branch (the evaluation pools every district's data)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from evaluation.access import can_view_evaluation

pytestmark = pytest.mark.django_db


def test_strategy_office_and_administrators_may(strategy, portal_admin):
    assert can_view_evaluation(strategy)
    assert can_view_evaluation(portal_admin)


def test_district_staff_and_anonymous_may_not(staff_bangphlat, staff_mentee):
    assert not can_view_evaluation(staff_bangphlat)
    assert not can_view_evaluation(staff_mentee)
    assert not can_view_evaluation(AnonymousUser())
