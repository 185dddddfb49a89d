"""Form pieces shared by every app: Thai error messages and Thai-aware date/number fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bangphlat.thai import AmbiguousYear, be_year, clean_text, format_date_th, parse_thai_date
from bangphlat.validators import EARLIEST_DATE, LATEST_DATE, validate_programme_date

THAI_ERROR_MESSAGES = {
    "required": _("กรุณากรอกช่องนี้"),
    "invalid": _("รูปแบบข้อมูลไม่ถูกต้อง"),
    "invalid_choice": _("ตัวเลือกไม่ถูกต้อง"),
    "max_length": _("ข้อความยาวเกินกำหนด"),
    "min_value": _("ค่าต้องไม่น้อยกว่า %(limit_value)s"),
    "max_value": _("ค่าต้องไม่เกิน %(limit_value)s"),
}

# An edit form posted without its hidden version (an old tab, a script) is refused like a
# stale one: the user sees what is saved and saves again deliberately.
MISSING_VERSION = _(
    "ฟอร์มนี้ไม่ได้ระบุว่าแก้ไขจากข้อมูลฉบับใด ระบบจึงยังไม่บันทึก ข้อความที่คุณกรอกยังอยู่ในฟอร์ม "
    "ตรวจดูค่าที่บันทึกไว้ แล้วกดบันทึกอีกครั้ง"
)


def refuse_stale_edit(form, current, message) -> None:
    """A save refused as stale (bangphlat.concurrency.StaleEdit): keep the user's text in the
    form, say why it was not saved (``message``, or MISSING_VERSION when the form did not say
    which version it edits), and arm the form with the saved version so that a deliberate
    second save goes through."""
    form.data = form.data.copy()
    form.data["version"] = current.version
    form.add_error(
        None, message if form.cleaned_data.get("version") is not None else MISSING_VERSION
    )


def add_service_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form: each field's messages beside the field,
    the rest (and an error without fields) at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class ThaiDateInput(forms.TextInput):
    """Every date field of the portal: a text box that shows and takes B.E. dates
    (25/12/2568), which the server parses (ThaiDateField). static/js/thai_date.js adds a
    calendar in B.E. on top; without it the box still takes what Thai users type. Not the
    browser's date input: on Thai phones it shows Gregorian years and refuses a typed 2568
    before the server sees it."""

    def __init__(self, attrs=None):
        defaults = {
            "data-thai-date": "",
            "data-min": EARLIEST_DATE.isoformat(),
            "data-max": LATEST_DATE.isoformat(),
            "autocomplete": "off",
            "spellcheck": "false",
            "placeholder": _("วว/ดด/ปปปป"),
        }
        super().__init__(attrs=defaults | (attrs or {}))

    def format_value(self, value):
        if hasattr(value, "year"):
            return f"{value.day}/{value.month}/{be_year(value.year)}"
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """Accepts what Thai users type: 25/12/2568, 25 ธ.ค. 2568, วันที่ 25 ธันวาคม พ.ศ. 2568,
    Thai digits, C.E. years and ISO dates (bangphlat.thai.parse_thai_date)."""

    widget = ThaiDateInput
    default_validators = [validate_programme_date]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("วัน/เดือน/ปี พ.ศ. เช่น 25/12/2568"))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_thai_date(value)
        except AmbiguousYear as exc:
            raise forms.ValidationError(two_digit_year_message(exc), code="two_digit_year") from exc
        except (ValueError, TypeError) as exc:
            raise forms.ValidationError(
                _("วันที่ไม่ถูกต้อง ตัวอย่าง: 25/12/2568 หรือ 25 ธันวาคม 2568"), code="invalid"
            ) from exc


def fix_single_choice(form, name) -> None:
    """A choice the user cannot make (their own district, the one mentor they are) is not a
    select: the field is sent hidden with its one value, and ``form.fixed_values`` names it
    for the page to show as plain text."""
    field = form.fields[name]
    choices = list(field.queryset[:2])
    if len(choices) != 1:
        return
    field.widget = forms.HiddenInput()
    field.initial = choices[0].pk
    form.initial[name] = choices[0].pk
    form.fixed_values = [*getattr(form, "fixed_values", []), (field.label, str(choices[0]))]


def two_digit_year_message(error: AmbiguousYear) -> str:
    """Both readings of a two-digit year, so the user sees why it is refused."""
    as_buddhist_era, as_common_era = error.readings
    return _("ปีสองหลักอ่านได้สองแบบ: %(be)s หรือ %(ce)s กรุณาพิมพ์ปีให้ครบสี่หลัก เช่น %(example)s") % {
        "be": format_date_th(as_buddhist_era),
        "ce": format_date_th(as_common_era),
        "example": f"{as_common_era.day}/{as_common_era.month}/{be_year(as_common_era.year)}",
    }


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
            if isinstance(field, forms.ModelMultipleChoiceField) and field.to_field_name is None:
                field.clean = _refusing_impossible_ids(field)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(value, str) and not isinstance(widget, forms.PasswordInput):
                multiline = isinstance(widget, forms.Textarea) or "\n" in value
                cleaned[name] = clean_text(value, multiline=multiline)
        return cleaned


# The largest id a database column holds (64-bit); SQLite raises OverflowError beyond it.
MAX_ID = 2**63 - 1


def _refusing_impossible_ids(field):
    """Wrap a multiple choice field's clean: an id that no row can have (letters, signs,
    400 digits) is refused as an invalid choice before the database is asked."""
    clean = field.clean

    def clean_ids(value):
        for item in value if isinstance(value, list | tuple) else []:
            text = str(item)
            if text and not (text.isascii() and text.isdigit() and int(text) <= MAX_ID):
                raise forms.ValidationError(
                    _("ตัวเลือกไม่ถูกต้อง"), code="invalid_pk_value", params={"pk": item}
                )
        return clean(value)

    return clean_ids
