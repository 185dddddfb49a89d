import datetime as dt

from django.core.management.base import BaseCommand

from communities.io import importing


class Command(BaseCommand):
    help = (
        "Delete import uploads (media/imports/) that were previewed but never confirmed, once "
        "they are older than --hours (24 by default): they hold personal data. The import page "
        "also purges them when someone uploads, and apply_retention daily (the uploads' period)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="age in hours (default 24)")

    def handle(self, *args, hours, **options):
        deleted = importing.purge_abandoned_uploads(max_age=dt.timedelta(hours=max(hours, 0)))
        self.stdout.write(f"Deleted {deleted} abandoned import upload(s) older than {hours} h.")
