"""Demo users: the staff user of every district (staff1025, …), beside accounts/demo.py's admin
and strategy users."""

from django.conf import settings
from django.contrib.auth.hashers import make_password

from accounts.demo import upsert_user
from accounts.models import Role, User
from districts.models import District


def seed(*, scale, rng, stdout) -> str:
    # One hash for all 50 staff users: hashing 50 times would make seeding slow for nothing.
    password_hash = make_password(settings.DEMO_PASSWORD)
    created = 0
    for district in District.objects.all():
        created += upsert_user(
            f"staff{district.code}",
            password_hash=password_hash,
            role=Role.DISTRICT_STAFF,
            district=district,
            first_name="เจ้าหน้าที่",
            last_name=f"เขต{district.name_th}",
            email=f"staff{district.code}@example.org",
        )
    return f"{created} district staff users created, {User.objects.count()} users in all"
