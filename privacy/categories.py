"""The categories of personal data the portal holds: one source for the record of processing
(PDPA s.39, the page at /privacy/) and for the retention that ``apply_retention`` applies.

Who can see each category is said in words here and named as the access rules that decide it
(``rules``, dotted paths: tests/privacy checks that they exist), so the page cannot claim a
rule the code does not have. A period is read from ``settings.PRIVACY_RETENTION`` at each use
(deploy/env.example: RETENTION_*), so an override needs no code change.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Retention:
    """A timed rule: ``default`` hours or days (``unit``) unless settings say otherwise."""

    default: int
    unit: str  # "hours" or "days"

    def amount(self, key: str) -> int:
        return int(getattr(settings, "PRIVACY_RETENTION", {}).get(key, self.default))


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    data: str  # what is held, in words
    purpose: str
    basis: str  # the PDPA section
    who: str  # who can see it, in words
    rules: tuple[str, ...]  # the access rules that decide it (dotted paths)
    goes_to: str  # exports, API, handbook
    retention_text: str  # "%(period)s" stands for the current period
    retention: Retention | None = None

    def period(self) -> dt.timedelta | None:
        if self.retention is None:
            return None
        amount = self.retention.amount(self.key)
        if self.retention.unit == "hours":
            return dt.timedelta(hours=amount)
        return dt.timedelta(days=amount)

    def period_label(self) -> str:
        if self.retention is None:
            return ""
        return period_label(self.retention.amount(self.key), self.retention.unit)

    def retention_label(self) -> str:
        return str(self.retention_text) % {"period": self.period_label()}


def period_label(amount: int, unit: str) -> str:
    """ "2 ปี", "30 วัน", "24 ชั่วโมง" (whole years when the days make them)."""
    if unit == "hours":
        return gettext("%(n)s ชั่วโมง") % {"n": amount} if amount != 1 else gettext("1 ชั่วโมง")
    if amount % 365 == 0:
        years = amount // 365
        return gettext("%(n)s ปี") % {"n": years} if years != 1 else gettext("1 ปี")
    return gettext("%(n)s วัน") % {"n": amount} if amount != 1 else gettext("1 วัน")


PUBLIC_TASK = _("ภารกิจเพื่อประโยชน์สาธารณะและการใช้อำนาจรัฐ (มาตรา 24(4))")

CATEGORIES = (
    Category(
        key="community_contacts",
        label=_("ผู้ติดต่อของชุมชน"),
        data=_("ชื่อและเบอร์โทรศัพท์ของประธานกรรมการชุมชน"),
        purpose=_("ให้เจ้าหน้าที่เขตติดต่อชุมชนเพื่อจัดกิจกรรมและติดตามงานบางพลัดโมเดล"),
        basis=PUBLIC_TASK,
        who=_(
            "เจ้าหน้าที่ของเขตที่ชุมชนสังกัดและผู้ดูแลระบบ "
            "สำนักยุทธศาสตร์ฯ และเขตพี่เลี้ยงเห็นชุมชนแต่ไม่เห็นชื่อและเบอร์โทรศัพท์"
        ),
        rules=(
            "communities.access.can_view_chair_contact",
            "districts.access.can_view_personal_data",
        ),
        goes_to=_("ไฟล์ส่งออกรายชื่อชุมชนและ API (เฉพาะผู้มีสิทธิ์ ผู้อื่นได้ช่องว่าง) ไม่อยู่ในข้อมูลเปิดและคู่มือ"),
        retention_text=_(
            "เก็บตลอดที่ชุมชนอยู่ในทะเบียน เมื่อชุมชนถูกลบครบ %(period)s "
            "ชื่อและเบอร์โทรศัพท์ถูกลบ รวมทั้งในประวัติการแก้ไข"
        ),
        retention=Retention(default=365, unit="days"),
    ),
    Category(
        key="interviewees",
        label=_("ผู้ให้ข้อมูลในบทเรียน"),
        data=_("ชื่อ ตำแหน่ง และบันทึกความยินยอม (ผู้บันทึกและวันที่) ของผู้ให้สัมภาษณ์"),
        purpose=_("อ้างอิงที่มาของบทเรียนและให้เครดิตผู้ให้ข้อมูลในคู่มือ"),
        basis=_("มาตรา 24(4) สำหรับการเก็บไว้ในเขต การเผยแพร่ชื่อนอกเขตและในคู่มืออาศัยความยินยอม (มาตรา 19)"),
        who=_(
            "ชื่อ: เจ้าหน้าที่ของเขตเจ้าของบทเรียนและผู้ดูแลระบบ "
            "ผู้อ่านอื่นและคู่มือเห็นชื่อเฉพาะผู้ที่ยินยอม นอกนั้นเห็นเพียงตำแหน่ง"
        ),
        rules=("lessons.access.can_view_interviewees",),
        goes_to=_("คู่มือฉบับพิมพ์และ API (ชื่อเฉพาะผู้ที่ยินยอม)"),
        retention_text=_(
            "เก็บตลอดอายุบทเรียน เมื่อถอนความยินยอม ชื่อจะถูกลบจากทุกฉบับของบทเรียนทันที "
            "คู่มือที่พิมพ์ชื่อไว้จะถูกสร้างใหม่ และบันทึกการถอน (ผู้บันทึก วันที่ ไม่มีชื่อ) ไว้"
        ),
    ),
    Category(
        key="training_participants",
        label=_("ผู้เข้าอบรมและวิทยากร"),
        data=_(
            "ชื่อ เขต ชุมชน เบอร์โทรศัพท์ การเข้าร่วม คะแนน และวุฒิบัตรของผู้เข้าอบรม "
            "ชื่อ ตำแหน่ง เบอร์โทรศัพท์ และอีเมลของวิทยากรต้นแบบ"
        ),
        purpose=_("จัดการอบรม ออกวุฒิบัตร และวัดผลการขยายบางพลัดโมเดล"),
        basis=_("มาตรา 24(4) ผู้เข้าอบรมที่ไม่มีบัญชีผู้ใช้ให้ความยินยอมเมื่อลงทะเบียน (มาตรา 19)"),
        who=_(
            "เขตที่จัดอบรม เขตของผู้เข้าอบรม ตัวผู้เข้าอบรมเอง ผู้สร้างรุ่นการอบรม และผู้ดูแลระบบ "
            "ผู้อื่นที่เห็นรุ่นเห็นเพียงจำนวน ส่วนหน้าตรวจสอบวุฒิบัตรแสดงชื่อผู้ได้รับแก่ผู้มีรหัส "
            "ช่องทางติดต่อของวิทยากรเห็นได้โดยผู้ใช้ที่เข้าสู่ระบบทุกคน"
        ),
        rules=(
            "training.access.can_view_participant_personal_data",
            "mentoring.access.can_view_trainer_contact",
        ),
        goes_to=_("ใบลงชื่อ วุฒิบัตร และ API (เฉพาะผู้มีสิทธิ์) คู่มือพิมพ์เพียงจำนวน"),
        retention_text=_(
            "ชื่อและผลการอบรมเก็บไว้เพื่อยืนยันวุฒิบัตร เบอร์โทรศัพท์ถูกลบเมื่อครบ %(period)s "
            "หลังวันสิ้นสุดการอบรม ข้อมูลวิทยากรเก็บตลอดที่ยังเป็นวิทยากร"
        ),
        retention=Retention(default=730, unit="days"),
    ),
    Category(
        key="user_accounts",
        label=_("บัญชีผู้ใช้งาน"),
        data=_("ชื่อผู้ใช้ ชื่อ-สกุล อีเมล บทบาท เขต และประวัติการเข้าสู่ระบบที่ผิดพลาด"),
        purpose=_("ยืนยันตัวตน กำหนดสิทธิ์ และระบุผู้บันทึกหรือแก้ไขข้อมูล"),
        basis=PUBLIC_TASK,
        who=_("ผู้ใช้ที่เข้าสู่ระบบเห็นชื่อผู้บันทึก ผู้แก้ไข และผู้ถอดบทเรียน อีเมลและรายละเอียดบัญชีเห็นเฉพาะผู้ดูแลระบบ"),
        rules=("accounts.roles.is_admin",),
        goes_to=_("คู่มือพิมพ์ชื่อผู้ถอดบทเรียน ไม่อยู่ในข้อมูลเปิด"),
        retention_text=_(
            "เก็บตลอดที่ใช้งาน เมื่อพ้นหน้าที่ ผู้ดูแลระบบปิดบัญชี "
            "บัญชีที่ปิดแล้วและไม่ได้เข้าสู่ระบบครบ %(period)s ถูกลบอีเมล "
            "ชื่อยังคงอยู่กับข้อมูลที่บุคคลนั้นบันทึกไว้"
        ),
        retention=Retention(default=730, unit="days"),
    ),
    Category(
        key="notices",
        label=pgettext_lazy("data category", "การแจ้งเตือน"),
        data=_("ข้อความแจ้งเตือนถึงผู้ใช้ วันที่อ่าน และวันที่ส่งอีเมล"),
        purpose=_("แจ้งงานที่รอดำเนินการและกำหนดส่ง"),
        basis=PUBLIC_TASK,
        who=_("เฉพาะผู้รับการแจ้งเตือน"),
        rules=("notices.selectors.notices_of",),
        goes_to=_("อีเมลถึงผู้รับ (ทันทีหรือสรุปรายวัน)"),
        retention_text=_("ลบเมื่อครบ %(period)s หลังแจ้ง"),
        retention=Retention(default=365, unit="days"),
    ),
    Category(
        key="uploads",
        label=_("ไฟล์ที่อัปโหลด"),
        data=_(
            "รูปกิจกรรมและไฟล์แนบพร้อมผู้อัปโหลด วันที่ และคำบรรยาย "
            "ไฟล์นำเข้าที่รอยืนยัน (มีชื่อและเบอร์โทรศัพท์) และรูปที่รอบันทึก"
        ),
        purpose=_("เป็นหลักฐานกิจกรรมและนำเข้าข้อมูลชุมชน"),
        basis=PUBLIC_TASK,
        who=_(
            "ผู้มีสิทธิ์อ่านกิจกรรมหรือบทเรียนที่ไฟล์สังกัด "
            "ไฟล์นำเข้าที่รอยืนยันไม่เปิดให้ดาวน์โหลด รูปที่รอบันทึกเห็นเฉพาะผู้อัปโหลด"
        ),
        rules=("bangphlat.files.find_owner", "bangphlat.files.pending_photo_file"),
        goes_to=_("หน้ากิจกรรม หน้าบทเรียน และคู่มือ (รูปในฉบับที่อนุมัติ)"),
        retention_text=_(
            "ไฟล์ที่บันทึกแล้วเก็บตามอายุของกิจกรรมหรือบทเรียน "
            "ไฟล์นำเข้าที่ไม่ได้ยืนยันและรูปที่ไม่ได้บันทึกถูกลบเมื่อครบ %(period)s"
        ),
        retention=Retention(default=24, unit="hours"),
    ),
    Category(
        key="change_history",
        label=_("ประวัติการแก้ไข"),
        data=_("ค่าก่อนแก้ไขของชุมชน กิจกรรม และการจับคู่พี่เลี้ยง พร้อมผู้แก้ไขและวันที่ และฉบับของบทเรียนที่ส่งพิจารณา"),
        purpose=_("ตรวจสอบย้อนหลังว่าใครแก้ไขอะไรเมื่อใด และเก็บข้อความที่อนุมัติซึ่งคู่มืออ้างถึง"),
        basis=PUBLIC_TASK,
        who=_(
            "ผู้อ่านชุมชนหรือกิจกรรมเห็นว่าใครแก้ไขช่องใดเมื่อใด (ไม่เห็นค่าเดิม) "
            "ค่าเดิมเห็นเฉพาะผู้ดูแลระบบ ฉบับของบทเรียนเห็นตามสิทธิ์อ่านบทเรียน"
        ),
        rules=("communities.access.can_view_community", "accounts.roles.is_admin"),
        goes_to=_("ไม่ส่งออก ฉบับที่อนุมัติของบทเรียนพิมพ์ในคู่มือ"),
        retention_text=_(
            "ประวัติที่เก่ากว่า %(period)s ถูกลบ (คงรายการล่าสุดของแต่ละระเบียนไว้) "
            "ฉบับของบทเรียนเก็บตลอดอายุบทเรียนและมีชื่อเฉพาะผู้ที่ยินยอม"
        ),
        retention=Retention(default=5 * 365, unit="days"),
    ),
)

BY_KEY = {category.key: category for category in CATEGORIES}


def category_label(key: str) -> str:
    """The category's name as the record of processing gives it (find page, copy, log)."""
    category = BY_KEY.get(key)
    return str(category.label) if category else key
