"""Brute-force protection: django-axes with a limit of its own for each way of counting.

One limit for every parameter set cannot be right: five typos must lock only that person
(at that address), but an office behind one NAT address must not be locked out together
after five typos by anybody. So the failures are counted three ways, each with its limit
(``settings.LOGIN_LOCKOUT_LIMITS``):

- username at one address: the person typing wrong, soon;
- username from any address: one account guessed from many addresses, later;
- one address for any usernames: one password sprayed over many accounts, later still.

Axes locks when its count reaches ``AXES_FAILURE_LIMIT``; the handler reports each set's
count scaled to that limit, so each set locks at its own limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class PortalLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        base = settings.AXES_FAILURE_LIMIT
        attempts_list = self.get_user_attempts(request, credentials)
        limits = [limit for _parameters, limit in settings.LOGIN_LOCKOUT_LIMITS]
        worst = 0
        for attempts, limit in zip(attempts_list, limits, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            worst = max(worst, failures * base // limit)  # ≥ base exactly when ≥ limit
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that user's failures only: a sprayer who owns one
        account must not wipe the count of their address by logging in with it."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count
