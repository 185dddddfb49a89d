"""Demo users: admin and strategy. The staff user of each district (staff1025, …) is seeded
by districts/demo.py with ``upsert_user``: accounts sits below districts."""

from django.conf import settings
from django.contrib.auth.hashers import make_password

from accounts.models import Role, User


def upsert_user(username, *, password_hash, **fields):
    user, created = User.objects.get_or_create(
        username=username, defaults={"password": password_hash, **fields}
    )
    if not created:
        # Keep the demo logins working: reset the password and role on every run.
        for key, value in {"password": password_hash, **fields}.items():
            setattr(user, key, value)
        user.save()
    return created


def seed(*, scale, rng, stdout) -> str:
    # One hash for all demo users: hashing for each would make seeding slow for nothing.
    password_hash = make_password(settings.DEMO_PASSWORD)
    created = 0
    created += upsert_user(
        "admin",
        password_hash=password_hash,
        role=Role.ADMIN,
        is_superuser=True,
        is_staff=True,
        first_name="ผู้ดูแล",
        last_name="ระบบ",
        email="admin@example.org",
    )
    created += upsert_user(
        "strategy",
        password_hash=password_hash,
        role=Role.STRATEGY,
        first_name="เจ้าหน้าที่",
        last_name="สยป.",
        email="strategy@example.org",
    )
    return f"{created} users created, {User.objects.count()} in all"
