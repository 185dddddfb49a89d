from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import sees_all_districts
from bangphlat import exports, versions
from bangphlat.forms import add_service_errors
from bangphlat.kept import kept_html
from bangphlat.submissions import not_done, submit_once
from districts.models import District
from mentoring import selectors, services
from mentoring.access import (
    can_change_session,
    can_change_stage,
    can_manage_pairings,
    can_propose_stage,
    can_record_session_for,
    can_view_session,
    can_view_trainer_contact,
)
from mentoring.forms import DecisionForm, FollowUpForm, FollowUpFormSet, SessionForm, StageForm
from mentoring.kept_lists import kept_list
from mentoring.models import FollowUp, MentoringSession, StageChange


@login_required
def mentoring_home(request):
    def context():
        return {
            # A mentor's staff land on their own mentees; the seven mentors' overview
            # follows, folded.
            "my_mentees": selectors.my_mentees(request.user),
            # The seven mentors and the 50 districts: the same for every reader.
            "overview": kept_html(
                "mentoring-overview",
                versions.any_version(),
                "mentoring/_overview.html",
                lambda: {
                    "mentors": selectors.mentor_overview(),
                    "districts": selectors.district_table(),
                },
                request,
            ),
            "overdue": selectors.overdue_follow_ups(request.user)[:20],
            "proposals": selectors.pending_stage_proposals() if deciding else [],
            "can_manage": can_manage_pairings(request.user),
            "can_record": _recordable_mentors(request.user).exists(),
        }

    deciding = can_change_stage(request.user)
    if deciding:
        # The proposals' forms carry CSRF tokens: a decider's page is never kept.
        body = render_to_string("mentoring/_home_body.html", context(), request)
    else:
        # The districts' records, today's overdue follow-ups: kept under all data and the day.
        body = kept_list(
            request, "mentoring", "mentoring/_home_body.html", context, shared=True, daily=True
        )
    return render(request, "mentoring/home.html", {"body": body})


@login_required
def export_table(request, fmt):
    rows = []
    for district in selectors.district_table():
        mentor = district.active_mentor[0].mentor if district.active_mentor else None
        rows.append(
            [
                district.code,
                district.name_th,
                district.zone_group.name_th,
                _("ใช่") if district.is_pilot else "",
                district.get_rollout_stage_display(),
                mentor.name_th if mentor else "",
            ]
        )
    return exports.ListExporter(
        headers=[
            _("รหัสเขต"),
            _("เขต"),
            _("กลุ่มเขต"),
            _("เขตนำร่อง"),
            _("ขั้นการขยายผล"),
            _("เขตพี่เลี้ยง"),
        ],
        rows=rows,
        filename="mentoring",
        stamp=False,
    ).response(fmt)


@login_required
def suggest(request):
    if not can_manage_pairings(request.user):
        raise PermissionDenied
    proposals = services.suggested_pairings()
    if request.method == "POST":
        shown = request.POST.get("fingerprint")
        if shown != _fingerprint(proposals):
            messages.error(request, _("ข้อมูลการจับคู่เปลี่ยนไประหว่างพิจารณา กรุณาตรวจสอบข้อเสนอใหม่อีกครั้ง"))
            return redirect("mentoring:suggest")
        try:
            created = services.pairings_apply(proposals=proposals, by=request.user)
        except (ValidationError, IntegrityError):
            messages.error(request, _("บันทึกไม่ได้: มีเขตที่ได้รับพี่เลี้ยงไปแล้วระหว่างพิจารณา"))
            return redirect("mentoring:suggest")
        messages.success(request, _("จับคู่พี่เลี้ยงแล้ว %(n)s คู่") % {"n": len(created)})
        return redirect("mentoring:home")
    names = {d.code: d for d in District.objects.all()}
    return render(
        request,
        "mentoring/suggest.html",
        {
            "proposals": [(p, names[p.mentee_code], names[p.mentor_code]) for p in proposals],
            "same_group": sum(p.same_group for p in proposals),
            "max_load": max((p.mentor_load for p in proposals), default=0),
            "fingerprint": _fingerprint(proposals),
        },
    )


def _fingerprint(proposals) -> str:
    return ",".join(f"{p.mentee_code}:{p.mentor_code}" for p in proposals)


