from django.core.management.base import BaseCommand

from lineoa.delivery import purge_old, requeue_stalled


class Command(BaseCommand):
    help = (
        "LINE channel clean-up, run daily (deploy/systemd/bangphlat-housekeeping.service): queue "
        "again pushes no worker sent (each still goes out once: the claim and the retry key), "
        "forget webhook event ids older than --days (30) and linking codes spent a day ago."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        requeued = requeue_stalled()
        events, codes = purge_old(days=days)
        self.stdout.write(
            f"line_housekeeping: {requeued} push(es) queued again, {events} webhook event id(s) "
            f"and {codes} linking code(s) deleted"
        )
