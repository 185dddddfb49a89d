"""HTML pages of the API: the documentation page and the personal tokens page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import services
from api.access import can_have_api_token
from api.forms import TokenForm
from api.models import ApiToken


def docs(request):
    """Swagger UI from static/vendor (no CDN); the schema is public, the data is not."""
    return render(request, "api/docs.html")


@login_required
def tokens(request):
    if not can_have_api_token(request.user):
        raise PermissionDenied
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.token_create(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        messages.success(request, _("สร้างโทเคนแล้ว คัดลอกเก็บไว้ตอนนี้ ระบบจะไม่แสดงอีก"))
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("ยกเลิกโทเคน %(name)s แล้ว") % {"name": token.name})
    return redirect("tokens")
