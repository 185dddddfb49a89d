from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
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
