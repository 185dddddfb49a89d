"""The page where a user manages their monthly report subscriptions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scheduled import selectors, services
from scheduled.access import can_change_subscription
from scheduled.forms import SubscriptionForm
from scheduled.models import ReportSubscription
from scheduled.report import month_label


@login_required
def subscriptions(request):
    # ?scope=district:1025 (the district page's link) preselects that scope.
    form = SubscriptionForm(
        request.POST or None, user=request.user, initial={"scope": request.GET.get("scope", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subscription = services.subscription_save(
                user=request.user,
                **data["scope"],
                day=data["day"],
                by_email=data["by_email"],
                by_line=data["by_line"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("บันทึกแล้ว: %(scope)s ส่งทุก%(day)s")
                % {"scope": subscription.scope_label, "day": subscription.day_label},
            )
            return redirect("scheduled:subscriptions")
    has_options = bool(form.fields["scope"].choices)
    mine = list(selectors.subscriptions_of(request.user))
    for subscription in mine:
        subscription.last_label = (
            month_label(subscription.last_period) if subscription.last_period else ""
        )
    return render(
        request,
        "scheduled/subscriptions.html",
        {
            "form": form,
            "has_options": has_options,
            "subscriptions": mine,
        },
    )


@login_required
@require_POST
def subscription_delete(request, code):
    subscription = (
        ReportSubscription.objects.select_related("zone_group", "district")
        .filter(code=code)
        .first()
    )
    if subscription is None or not can_change_subscription(request.user, subscription):
        raise Http404(_("ไม่พบการรับรายงานนี้"))
    try:
        services.subscription_delete(subscription=subscription, by=request.user)
    except PermissionDenied:
        raise Http404(_("ไม่พบการรับรายงานนี้")) from None
    messages.success(
        request, _("ยกเลิกการรับรายงาน%(scope)s แล้ว") % {"scope": subscription.scope_label}
    )
    return redirect("scheduled:subscriptions")
