"""seed_demo: demo logins for every role, deterministic and idempotent."""

import pytest
from django.core.management import call_command

from accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_demo_logins_and_can_run_twice(settings):
    call_command("seed_demo", force=True, verbosity=0)
    call_command("seed_demo", force=True, verbosity=0)
    assert User.objects.filter(username__startswith="staff").count() == 50
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.role == Role.ADMIN
    assert User.objects.get(username="strategy").role == Role.STRATEGY
    staff = User.objects.get(username="staff1025")
    assert staff.district.code == "1025" and staff.role == Role.DISTRICT_STAFF
    assert staff.check_password(settings.DEMO_PASSWORD)
