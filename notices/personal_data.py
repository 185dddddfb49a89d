"""Notices may name a person in their text (PDPA, see bangphlat/personal_data.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, register_personal_data
from bangphlat.thai import format_date_th
from notices.models import Notice


def _notice(notice) -> str:
    return _("การแจ้งเตือนวันที่ %(date)s") % {
        "date": format_date_th(timezone.localdate(notice.created_at))
    }


def register() -> None:
    register_personal_data(
        Place(model=Notice, category="notices", texts=("text",), describe=_notice)
    )
