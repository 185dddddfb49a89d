from django import forms
from django.utils.translation import gettext_lazy as _

from bangphlat.personal_data import QueryError, parse_query
from privacy.models import ERASE_BASES, EXPORT_BASES, LegalBasis


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("ชื่อ-สกุล หรือหมายเลขโทรศัพท์"),
        max_length=300,
        help_text=_("มีหรือไม่มีคำนำหน้า (นาย นาง นางสาว น.ส.) ก็ได้ เลขไทยหรือเลขอารบิกก็ได้"),
    )

    def clean_q(self):
        try:
            self.cleaned_data["query"] = parse_query(self.cleaned_data["q"])
        except QueryError as error:
            raise forms.ValidationError(str(error)) from error
        return self.cleaned_data["q"]

    @property
    def query(self):
        return self.cleaned_data["query"]


class ExportForm(FindForm):
    fmt = forms.ChoiceField(choices=[("pdf", "PDF"), ("json", "JSON")])
    legal_basis = forms.ChoiceField(
        label=_("ฐานทางกฎหมาย"),
        choices=[(basis.value, basis.label) for basis in EXPORT_BASES],
        initial=LegalBasis.ACCESS,
    )


class EraseForm(FindForm):
    reason = forms.CharField(
        label=_("เหตุผลและที่มาของคำขอ"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("เช่น เลขที่หนังสือคำขอ ไม่ต้องพิมพ์ชื่อหรือโทรศัพท์ (ระบบจะลบออกจากบันทึกให้)"),
    )
    legal_basis = forms.ChoiceField(
        label=_("ฐานทางกฎหมาย"), choices=[(basis.value, basis.label) for basis in ERASE_BASES]
    )
    confirm = forms.BooleanField(
        label=_("ยืนยันว่าตรวจสอบแล้วว่าทุกรายการด้านบนเป็นบุคคลเดียวกัน และให้ลบ"),
        error_messages={"required": _("กรุณายืนยันก่อนลบ")},
    )
