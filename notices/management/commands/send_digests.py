import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from notices.digests import send_digests


class Command(BaseCommand):
    help = (
        "Send today's digests: reminders to district staff a few days before a month is due "
        "and when it is overdue, mentees' overdue months to their mentors, months and lessons "
        "waiting to the strategy office, and the day's unread notices to users on the daily "
        "mode. Once per user per day: a second run the same day sends nothing. Run daily by "
        "deploy/systemd/bangphlat-digests.timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to send for (YYYY-MM-DD), default today")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        summary = send_digests(today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"digests: {summary.sent} e-mailed, {summary.in_app_only} in the bell only, "
                f"{summary.already_sent} already sent today, "
                f"{summary.nothing_to_say} with nothing to say"
            )
        )
