from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    """Why the office acted on a person's request (PDPA sections)."""

    ACCESS = "s30_access", _("ขอเข้าถึงและขอรับสำเนา (มาตรา 30)")
    PORTABILITY = "s31_portability", _("ขอรับข้อมูลในรูปแบบที่อ่านได้ด้วยเครื่อง (มาตรา 31)")
    NO_LONGER_NEEDED = "s33_1_unneeded", _("ข้อมูลหมดความจำเป็น (มาตรา 33 (1))")
    CONSENT_WITHDRAWN = "s33_2_consent", _("ถอนความยินยอม (มาตรา 33 (2))")
    OBJECTION = "s33_3_objection", _("คัดค้านการเก็บรวบรวมหรือใช้ (มาตรา 33 (3))")
    UNLAWFUL = "s33_4_unlawful", _("ประมวลผลโดยไม่ชอบด้วยกฎหมาย (มาตรา 33 (4))")


EXPORT_BASES = [LegalBasis.ACCESS, LegalBasis.PORTABILITY]
ERASE_BASES = [
    LegalBasis.NO_LONGER_NEEDED,
    LegalBasis.CONSENT_WITHDRAWN,
    LegalBasis.OBJECTION,
    LegalBasis.UNLAWFUL,
]


class RequestKind(models.TextChoices):
    EXPORT_PDF = "export_pdf", _("ส่งออกสำเนา (PDF)")
    EXPORT_JSON = "export_json", _("ส่งออกสำเนา (JSON)")
    ERASE = "erase", _("ลบและแทนด้วยนามแฝง")


class Channel(models.TextChoices):
    WEB = "web", _("หน้าเว็บ")
    COMMAND = "command", _("คำสั่งบนเซิร์ฟเวอร์")


class PersonalDataRequest(models.Model):
    """One served request of a person about their data: who acted, when, why and on what
    basis, and how many places it touched. It never keeps the person's name or phone: after an
    erasure only the pseudonym links the log to the records."""

    kind = models.CharField(_("ประเภท"), max_length=12, choices=RequestKind.choices)
    channel = models.CharField(
        _("ช่องทาง"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)
    reason = models.TextField(_("เหตุผล"), max_length=1000, blank=True)
    legal_basis = models.CharField(_("ฐานทางกฎหมาย"), max_length=20, choices=LegalBasis.choices)
    places = models.PositiveIntegerField(_("จำนวนแห่งที่พบหรือเปลี่ยน"), default=0)
    # {category: places}: how much of each kind of data, never the data.
    categories = models.JSONField(default=dict, blank=True)
    pseudonym = models.CharField(_("นามแฝง"), max_length=20, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("คำขอเกี่ยวกับข้อมูลส่วนบุคคล")
        verbose_name_plural = _("คำขอเกี่ยวกับข้อมูลส่วนบุคคล")
        permissions = [("handle_personal_data", _("รับคำขอของเจ้าของข้อมูลส่วนบุคคล"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RequestKind.ERASE) | (~Q(reason="") & ~Q(pseudonym="")),
                name="privacy_erase_has_reason_and_pseudonym",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
