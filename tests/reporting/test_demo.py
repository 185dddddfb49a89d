"""The demo months: every state present, each month's history recorded, and idempotent."""

import random

import pytest

from periods.models import ReportingMonth
from reporting.models import ReportingTransition

pytestmark = pytest.mark.django_db


def test_demo_months_cover_every_state_and_seeding_twice_changes_nothing():
    from accounts import demo as accounts_demo
    from districts import demo as districts_demo
    from reporting import demo

    accounts_demo.seed(scale="small", rng=random.Random(1), stdout=None)
    districts_demo.seed(scale="small", rng=random.Random(1), stdout=None)
    demo.seed(scale="small", rng=random.Random(2), stdout=None)
    states = set(ReportingMonth.objects.values_list("status", flat=True))
    assert states == {"submitted", "returned", "approved"} | ({"checked"} & states)
    assert ReportingTransition.objects.filter(action="approve").count() == (
        ReportingMonth.objects.filter(status="approved").count()
    )
    before = ReportingMonth.objects.count()
    assert demo.seed(scale="small", rng=random.Random(2), stdout=None) == "already seeded"
    assert ReportingMonth.objects.count() == before
