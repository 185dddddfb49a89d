from django.core.management.base import BaseCommand
from django.utils import translation

from privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Apply the retention period of each category of personal data (privacy/categories.py, "
        "the record of processing at /privacy/; periods in settings.PRIVACY_RETENTION): blank "
        "the phones of participants whose run ended long ago, the contacts of deleted "
        "communities and the e-mail of closed accounts; delete old notices, unconfirmed uploads "
        "and old change history. Prints a count per category; --dry-run counts without "
        "changing anything. Safe to run again: a second run finds nothing. Run daily "
        "(deploy/systemd/bangphlat-retention.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be removed, change nothing"
        )

    def handle(self, *args, dry_run, **options):
        translation.activate("en")  # the journal is read in English, as the other commands'
        outcomes = apply_retention(dry_run=dry_run)
        done = "to remove" if dry_run else "removed"
        total = 0
        for outcome in outcomes:
            category = outcome.category
            if outcome.count is None:
                self.stdout.write(f"{category.key}: kept while the record is (no period)")
                continue
            total += outcome.count
            period = category.period_label()
            self.stdout.write(f"{category.key}: {outcome.count} {done} (period {period})")
        if dry_run:
            self.stdout.write(f"apply_retention --dry-run: {total} to remove, nothing changed.")
        else:
            self.stdout.write(f"apply_retention: {total} removed.")
