"""``Authorization: Bearer bp_…`` with a personal token (the browser session works too)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api import services


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("ส่วนหัว Authorization ต้องเป็น Bearer ตามด้วยโทเคน")
            )
        token = services.token_for(header[1].decode(errors="replace"))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("โทเคนไม่ถูกต้อง หมดอายุ หรือถูกยกเลิกแล้ว"))
        services.token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
