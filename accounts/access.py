"""Who may manage users (the admin site's user pages).

One function per question, one condition per line, so the tests cover each branch.
"""

from accounts.roles import is_admin


def can_manage_users(user) -> bool:
    return is_admin(user)
