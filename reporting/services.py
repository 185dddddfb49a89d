"""Writes for reporting: the review of a district's month, the due day, locks, notices.

open → submitted (district staff, with a summary of the month) → checked (its mentor;
optional, non-pilot districts only) → approved by the strategy office, or returned with a
reason (back to the district, who submits again). An approved month is locked: activities
dated in it cannot be added, changed, deleted or imported until the strategy office unlocks
it with a reason (back to open); approving it again locks it again."""

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from bangphlat.thai import fiscal_year_of
from bangphlat.versions import data_changed, district_key
from districts.models import District
from reporting import selectors
from reporting.access import (
    can_approve_reporting_month,
    can_check_reporting_month,
    can_return_reporting_month,
    can_set_reporting_deadline,
    can_submit_reporting_month,
    can_unlock_reporting_month,
)
from reporting.models import (
    ConfirmedOutlier,
    Notice,
    NoticeMode,
    NoticePreference,
    ReportAction,
    ReportingDeadline,
    ReportingMonth,
    ReportingTransition,
    ReportStatus,
    month_label,
)


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


# --- Checks at entry -------------------------------------------------------------------
def check_population(activity) -> None:
    """Participants never above the community's population, when the population is known."""
    population = activity.community.population
    total = activity.participants_total
    if population and total is not None and total > population:
        raise ValidationError(
            {
                "participants_total": _(
                    "ผู้เข้าร่วม (%(total)s คน) มากกว่าจำนวนประชากรของชุมชน (%(population)s คน)"
                )
                % {"total": total, "population": population}
            }
        )


def check_activity_entry(*, activity, confirmed: bool | None = None, by=None) -> None:
    """Plausibility of a saved activity, called by the activity writers inside their
    transaction (an error rolls the save back):

    - participants never above the community's population (``check_population``);
    - participants more than three times the district's median for that activity type (over
      at least five other activities) are refused unless the user ticked "ยืนยันว่าถูกต้อง"
      (``confirmed``); confirmed ones are listed for the strategy office. Writers that cannot
      ask (``confirmed`` None) skip this warning; imports ask in their preview
      (``communities.io.import_activities_plan``) and pass the row's tick."""
    check_population(activity)
    total = activity.participants_total
    usual = selectors.district_median(
        district_id=activity.district_id,
        activity_type_id=activity.activity_type_id,
        exclude_pk=activity.pk,
    )
    if not selectors.is_outlier(total, usual):
        ConfirmedOutlier.objects.filter(activity=activity).delete()
        return
    if confirmed is None:
        return  # a writer that cannot ask: no warning
    if not confirmed:
        raise outlier_error(total, usual)
    ConfirmedOutlier.objects.update_or_create(
        activity=activity,
        defaults={"participants": total, "district_median": round(usual), "confirmed_by": by},
    )


def outlier_error(total: int, usual: float) -> ValidationError:
    return ValidationError(
        {
            "confirm_outlier": _(
                "ผู้เข้าร่วม %(total)s คน สูงกว่า 3 เท่าของค่ากลางของเขตสำหรับกิจกรรมประเภทนี้ "
                "(%(median)s คน) โปรดตรวจตัวเลขอีกครั้ง หากถูกต้องให้ติ๊ก "
                "“ยืนยันว่าถูกต้อง” แล้วบันทึกอีกครั้ง"
            )
            % {"total": total, "median": round(usual)}
        }
    )


def outliers_confirmed(*, activities_and_medians, by) -> None:
    """Record activities saved in a batch (an import) whose outlier the user confirmed; a
    changed activity confirmed before gets the new figures."""
    ConfirmedOutlier.objects.bulk_create(
        [
            ConfirmedOutlier(
                activity=activity,
                participants=activity.participants_total,
                district_median=round(usual),
                confirmed_by=by,
                confirmed_at=timezone.now(),
            )
            for activity, usual in activities_and_medians
        ],
        update_conflicts=True,
        unique_fields=["activity"],
        update_fields=["participants", "district_median", "confirmed_by", "confirmed_at"],
    )


# --- The review of a month -------------------------------------------------------------
def _period_for_update(district: District, month: dt.date) -> ReportingMonth:
    month = selectors.month_start(month)
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


