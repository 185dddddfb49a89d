"""Writes for reporting: the review of a district's month, the due day, locks, notices.

open → submitted (district staff, with a summary of the month) → checked (its mentor;
optional, non-pilot districts only) → approved by the strategy office, or returned with a
reason (back to the district, who submits again). An approved month is locked: activities
dated in it cannot be added, changed, deleted or imported until the strategy office unlocks
it with a reason (back to open); approving it again locks it again."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from bangphlat.thai import format_date_th
from districts.models import District
from notices.services import notify
from periods.models import ReportingMonth, ReportStatus, month_label
from periods.selectors import month_start, next_month
from reporting import selectors
from reporting.access import (
    can_approve_reporting_month,
    can_check_reporting_month,
    can_return_reporting_month,
    can_submit_reporting_month,
    can_unlock_reporting_month,
)
from reporting.models import ReportAction, ReportingTransition


# --- The review of a month -------------------------------------------------------------
def _period_for_update(district: District, month: dt.date) -> ReportingMonth:
    month = month_start(month)
    ReportingMonth.objects.get_or_create(district=district, month=month)
    return (
        ReportingMonth.objects.select_for_update(of=("self",))
        .select_related("district")
        .get(district=district, month=month)
    )


def _move(period, action, to_status, *, by, comment="", summary=None) -> ReportingMonth:
    # Reasons are checked by the actions; the database refuses a return without one too.
    ReportingTransition.objects.create(
        period=period,
        action=action,
        from_status=period.status,
        to_status=to_status,
        by=by,
        comment=comment,
        summary=summary or {},
    )
    period.status = to_status
    # The row exists and is locked; its constraints hold in the database: spare the queries
    # full_clean() would run to re-check them.
    period.full_clean(exclude=["district"], validate_unique=False, validate_constraints=False)
    period.save()
    _notify_transition(period, action, by, comment)
    return period


def _reason_required(comment: str, message: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": message})
    return comment


def _month_not_ended(month: dt.date) -> str:
    return _(
        "เดือน%(month)s ยังไม่สิ้นเดือน ส่งรายงานได้ตั้งแต่วันที่ %(first)s "
        "หากจำเป็นต้องส่งก่อน ให้ใช้ “ส่งก่อนสิ้นเดือน” พร้อมระบุเหตุผล"
    ) % {"month": month_label(month), "first": format_date_th(next_month(month))}


def _send(period, action, *, by, comment) -> ReportingMonth:
    summary = selectors.month_summary(district=period.district, month=period.month)
    now = timezone.now()
    period.summary = summary
    period.submitted_at = now
    period.first_submitted_at = period.first_submitted_at or now
    return _move(period, action, ReportStatus.SUBMITTED, by=by, comment=comment, summary=summary)


@transaction.atomic
def reporting_month_submit(*, district, month, by, comment: str = "") -> ReportingMonth:
    """A month is sent once it has ended; earlier only through ``reporting_month_submit_early``."""
    period = _period_for_update(district, month)
    if not can_submit_reporting_month(by, period):
        raise PermissionDenied
    if period.month > timezone.localdate():
        raise ValidationError(_("ยังส่งรายงานของเดือนที่ยังไม่เริ่มไม่ได้"))
    if next_month(period.month) > timezone.localdate():
        raise ValidationError(_month_not_ended(period.month))
    return _send(period, ReportAction.SUBMIT, by=by, comment=comment)


@transaction.atomic
def reporting_month_submit_early(*, district, month, by, comment: str = "") -> ReportingMonth:
    """The current month sent before it ends (staff leaving, an audit): a reason is required
    and kept with the step, so the office knows later activities of the month may follow."""
    period = _period_for_update(district, month)
    if not can_submit_reporting_month(by, period):
        raise PermissionDenied
    if period.month > timezone.localdate():
        raise ValidationError(_("ยังส่งรายงานของเดือนที่ยังไม่เริ่มไม่ได้"))
    if next_month(period.month) <= timezone.localdate():
        raise ValidationError(_("เดือนนี้สิ้นเดือนแล้ว ใช้ปุ่ม “ส่งรายงานเดือนนี้” ตามปกติ"))
    reason = _reason_required(comment, _("กรุณาระบุเหตุผลที่ต้องส่งก่อนสิ้นเดือน"))
    return _send(period, ReportAction.SUBMIT_EARLY, by=by, comment=reason)


@transaction.atomic
def reporting_month_check(*, district, month, by, comment: str = "") -> ReportingMonth:
    period = _period_for_update(district, month)
    if not can_check_reporting_month(by, period):
        raise PermissionDenied
    return _move(period, ReportAction.CHECK, ReportStatus.CHECKED, by=by, comment=comment)


@transaction.atomic
def reporting_month_approve(*, district, month, by, comment: str = "") -> ReportingMonth:
    period = _period_for_update(district, month)
    if not can_approve_reporting_month(by, period):
        raise PermissionDenied
    period.approved_at = timezone.now()
    return _move(period, ReportAction.APPROVE, ReportStatus.APPROVED, by=by, comment=comment)


@transaction.atomic
def reporting_month_return(*, district, month, by, comment: str = "") -> ReportingMonth:
    period = _period_for_update(district, month)
    if not can_return_reporting_month(by, period):
        raise PermissionDenied
    reason = _reason_required(comment, _("กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข"))
    return _move(period, ReportAction.RETURN, ReportStatus.RETURNED, by=by, comment=reason)


@transaction.atomic
def reporting_month_unlock(*, district, month, by, comment: str = "") -> ReportingMonth:
    period = _period_for_update(district, month)
    if not can_unlock_reporting_month(by, period):
        raise PermissionDenied
    reason = _reason_required(comment, _("กรุณาระบุเหตุผลที่ปลดล็อกเดือนนี้"))
    period.approved_at = None
    return _move(period, ReportAction.UNLOCK, ReportStatus.OPEN, by=by, comment=reason)


ACTIONS = {
    ReportAction.SUBMIT: reporting_month_submit,
    ReportAction.SUBMIT_EARLY: reporting_month_submit_early,
    ReportAction.CHECK: reporting_month_check,
    ReportAction.APPROVE: reporting_month_approve,
    ReportAction.RETURN: reporting_month_return,
    ReportAction.UNLOCK: reporting_month_unlock,
}


def _recipients_for(period, action) -> Q:
    """Submitted: the strategy office and the mentor's staff; checked: the strategy office;
    approved, returned, unlocked: the district's own staff."""
    district = period.district
    strategy = Q(role=Role.STRATEGY)
    if action in (ReportAction.SUBMIT, ReportAction.SUBMIT_EARLY):
        from mentoring.models import Pairing

        mentors = Pairing.objects.active().filter(mentee=district).values("mentor_id")
        return strategy | Q(role=Role.DISTRICT_STAFF, district__in=mentors)
    if action == ReportAction.CHECK:
        return strategy
    return Q(role=Role.DISTRICT_STAFF, district=district)


