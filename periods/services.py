"""Writes for the reporting calendar: the due day of a fiscal year, and the lock every writer of
activities asks about (an approved month is locked until the strategy office unlocks it).
"""

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from periods import selectors
from periods.access import can_set_reporting_deadline
from periods.models import ReportingDeadline, month_label


# --- Locks -----------------------------------------------------------------------------
def locked_month_error(date: dt.date) -> ValidationError:
    """The refusal for a change dated in an approved month: which month, who may unlock."""
    return ValidationError(
        {
            "date": _(
                "เดือน%(month)s ของเขตนี้อนุมัติแล้วและถูกล็อก แก้ไข เพิ่ม หรือลบกิจกรรมในเดือนนี้ไม่ได้ "
                "หากจำเป็นต้องแก้ไข โปรดขอให้สำนักยุทธศาสตร์และประเมินผลปลดล็อกเดือนนี้"
            )
            % {"month": month_label(date.replace(day=1))}
        }
    )


def assert_month_open(*, district, date: dt.date) -> None:
    """Refuse any change to a district's data dated in an approved (locked) month.

    Called by every writer of activities (forms, imports, any later API). ``district`` is a
    District or its id. Raises ValidationError on the ``date`` field. Batches check many rows
    at once with ``selectors.locked_months`` and ``locked_month_error``."""
    if date is None or district is None:
        return
    district_id = getattr(district, "pk", district)
    if selectors.is_month_locked(district_id=district_id, date=date):
        raise locked_month_error(date)


# --- Due days -------------------------------------------------------------------------
@transaction.atomic
def deadline_set(*, fiscal_year: int, due_day: int, by) -> ReportingDeadline:
    if not can_set_reporting_deadline(by):
        raise PermissionDenied
    deadline = ReportingDeadline.objects.filter(fiscal_year=fiscal_year).first()
    deadline = deadline or ReportingDeadline(fiscal_year=fiscal_year)
    deadline.due_day = due_day
    deadline.set_by = by
    deadline.full_clean()
    deadline.save()
    cache.delete(selectors.DUE_DAYS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(selectors.DUE_DAYS_CACHE_KEY))
    return deadline
