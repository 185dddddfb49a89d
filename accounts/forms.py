from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาลองอีกครั้ง"),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ชื่อผู้ใช้")
        self.fields["password"].label = _("รหัสผ่าน")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("เข้าสู่ระบบ"), css_class="w-100"))

    def clean_username(self):
        """No account has a longer name: refuse it here, before authentication and the
        lock-out records (whose column holds 255 characters) ever see it."""
        username = self.cleaned_data.get("username") or ""
        limit = get_user_model()._meta.get_field("username").max_length
        if len(username) > limit:
            raise forms.ValidationError(
                _("ชื่อผู้ใช้ยาวเกิน %(limit)s ตัวอักษร กรุณาตรวจสอบอีกครั้ง") % {"limit": limit}
            )
        return username


# --- Passwords -------------------------------------------------------------------------------
def _password_rules_thai():
    """Django's validators speak English on a Thai page: the rules, said once in Thai."""
    return _("อย่างน้อย 8 ตัวอักษร ไม่ใช่ตัวเลขล้วน ไม่คล้ายชื่อผู้ใช้หรืออีเมล และไม่ใช่รหัสผ่านที่ใช้กันทั่วไป")


PASSWORD_ERRORS = {
    "password_too_short": _("รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร"),
    "password_too_common": _("รหัสผ่านนี้ใช้กันทั่วไป เดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น"),
    "password_entirely_numeric": _("รหัสผ่านต้องไม่เป็นตัวเลขล้วน"),
    "password_too_similar": _("รหัสผ่านคล้ายชื่อผู้ใช้หรืออีเมลเกินไป กรุณาตั้งรหัสผ่านอื่น"),
}


class ThaiSetPasswordMixin:
    """Thai labels, rules and messages for the new-password fields of Django's forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"),
            "password_incorrect": _("รหัสผ่านปัจจุบันไม่ถูกต้อง กรุณาลองอีกครั้ง"),
        }
        if "old_password" in self.fields:
            self.fields["old_password"].label = _("รหัสผ่านปัจจุบัน")
        self.fields["new_password1"].label = _("รหัสผ่านใหม่")
        self.fields["new_password1"].help_text = _password_rules_thai()
        self.fields["new_password2"].label = _("ยืนยันรหัสผ่านใหม่")
        self.fields["new_password2"].help_text = ""
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("บันทึกรหัสผ่านใหม่")))

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except forms.ValidationError as error:
            messages = [PASSWORD_ERRORS.get(e.code, e) for e in error.error_list]
            self.add_error(password_field_name, messages)


class PortalPasswordChangeForm(ThaiSetPasswordMixin, PasswordChangeForm):
    pass


class PortalSetPasswordForm(ThaiSetPasswordMixin, SetPasswordForm):
    pass


class PortalPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("อีเมลที่ลงทะเบียนไว้กับพอร์ทัล")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("ส่งลิงก์ตั้งรหัสผ่านใหม่"), css_class="w-100"))