def _notify_transition(period, action, by, comment) -> None:
    texts = {
        ReportAction.SUBMIT: _("%(district)s ส่งรายงานเดือน%(month)s แล้ว"),
        ReportAction.SUBMIT_EARLY: _("%(district)s ส่งรายงานเดือน%(month)s ก่อนสิ้นเดือน: %(reason)s"),
        ReportAction.CHECK: _("พี่เลี้ยงตรวจรายงานเดือน%(month)s ของ%(district)s แล้ว"),
        ReportAction.APPROVE: _("รายงานเดือน%(month)s ของ%(district)s ได้รับอนุมัติแล้ว"),
        ReportAction.RETURN: _("รายงานเดือน%(month)s ของ%(district)s ถูกส่งกลับให้แก้ไข: %(reason)s"),
        ReportAction.UNLOCK: _("เดือน%(month)s ของ%(district)s ถูกปลดล็อก: %(reason)s"),
    }
    text = texts[action] % {
        "district": period.district.display_name,
        "month": month_label(period.month),
        "reason": comment,
    }
    url = reverse("reporting:month", args=[period.district.code, period.month.strftime("%Y-%m")])
    users = list(
        User.objects.filter(_recipients_for(period, action))
        .exclude(pk=by.pk)
        .select_related("notice_preference")
    )
    # LINE: without the free-text reason after the colon
    notify(users, text[:300], url, brief=text.split(":", 1)[0])
