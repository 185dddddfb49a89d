"""The user's own page (/accounts/profile/, name ``accounts:profile``): notices, API tokens,
password and LINE in one place, opened by the name in the top bar. It lives here, not in
accounts, because notices sit above accounts; the composition root (bangphlat/urls.py) mounts
it in the accounts namespace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from notices.forms import NoticePreferenceForm
from notices.services import mode_of, notice_preference_set


@login_required
def profile(request):
    form = NoticePreferenceForm(request.POST or None, initial={"mode": mode_of(request.user)})
    if request.method == "POST" and form.is_valid():
        notice_preference_set(user=request.user, mode=form.cleaned_data["mode"])
        messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"preference": form})