# --- Sessions --------------------------------------------------------------------------
@login_required
def session_list(request):
    page = Paginator(selectors.sessions_for(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/session_list.html",
        {
            "page_obj": page,
            "sessions": page.object_list,
            "can_record": _recordable_mentors(request.user).exists(),
        },
    )


def _recordable_mentors(user):
    pilots = District.objects.pilots().order_by("code")
    if sees_all_districts(user):
        return pilots
    return pilots.filter(pk=user.district_id) if user.is_district_staff else pilots.none()


@login_required
@submit_once
def session_create(request):
    mentors = _recordable_mentors(request.user)
    if not mentors.exists():
        raise PermissionDenied
    form = SessionForm(
        request.POST or None,
        mentors=mentors,
        mentees=selectors.session_mentee_choices(user=request.user),
        trainers=selectors.session_trainer_choices(user=request.user),
    )
    follow_ups = FollowUpFormSet(request.POST or None, prefix="fu")
    if request.method == "POST" and form.is_valid() and follow_ups.is_valid():
        data = dict(form.cleaned_data)
        items = [f.cleaned_data for f in follow_ups if f.cleaned_data]
        try:
            session = services.session_create(
                by=request.user,
                mentor=data.pop("mentor"),
                mentees=data.pop("mentees"),
                trainers=data.pop("trainers"),
                follow_ups=items,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกการเป็นพี่เลี้ยงแล้ว"))
            return redirect(session)
    return render(request, "mentoring/session_form.html", {"form": form, "follow_ups": follow_ups})


def _get_session(request, pk) -> MentoringSession:
    session = get_object_or_404(MentoringSession.objects.select_related("mentor"), pk=pk)
    if not can_view_session(request.user, session):
        raise Http404
    return session


@login_required
def session_detail(request, pk):
    session = _get_session(request, pk)
    return render(
        request,
        "mentoring/session_detail.html",
        {
            "session": session,
            "follow_ups": session.follow_ups.all(),
            "can_record": can_record_session_for(request.user, session.mentor),
            "can_change": can_change_session(request.user, session),
            "history": selectors.session_history(session=session),
            "follow_up_form": FollowUpForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
def session_edit(request, pk):
    session = _get_session(request, pk)
    if not can_change_session(request.user, session):
        raise PermissionDenied
    form = SessionForm(
        request.POST or None,
        instance=session,
        mentors=None,
        mentees=selectors.session_mentee_choices(user=request.user, session=session),
        trainers=selectors.session_trainer_choices(user=request.user, session=session),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.session_update(
                session=session,
                by=request.user,
                mentees=data.pop("mentees"),
                trainers=data.pop("trainers"),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect(session)
    return render(request, "mentoring/session_form.html", {"form": form, "session": session})


@login_required
@require_POST
@submit_once
def follow_up_add(request, pk):
    session = _get_session(request, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.follow_up_add(session=session, by=request.user, **form.cleaned_data)
        messages.success(request, _("เพิ่มงานติดตามแล้ว"))
        return redirect(session)
    messages.error(request, _("ข้อมูลงานติดตามไม่ครบ: ต้องมีผู้รับผิดชอบ สิ่งที่ต้องทำ และกำหนดเสร็จ"))
    return not_done(redirect(session))


@login_required
@require_POST
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("session__mentor"), pk=pk)
    if not can_view_session(request.user, follow_up.session):
        raise Http404
    services.follow_up_set_done(
        follow_up=follow_up, done=request.POST.get("done") == "1", by=request.user
    )
    return redirect(follow_up.session)


# --- Trainers and stages ------------------------------------------------------------
def trainer_list(request):
    """The roster is public inside the programme; contact details need a login."""
    page = Paginator(selectors.trainers(), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/trainer_list.html",
        {
            "page_obj": page,
            "trainers": page.object_list,
            "show_contact": can_view_trainer_contact(request.user),
        },
    )


@login_required
@submit_once
def stage_edit(request, code):
    district = get_object_or_404(District, code=code)
    may_change = can_change_stage(request.user)
    if not may_change and not can_propose_stage(request.user, district):
        raise PermissionDenied
    form = StageForm(request.POST or None, initial={"stage": district.rollout_stage})
    if request.method == "POST" and form.is_valid():
        action = services.stage_change if may_change else services.stage_propose
        try:
            action(district=district, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("เปลี่ยนขั้นแล้ว") if may_change else _("ส่งข้อเสนอเปลี่ยนขั้นให้สำนักยุทธศาสตร์ฯ พิจารณาแล้ว"),
            )
            return redirect(district)
    return render(
        request,
        "mentoring/stage_form.html",
        {"form": form, "district": district, "may_change": may_change},
    )


@login_required
@require_POST
def stage_decide(request, pk):
    change = get_object_or_404(StageChange.objects.select_related("district"), pk=pk)
    if not can_change_stage(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("หมายเหตุต้องยาวไม่เกิน 300 ตัวอักษร และไม่มีอักขระควบคุม"))
        return redirect("mentoring:home")
    try:
        services.stage_decide(
            change=change,
            accept=request.POST.get("accept") == "1",
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("บันทึกผลการพิจารณาแล้ว"))
    return redirect("mentoring:home")
