import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bangphlat.thai import BE_OFFSET
from scheduled.services import reports_send

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_day(value: str) -> dt.date:
    """YYYY-MM-DD in the common era (2026-12-05) or the Buddhist Era (2569-12-05)."""
    match = ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(value)
    year, month, day = map(int, match.groups())
    return dt.date(year - BE_OFFSET if year > 2400 else year, month, day)


class Command(BaseCommand):
    help = (
        "Send the monthly rollout reports due on a day (default today, Bangkok time): for each "
        "subscription of that day of the month (or of 'the last day' on a month's last day) a "
        "PDF of the dashboard for its scope, reporting on the previous month with the fiscal "
        "year to date, e-mailed as an attachment and/or announced as a notice (the bell, LINE "
        "for linked users). Once per subscription and period: a second run sends nothing, and "
        "a run after a crash sends only what had not gone. Run daily by "
        "deploy/systemd/bangphlat-reports.timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="the day to send for, YYYY-MM-DD (C.E. or B.E.), default today"
        )

    def handle(self, *args, date=None, **options):
        try:
            day = parse_day(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(
                f"--date must be YYYY-MM-DD (e.g. 2026-12-05 or 2569-12-05), not {date!r}"
            ) from error
        summary = reports_send(day=day)
        line = (
            f"scheduled reports for {day}: {summary.due} due, {summary.made} made, "
            f"{summary.emailed} e-mailed, {summary.noticed} notices, "
            f"{summary.already_sent} already sent, {summary.refused} no longer allowed, "
            f"{summary.failed} failed"
        )
        if summary.failed:
            raise CommandError(line + " (see the log; the next run retries what failed)")
        self.stdout.write(self.style.SUCCESS(line))
