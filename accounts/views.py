"""Password change and reset: Django's views with Thai forms and templates; the reset
request is rate-limited per client address and per e-mail address, and answers the same
whether or not the address belongs to an account."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts.forms import PortalPasswordChangeForm, PortalPasswordResetForm, PortalSetPasswordForm
from accounts.roles import is_strategy, sees_all_districts
from bangphlat import ratelimit
from bangphlat.client_ip import client_ip

RESET_WINDOW_SECONDS = 60 * 60
RESETS_PER_ADDRESS = 10  # an office sharing one NAT address asks a few times a day at most
RESETS_PER_EMAIL = 3


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PortalPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        by_address = ratelimit.allow(
            "password-reset-ip",
            client_ip(self.request) or "unknown",
            limit=RESETS_PER_ADDRESS,
            window_seconds=RESET_WINDOW_SECONDS,
        )
        by_email = ratelimit.allow(
            "password-reset-email",
            email,
            limit=RESETS_PER_EMAIL,
            window_seconds=RESET_WINDOW_SECONDS,
        )
        if by_address and by_email:
            return super().form_valid(form)
        # Counted for every address typed, known or not: the refusal reveals nothing.
        form.add_error(
            None,
            _("มีการขอตั้งรหัสผ่านใหม่บ่อยเกินไป กรุณารอ 1 ชั่วโมงแล้วลองอีกครั้ง หรือติดต่อผู้ดูแลระบบของสำนักงานเขต"),
        )
        response = self.form_invalid(form)
        response.status_code = 429
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PortalSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def home(request):
    """Land each role where its work is: district staff on their district, the strategy office
    on the dashboard (what waits for it)."""
    user = request.user
    if user.district_id and not sees_all_districts(user):
        return redirect("districts:detail", code=user.district.code)
    if is_strategy(user):
        return redirect("dashboard:home")
    return redirect("districts:list")
