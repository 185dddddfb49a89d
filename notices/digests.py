"""The daily digest (``manage.py send_digests``, run each morning by a systemd timer).

One digest per user per day at most (a ``DigestSent`` row is the key): running the command
again the same day sends nothing more. Each digest is a notice in the bell and, unless the
user chose "none", an e-mail. Notices knows no other app: what the digest says comes from the
sections the apps register in their ``AppConfig.ready()`` (``register_digest_section``), read
once for every user and asked for each user's lines, in ``order``:

- reporting (reporting/digest.py): district staff their months due soon and overdue, mentors
  their mentees' overdue months, the strategy office the months waiting for its decision;
- lessons (lessons/digest.py): the strategy office the lessons waiting for its decision;
- and users on the daily mode also get the day's notices that were not e-mailed yet."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from bangphlat.thai import format_date_th
from notices.channels import registered_channels
from notices.models import DigestSent, Notice, NoticeMode
from notices.services import forget_unread, mode_of


@dataclass(frozen=True)
class DigestSection:
    order: int  # sections' lines follow each other in this order
    gather: Callable[[dt.date], object]  # today → the facts, read once for every user
    lines: Callable[[object, object], list[str]]  # (user, facts) → that user's lines


_sections: list[DigestSection] = []


def register_digest_section(*, order: int, gather, lines) -> None:
    """An app adds what it has to say to the daily digest (from its ``AppConfig.ready()``)."""
    section = DigestSection(order=order, gather=gather, lines=lines)
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


@dataclass
class Summary:
    sent: int = 0
    in_app_only: int = 0
    already_sent: int = 0
    nothing_to_say: int = 0


def send_digests(*, today: dt.date | None = None) -> Summary:
    today = today or timezone.localdate()
    facts = [(section, section.gather(today)) for section in _sections]
    summary = Summary()
    done = set(DigestSent.objects.filter(day=today).values_list("user_id", flat=True))
    users = (
        User.objects.filter(is_active=True, role__in=[Role.DISTRICT_STAFF, Role.STRATEGY])
        .select_related("notice_preference")
        .order_by("pk")
    )
    pending = defaultdict(list)
    for notice in Notice.objects.filter(emailed_at__isnull=True, read_at__isnull=True).order_by(
        "created_at", "pk"
    ):
        pending[notice.user_id].append(notice)
    for user in users:
        if user.pk in done:
            summary.already_sent += 1
            continue
        mode = mode_of(user)
        lines = [line for section, found in facts for line in section.lines(user, found)]
        notices = pending.get(user.pk, []) if mode == NoticeMode.DAILY else []
        if not lines and not notices:
            summary.nothing_to_say += 1
            continue
        emailed = _deliver(user, mode, today, lines, notices)
        if emailed is None:
            summary.already_sent += 1
        elif emailed:
            summary.sent += 1
        else:
            summary.in_app_only += 1
    return summary


def _bell_text(lines) -> str:
    if len(lines) == 1:
        return lines[0][:300]
    more = _(" (และอีก %(count)s เรื่อง)") % {"count": len(lines) - 1}
    return lines[0][: 300 - len(more)] + more


def _deliver(user, mode, today, lines, notices) -> bool | None:
    """Record the day's digest first (the unique row makes a second run a no-op), then the
    bell notice and what the channels (LINE) queue, then the e-mail once the transaction
    has committed."""
    email = mode != NoticeMode.NONE and bool(user.email)
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=today, items=len(lines) + len(notices))
            now = timezone.now()
            if lines:
                Notice.objects.create(
                    user=user,
                    text=_bell_text(lines),
                    url=reverse("reporting:completeness"),
                    emailed_at=now if email else None,
                )
            if email and notices:
                Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
            forget_unread([user.pk])
            for channel in registered_channels():
                channel.digest(user=user, mode=mode, day=today, lines=lines, notices=notices)
    except IntegrityError:
        return None  # another run got there first
    if email:
        body = [*lines]
        if notices:
            body += ["", _("การแจ้งเตือนที่ยังไม่ได้อ่าน:"), *[f"  - {n.text}" for n in notices]]
        body += ["", reverse("reporting:completeness")]
        send_mail(
            subject=_("[บางพลัดโมเดล] สรุปประจำวันที่ %(day)s") % {"day": format_date_th(today)},
            message="\n".join(body),
            from_email=None,
            recipient_list=[user.email],
        )
    return email
