"""Who serves the data subjects' requests (PDPA find, export, erase), on accounts/roles.py.

Finding a person reads every district's personal data at once, so it is narrower than
reading all districts: administrators, and members of the strategy office who were given
the data-protection permission (``privacy.handle_personal_data``, in the admin's user or
group page). District staff never, whatever permission they hold.
"""

from accounts.roles import is_admin, is_strategy

PERMISSION = "privacy.handle_personal_data"


def can_handle_personal_data_requests(user) -> bool:
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    if not is_strategy(user):
        return False
    return user.has_perm(PERMISSION)