@transaction.atomic
def reporting_month_submit(*, district, month, by, comment: str = "") -> ReportingMonth:
    period = _period_for_update(district, month)
    if not can_submit_reporting_month(by, period):
        raise PermissionDenied
    if period.month > timezone.localdate():
        raise ValidationError(_("ยังส่งรายงานของเดือนที่ยังไม่เริ่มไม่ได้"))
    summary = selectors.month_summary(district=district, month=period.month)
    now = timezone.now()
    period.summary = summary
    period.submitted_at = now
    period.first_submitted_at = period.first_submitted_at or now
    return _move(
        period, ReportAction.SUBMIT, ReportStatus.SUBMITTED, by=by, comment=comment, summary=summary
    )


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
    _refresh_dashboard(period)
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
    _refresh_dashboard(period)
    return _move(period, ReportAction.UNLOCK, ReportStatus.OPEN, by=by, comment=reason)


def _refresh_dashboard(period) -> None:
    """The dashboard's "approved only" figures change with approvals: after commit, mark
    the district's cached figures of that fiscal year stale (its data version)."""
    data_changed({district_key(period.district_id, fiscal_year_of(period.month))})


ACTIONS = {
    ReportAction.SUBMIT: reporting_month_submit,
    ReportAction.CHECK: reporting_month_check,
    ReportAction.APPROVE: reporting_month_approve,
    ReportAction.RETURN: reporting_month_return,
    ReportAction.UNLOCK: reporting_month_unlock,
}


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


# --- Notices ---------------------------------------------------------------------------
def _unread_key(user_id) -> str:
    return f"reporting:unread:{user_id}"


def cached_unread_count(user) -> int:
    """The bell's number, cached so that every page does not pay a query for it."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = selectors.unread_count(user)
        # Short: without a shared cache (REDIS_URL) other processes learn of changes late.
        cache.set(key, count, 60)
    return count


def forget_unread(user_ids) -> None:
    keys = [_unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    # and again after commit: a page may have cached the old count in between
    transaction.on_commit(lambda: cache.delete_many(keys))


def mode_of(user) -> str:
    preference = getattr(user, "notice_preference", None)
    return preference.mode if preference else NoticeMode.DAILY


def notify(users, text: str, url: str = "", *, subject: str = "", body: str = "") -> list[Notice]:
    """A notice in each user's bell; e-mailed at once to those who chose immediate, the
    others read it in the bell or in the next daily digest ("none": the bell only).

    Every notice of the portal goes through here, so each user's choice holds for all of
    them. ``subject`` and ``body`` let an immediate e-mail say more than the bell's 300
    characters (a reviewer's whole comment)."""
    users = [u for u in users if u.is_active]
    text = text if len(text) <= 300 else text[:299] + "…"
    notices = Notice.objects.bulk_create([Notice(user=u, text=text, url=url) for u in users])
    forget_unread([u.pk for u in users])
    immediate = [
        n for n, u in zip(notices, users, strict=True) if mode_of(u) == NoticeMode.IMMEDIATE
    ]
    if immediate:
        transaction.on_commit(lambda: _email_now(immediate, subject=subject, body=body))
    return notices


def _email_now(notices, *, subject: str = "", body: str = "") -> None:
    for notice in notices:
        if not notice.user.email:
            continue
        send_mail(
            subject=subject or _("[บางพลัดโมเดล] %(text)s") % {"text": notice.text[:120]},
            message=f"{body or notice.text}\n\n{notice.url}".strip(),
            from_email=None,
            recipient_list=[notice.user.email],
        )
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())


def _recipients_for(period, action) -> Q:
    """Submitted: the strategy office and the mentor's staff; checked: the strategy office;
    approved, returned, unlocked: the district's own staff."""
    district = period.district
    strategy = Q(role=Role.STRATEGY)
    if action == ReportAction.SUBMIT:
        from mentoring.models import Pairing

        mentors = Pairing.objects.active().filter(mentee=district).values("mentor_id")
        return strategy | Q(role=Role.DISTRICT_STAFF, district__in=mentors)
    if action == ReportAction.CHECK:
        return strategy
    return Q(role=Role.DISTRICT_STAFF, district=district)


def _notify_transition(period, action, by, comment) -> None:
    texts = {
        ReportAction.SUBMIT: _("%(district)s ส่งรายงานเดือน%(month)s แล้ว"),
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
    notify(users, text[:300], url)


@transaction.atomic
def notices_mark_read(*, user) -> int:
    count = Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread([user.pk])
    return count


@transaction.atomic
def notice_preference_set(*, user, mode: str) -> NoticePreference:
    preference, _created = NoticePreference.objects.get_or_create(user=user)
    preference.mode = mode
    preference.full_clean()
    preference.save()
    return preference
