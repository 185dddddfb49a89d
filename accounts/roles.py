"""Who is who: the small shared role module every app's access rules build on.

Each app keeps the rules for its own objects beside its models (``<app>/access.py``) and asks
only these questions about the user; this module knows no domain app.
"""


def is_admin(user) -> bool:
    return user.is_authenticated and user.is_portal_admin


def is_strategy(user) -> bool:
    return user.is_authenticated and user.is_strategy


def sees_all_districts(user) -> bool:
    """The strategy office and administrators read every district's data."""
    if not user.is_authenticated:
        return False
    if user.is_portal_admin:
        return True
    return user.is_strategy


def is_staff_of(user, district) -> bool:
    """District staff of exactly this district."""
    if not user.is_authenticated:
        return False
    if not user.is_district_staff:
        return False
    return user.district_id is not None and user.district_id == district.pk


def role_key(user) -> str:
    """Everything of the user the roles above read, as one string: HTML kept per reader is
    kept under it, so a changed role or district is a new key, never another reader's page."""
    if not user.is_authenticated:
        return "anonymous"
    return (
        f"{user.pk}.{user.role}.{user.district_id}.{int(user.is_superuser)}.{int(user.is_active)}"
    )
