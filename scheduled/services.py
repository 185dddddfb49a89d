"""Writes for scheduled reports: subscribing, stopping, and sending the reports due on a day.

Sending is safe to run again and to crash: for each due subscription the report row of the
period (unique per subscription and period), its PDF and its notice (the bell, and LINE for
linked users) are committed together first; the e-mail with the PDF attached goes after, and
its time is recorded under a row lock. A second run finds the row and sends nothing; a run
after a crash e-mails only those whose e-mail had not gone."""

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notices.services import notify
from scheduled import report, selectors
from scheduled.access import can_change_subscription, can_read_report, can_subscribe
from scheduled.models import ReportSent, ReportSubscription

logger = logging.getLogger(__name__)


@transaction.atomic
def subscription_save(
    *, user, scope, day: int, by_email: bool, by_line: bool, zone_group=None, district=None
) -> ReportSubscription:
    """Subscribe ``user`` to a scope's monthly report, or change the day and channels of the
    subscription they already have for that scope."""
    if not can_subscribe(user, scope=scope, zone_group=zone_group, district=district):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์รับรายงานของขอบเขตนี้"))
    subscription = (
        ReportSubscription.objects.select_for_update()
        .filter(user=user, scope=scope, zone_group=zone_group, district=district)
        .first()
    ) or ReportSubscription(user=user, scope=scope, zone_group=zone_group, district=district)
    subscription.day = day
    subscription.by_email = by_email
    subscription.by_line = by_line
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_delete(*, subscription, by) -> None:
    if not can_change_subscription(by, subscription):
        raise PermissionDenied
    subscription.delete()


@dataclass
class SendSummary:
    due: int = 0
    made: int = 0
    emailed: int = 0
    noticed: int = 0
    already_sent: int = 0
    refused: int = 0
    failed: int = 0


def reports_send(*, day: dt.date) -> SendSummary:
    """Make and send every report due on ``day`` (see the module docstring)."""
    summary = SendSummary()
    period = report.period_of(day)
    tried = set()
    for subscription in selectors.due_subscriptions(day):
        summary.due += 1
        tried.add(subscription.pk)
        try:
            _send_one(subscription, period, day, summary)
        except Exception:
            # One broken report (a full disk, an SMTP refusal) must not stop the others.
            logger.exception("scheduled report %s for %s failed", subscription.pk, period)
            summary.failed += 1
    for sent in selectors.emails_pending(period):  # those a failed run left behind
        if sent.subscription_id in tried or not can_read_report(sent.subscription.user, sent):
            continue
        try:
            summary.emailed += _email(sent)
        except Exception:
            logger.exception("scheduled report e-mail %s failed again", sent.pk)
            summary.failed += 1
    return summary


def _send_one(subscription, period, day, summary) -> None:
    user = subscription.user
    scope = {
        "scope": subscription.scope,
        "zone_group": subscription.zone_group,
        "district": subscription.district,
    }
    if not can_subscribe(user, **scope):  # the user's role changed since they subscribed
        summary.refused += 1
        return
    sent = ReportSent.objects.filter(subscription=subscription, period=period).first()
    if sent is None:
        sent = _make(subscription, period, day)
        if sent is None:  # another run made it meanwhile
            summary.already_sent += 1
            return
        summary.made += 1
        summary.noticed += subscription.by_line
    elif sent.emailed_at is not None or not (subscription.by_email and user.email):
        summary.already_sent += 1
        return
    if subscription.by_email and user.email:  # new, or left unsent by a failed run
        summary.emailed += _email(sent)


def _make(subscription, period, day) -> ReportSent | None:
    """The period's row, PDF and notice, committed together; None if another run made it."""
    with translation.override("th"):
        pdf = report.report_pdf(subscription, period, made_on=day)
        text = _("%(title)s พร้อมแล้ว เปิดไฟล์ PDF ได้ที่ลิงก์นี้") % {
            "title": report.report_title(subscription, period)
        }
    sent = ReportSent(subscription=subscription, period=period)
    name = f"{period:%Y-%m}/{secrets.token_hex(8)}.pdf"
    sent.file.save(name, ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            sent.save()
            if subscription.by_line:
                notify([subscription.user], text, sent.file.url)
    except IntegrityError:
        sent.file.delete(save=False)
        return None
    return sent


def _email(sent) -> bool:
    """E-mail the PDF once: the row lock keeps two runs from both sending it."""
    with transaction.atomic():
        locked = (
            # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins
            # (a city report has no zone group or district); the sent row is what we lock.
            ReportSent.objects.select_for_update(of=("self",))
            .select_related(
                "subscription__user", "subscription__zone_group", "subscription__district"
            )
            .get(pk=sent.pk)
        )
        subscription = locked.subscription
        if locked.emailed_at is not None or not subscription.user.email:
            return False
        with translation.override("th"):
            title = report.report_title(subscription, locked.period)
            message = EmailMessage(
                subject=_("[บางพลัดโมเดล] %(title)s") % {"title": title},
                body=_(
                    "เรียน %(name)s\n\nแนบ%(title)s ตามที่คุณสมัครรับไว้ (%(day)s ของทุกเดือน)\n"
                    'เปลี่ยนวันหรือยกเลิกการรับรายงานได้ที่หน้า "รายงานรายเดือนทางอีเมลและ LINE" '
                    "ของพอร์ทัล"
                )
                % {
                    "name": subscription.user.get_full_name() or subscription.user.username,
                    "title": title,
                    "day": subscription.day_label,
                },
                to=[subscription.user.email],
            )
        with locked.file.open("rb") as handle:
            message.attach(f"report-{locked.period:%Y-%m}.pdf", handle.read(), "application/pdf")
        message.send()
        locked.emailed_at = timezone.now()
        locked.save(update_fields=["emailed_at"])
    return True
