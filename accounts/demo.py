"""Demo users: admin, strategy and one staff user per district (staff1025, …)."""

from django.conf import settings
from django.contrib.auth.hashers import make_password

from accounts.models import Role, User
from districts.models import District


def _upsert(username, *, password_hash, **fields):
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
    # One hash for all demo users: hashing 52 times would make seeding slow for nothing.
    password_hash = make_password(settings.DEMO_PASSWORD)
    created = 0
    created += _upsert(
        "admin",
        password_hash=password_hash,
        role=Role.ADMIN,
        is_superuser=True,
        is_staff=True,
        first_name="ผู้ดูแล",
        last_name="ระบบ",
        email="admin@example.org",
    )
    created += _upsert(
        "strategy",
        password_hash=password_hash,
        role=Role.STRATEGY,
        first_name="เจ้าหน้าที่",
        last_name="สยป.",
        email="strategy@example.org",
    )
    for district in District.objects.all():
        created += _upsert(
            f"staff{district.code}",
            password_hash=password_hash,
            role=Role.DISTRICT_STAFF,
            district=district,
            first_name="เจ้าหน้าที่",
            last_name=f"เขต{district.name_th}",
            email=f"staff{district.code}@example.org",
        )
    return f"{created} users created, {User.objects.count()} in all"
