from django.core.management.base import BaseCommand

from bangphlat import export_jobs


class Command(BaseCommand):
    help = (
        "Delete background export files (and their jobs) whose download period has ended "
        "(EXPORT_KEEP_DAYS after they were built). Run daily."
    )

    def handle(self, *args, **options):
        count = export_jobs.purge_expired()
        self.stdout.write(f"purge_exports: {count} expired export(s) deleted")
