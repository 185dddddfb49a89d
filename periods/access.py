"""Who may set the reporting calendar's due days.

One function per question, one condition per line, so the tests cover each branch.
"""

from accounts.roles import is_strategy


def can_set_reporting_deadline(user) -> bool:
    return is_strategy(user)
