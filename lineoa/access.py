"""Who may link a LINE account: anyone logged in with an active account (each links only
their own; the notices they get are theirs)."""


def can_link_line(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_active
