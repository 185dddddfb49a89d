"""The sent PDFs under /media/scheduled-reports/: served only after ``can_read_report``."""

from functools import partial

from bangphlat.files import StoredFile
from scheduled.access import can_read_report
from scheduled.models import ReportSent


def _can_read(user, *, sent) -> bool:
    return can_read_report(user, sent)


def report_file(name: str) -> StoredFile | None:
    sent = (
        ReportSent.objects.select_related("subscription__district", "subscription__zone_group")
        .filter(file=name)
        .first()
    )
    if sent is None:
        return None
    return StoredFile(sent.file, partial(_can_read, sent=sent), attachment=True)
