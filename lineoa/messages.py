"""What the portal says on LINE: Thai, short, with an absolute link back into the portal, and
never another person's personal data. A notice's ``brief`` (notices.services.notify) already
leaves out free-text comments; phone numbers and ID numbers are masked here as well, in case
one slipped into a title."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

BRIEF_LENGTH = 160
DIGEST_LINES = 5
# 9–13 digits, maybe split by spaces, dots or dashes (02-123-4567, 081 234 5678, ID numbers)
_NUMBER = re.compile(r"(?<!\d)(?:\+?\d[\s.-]?){8,12}\d(?!\d)")


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.PORTAL_URL + (url if url.startswith("/") else "/" + url)


def masked(text: str) -> str:
    return _NUMBER.sub("•••", text)


def short(text: str, length: int = BRIEF_LENGTH) -> str:
    text = masked(" ".join(text.split()))
    return text if len(text) <= length else text[: length - 1] + "…"


def notice_text(brief: str, url: str) -> str:
    with override("th"):
        return "\n".join(
            [
                _("บางพลัดโมเดล: %(brief)s") % {"brief": short(brief)},
                absolute(url or reverse("reporting:notices")),
            ]
        )


def digest_text(day_label: str, lines: list[str], briefs: list[str]) -> str:
    """The day's digest: the first few reminders and notices, then the link to read all."""
    with override("th"):
        items = [f"• {short(line, 100)}" for line in [*lines, *briefs]]
        shown = items[:DIGEST_LINES]
        if len(items) > DIGEST_LINES:
            shown.append(_("และอีก %(count)s เรื่อง") % {"count": len(items) - DIGEST_LINES})
        return "\n".join(
            [
                _("บางพลัดโมเดล สรุปประจำวันที่ %(day)s") % {"day": day_label},
                *shown,
                absolute(reverse("reporting:notices")),
            ]
        )


def quota_warning_text(used: int, limit: int) -> str:
    return _("โควตาข้อความ LINE เดือนนี้ใช้ไปแล้ว %(used)s จาก %(limit)s ข้อความ (%(share)s%%)") % {
        "used": f"{used:,}",
        "limit": f"{limit:,}",
        "share": round(100 * used / limit),
    }


def linked_reply(username: str) -> str:
    with override("th"):
        return _(
            "เชื่อมบัญชี %(username)s กับ LINE นี้แล้ว การแจ้งเตือนของพอร์ทัลบางพลัดโมเดลจะส่งมาที่นี่"
            "ตามที่ตั้งค่าไว้ เลิกเชื่อมได้ที่ %(url)s"
        ) % {"username": username, "url": absolute(reverse("line_link"))}


def bad_code_reply() -> str:
    with override("th"):
        return _("รหัสนี้ใช้ไม่ได้ (ผิด หมดอายุ หรือใช้ไปแล้ว) ขอรหัสใหม่ได้ที่ %(url)s") % {
            "url": absolute(reverse("line_link"))
        }


def too_many_reply() -> str:
    with override("th"):
        return _("ส่งรหัสบ่อยเกินไป กรุณารอ 10 นาทีแล้วลองใหม่")


def welcome_reply() -> str:
    with override("th"):
        return _(
            "ยินดีต้อนรับสู่พอร์ทัลบางพลัดโมเดล หากต้องการรับการแจ้งเตือนทาง LINE "
            "เปิด %(url)s แล้วส่งรหัสที่เห็นมาในแชตนี้"
        ) % {"url": absolute(reverse("line_link"))}


def already_linked_reply() -> str:
    with override("th"):
        return _("LINE นี้เชื่อมกับพอร์ทัลแล้ว บัญชีนี้ส่งการแจ้งเตือนเท่านั้น ตอบข้อความไม่ได้ ดูรายละเอียดที่ %(url)s") % {
            "url": absolute(reverse("reporting:notices"))
        }
