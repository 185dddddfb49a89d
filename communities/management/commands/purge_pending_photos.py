import datetime as dt

from django.core.management.base import BaseCommand

from communities import services


class Command(BaseCommand):
    help = (
        "Delete photos kept from activity forms that failed validation and were never saved "
        "(media pending/<uploader>/), once they are older than --hours (24 by default): they "
        "show a community's people, and an officer who did not come back within a day will "
        "choose the photo again. apply_retention does the same daily (the uploads' period)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="age in hours (default 24)")

    def handle(self, *args, hours, **options):
        deleted = services.pending_photo_purge(older_than=dt.timedelta(hours=max(hours, 0)))
        self.stdout.write(
            f"purge_pending_photos: {deleted} kept photo(s) older than {hours} h deleted"
        )
