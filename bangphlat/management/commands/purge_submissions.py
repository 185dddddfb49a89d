from django.core.management.base import BaseCommand

from bangphlat import submissions


class Command(BaseCommand):
    help = (
        "Forget one-time form submission keys older than --days (30 by default): a repeat of a "
        "form that old is no longer recognised as a repeat. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        count = submissions.purge_older_than(days)
        self.stdout.write(f"purge_submissions: {count} key(s) older than {days} days deleted")
