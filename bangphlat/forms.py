"""Form pieces shared by every app: Thai error messages and Thai-aware date/number fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bangphlat.thai import clean_text, parse_thai_date

THAI_ERROR_MESSAGES = {
    "required": _("กรุณากรอกช่องนี้"),
    "invalid": _("รูปแบบข้อมูลไม่ถูกต้อง"),
    "invalid_choice": _("ตัวเลือกไม่ถูกต้อง"),
    "max_length": _("ข้อความยาวเกินกำหนด"),
    "min_value": _("ค่าต้องไม่น้อยกว่า %(limit_value)s"),
    "max_value": _("ค่าต้องไม่เกิน %(limit_value)s"),
}


class DateInput(forms.DateInput):
    """The browser's date picker (submits ISO dates)."""

    input_type = "date"

    def format_value(self, value):
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value


class ThaiDateField(forms.DateField):
    """Accepts the picker's ISO date and what Thai users type: 4/8/2568, 4 ส.ค. 2568."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_thai_date(value)
        except (ValueError, TypeError) as exc:
            raise forms.ValidationError(
                _("วันที่ไม่ถูกต้อง ตัวอย่าง: 4/8/2568 หรือ 2568-08-04"), code="invalid"
            ) from exc


class ThaiFormMixin:
    """Thai messages for the common field errors, Bootstrap-friendly defaults, and clean text
    (bangphlat.thai.clean_text: NFC, ำ composed, no zero-width characters) in every text field
    before the model sees it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for code, message in THAI_ERROR_MESSAGES.items():
                if code in field.error_messages or code == "required":
                    field.error_messages[code] = message

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(value, str) and not isinstance(widget, forms.PasswordInput):
                multiline = isinstance(widget, forms.Textarea) or "\n" in value
                cleaned[name] = clean_text(value, multiline=multiline)
        return cleaned
