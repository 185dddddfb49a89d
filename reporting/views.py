import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_strategy, sees_all_districts
from bangphlat.kept import kept_html, query_key
from bangphlat.thai import fiscal_year_of
from bangphlat.versions import version
from communities.access import can_add_activity_in_month
from communities.selectors import confirmed_outliers
from districts.models import District
from notices.forms import NoticePreferenceForm
from notices.selectors import notices_of
from notices.services import mode_of, notice_preference_set, notices_mark_read
from periods.access import can_set_reporting_deadline
from periods.models import ReportingDeadline, ReportStatus
from periods.selectors import MONTHS_VERSION_KEY, due_date_of, next_month, period_of
from periods.services import deadline_set
from reporting import checklist, exporting, selectors, services
from reporting.access import (
    can_approve_reporting_month,
    can_check_reporting_month,
    can_submit_reporting_month,
    can_unlock_reporting_month,
    can_view_confirmed_outliers,
    can_view_reporting_of,
)
from reporting.forms import CompletenessFilterForm, DeadlineForm, TransitionForm
from reporting.templatetags.reporting import thmonth_long


def _grid(request):
    form = CompletenessFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    fiscal_year = filters.get("fiscal_year") or fiscal_year_of(timezone.localdate())
    grid = selectors.completeness(user=request.user, fiscal_year=fiscal_year, filters=filters)
    return form, grid


@login_required
def completeness(request):
    if request.user.district_id and not sees_all_districts(request.user):
        form, grid = _grid(request)
        return _my_months(request, form, grid)

    def body_context():
        form, grid = _grid(request)
        return {
            "filter_form": form,
            "grid": grid,
            "is_strategy": is_strategy(request.user),
            "waiting": selectors.waiting_months()[:20] if is_strategy(request.user) else [],
        }

    if sees_all_districts(request.user):
        # The same grid for every reader of all fifty districts: kept until a month changes
        # state (or the districts, the deadlines: the epoch) and for the day.
        body = kept_html(
            f"completeness:{int(is_strategy(request.user))}:{query_key(request)}",
            version("epoch", MONTHS_VERSION_KEY),
            "reporting/_completeness_body.html",
            body_context,
            request,
            daily=True,
        )
    else:
        body = render_to_string("reporting/_completeness_body.html", body_context(), request)
    return render(request, "reporting/completeness.html", {"body": body})


def _my_months(request, form, grid):
    """District staff read their own months as a list (and their mentees' rows, if they
    mentor), not the office's grid of fifty districts."""
    own = next((row for row in grid.rows if row.district.pk == request.user.district_id), None)
    return render(
        request,
        "reporting/my_months.html",
        {
            "filter_form": form,
            "grid": grid,
            "row": own,
            "others": [row for row in grid.rows if row is not own],
            "today": timezone.localdate(),
        },
    )


@login_required
def completeness_export(request):
    _form, grid = _grid(request)
    return exporting.completeness_xlsx(grid)


def _get_month(request, code, month):
    district = get_object_or_404(District, code=code)
    if not can_view_reporting_of(request.user, district):
        raise Http404
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError as exc:
        raise Http404 from exc
    return district, first


@login_required
def month_detail(request, code, month):
    district, first = _get_month(request, code, month)
    period = period_of(district=district, month=first)
    user = request.user
    today = timezone.localdate()
    due = due_date_of(first)
    # A month is sent once it has ended; the current one only early, with a reason.
    may_send = can_submit_reporting_month(user, period) and first <= today
    ended = next_month(first) <= today
    return render(
        request,
        "reporting/month_detail.html",
        {
            "district": district,
            "period": period,
            "due": due,
            "not_due": period.status == ReportStatus.OPEN and first <= today <= due,
            "opens_on": next_month(first),
            "live_summary": selectors.month_summary(district=district, month=first),
            "transitions": selectors.transitions_of(period),
            "can_submit": may_send and ended,
            "can_submit_early": may_send and not ended,
            "checklist": checklist.month_checklist(district=district, month=first)
            if may_send
            else None,
            "mentor": checklist.mentor_of(district) if may_send else None,
            "can_check": can_check_reporting_month(user, period),
            "can_add_activity": can_add_activity_in_month(user, district, period),
            "can_approve": can_approve_reporting_month(user, period),
            "can_unlock": can_unlock_reporting_month(user, period),
        },
    )


def _sent_message(period) -> str:
    """The confirmation after sending says what went, as the reviewer will read it."""
    summary = period.summary or {}
    return _(
        "ส่งรายงานเดือน%(month)s แล้ว: %(activities)s กิจกรรม ผู้เข้าร่วม %(participants)s คน "
        "จาก %(communities)s ชุมชน สถานะ “%(status)s”"
    ) % {
        "month": thmonth_long(period.month),
        "activities": summary.get("activities", 0),
        "participants": summary.get("participants", 0),
        "communities": summary.get("communities", 0),
        "status": period.get_status_display(),
    }


@login_required
@require_POST
def month_transition(request, code, month):
    district, first = _get_month(request, code, month)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("คำสั่งไม่ถูกต้อง"))
        return redirect("reporting:month", code, month)
    action = services.ACTIONS[form.cleaned_data["action"]]
    try:
        period = action(
            district=district, month=first, by=request.user, comment=form.cleaned_data["comment"]
        )
    except PermissionDenied:
        messages.error(request, _("คุณทำขั้นตอนนี้กับเดือนนี้ไม่ได้ (สถานะอาจเปลี่ยนไปแล้ว)"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        sent = period.status == ReportStatus.SUBMITTED
        messages.success(request, _sent_message(period) if sent else _("บันทึกแล้ว"))
    return redirect("reporting:month", code, month)


@login_required
def deadlines(request):
    if not can_set_reporting_deadline(request.user):
        raise PermissionDenied
    form = DeadlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deadline_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("บันทึกกำหนดส่งแล้ว"))
            return redirect("reporting:deadlines")
    return render(
        request,
        "reporting/deadlines.html",
        {"form": form, "deadlines": ReportingDeadline.objects.all()[:10]},
    )


@login_required
def outliers(request):
    if not can_view_confirmed_outliers(request.user):
        raise PermissionDenied
    return render(request, "reporting/outliers.html", {"outliers": confirmed_outliers()[:200]})


@login_required
def notices(request):
    preference = NoticePreferenceForm(request.POST or None, initial={"mode": mode_of(request.user)})
    if request.method == "POST":
        if "mark_read" in request.POST:
            notices_mark_read(user=request.user)
            messages.success(request, _("อ่านการแจ้งเตือนทั้งหมดแล้ว"))
            return redirect("reporting:notices")
        if preference.is_valid():
            notice_preference_set(user=request.user, mode=preference.cleaned_data["mode"])
            messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
            return redirect("reporting:notices")
    return render(
        request,
        "reporting/notices.html",
        {"notices": notices_of(request.user)[:50], "preference": preference},
    )
