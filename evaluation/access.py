"""Who may see the impact evaluation (built on accounts/roles.py).

It pools every district's data and speaks for the programme as a whole: the strategy office
(the department that evaluates) and administrators only.
"""

from accounts.roles import sees_all_districts


def can_view_evaluation(user) -> bool:
    return sees_all_districts(user)
