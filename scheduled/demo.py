"""The strategy office receives the Bangkok report on the 5th of each month, by e-mail."""

from accounts.models import User
from scheduled.models import ReportSubscription, Scope


def seed(*, scale, rng, stdout) -> str:
    strategy = User.objects.filter(username="strategy").first()
    if strategy is None:
        return "no strategy user: nothing subscribed"
    _subscription, created = ReportSubscription.objects.get_or_create(
        user=strategy,
        scope=Scope.CITY,
        defaults={"day": 5, "by_email": True, "by_line": False},
    )
    return "strategy subscribed to the Bangkok report on day 5" if created else "already subscribed"
