"""Who may hold and revoke personal API tokens.

One function per question, one condition per line, so the tests cover each branch.
"""

from accounts.roles import is_admin


def can_have_api_token(user) -> bool:
    """Any active, logged-in user may create personal tokens: they carry the user's own rights."""
    if not user.is_authenticated:
        return False
    return user.is_active


def can_revoke_api_token(user, token) -> bool:
    if is_admin(user):
        return True
    return user.is_authenticated and token.user_id == user.pk
