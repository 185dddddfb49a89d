"""Short Thai names of the personal-data categories (bangphlat.personal_data.CATEGORIES) for
the find page and the copy. The record of processing (privacy/categories.py) describes each
category in full; when both are merged these names should come from there."""

from django.utils.translation import gettext_lazy as _

CATEGORY_NAMES = {
    "community_contacts": _("ประธานกรรมการชุมชนและโทรศัพท์"),
    "interviewees": _("ผู้ให้ข้อมูลบทเรียนและคู่มือที่พิมพ์ชื่อ"),
    "training_participants": _("ผู้เข้าอบรมและวิทยากร"),
    "user_accounts": _("บัญชีผู้ใช้งาน"),
    "notices": _("การแจ้งเตือน"),
    "uploads": _("ข้อมูลของไฟล์ที่อัปโหลด"),
    "change_history": _("ประวัติการแก้ไขและฉบับของบทเรียน"),
}


def category_label(key: str) -> str:
    return str(CATEGORY_NAMES.get(key, key))
