"""Courses and runs: lists, details, creating and editing runs, enrolment.

Objects a user may not read are 404 (``_get_run``), read-only ones 403 on a write."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import sees_all_districts
from bangphlat import querystring
from bangphlat.forms import add_service_errors
from bangphlat.submissions import submit_once
from districts.models import District
from training import access, editing, selectors, services
from training.certificates import course_hours
from training.forms import MAX_CHOICES, EnrolForm, QuestionForm, RunForm, SessionForm
from training.models import (
    RUN_TRANSITIONS,
    Certificate,
    Course,
    CourseRun,
    Participant,
    ParticipantStatus,
    Question,
    RunStatus,
)


def _get_run(request, pk, *, manage=False) -> CourseRun:
    run = get_object_or_404(CourseRun.objects.select_related("course", "host"), pk=pk)
    if not access.can_view_run(request.user, run):
        raise Http404(_("ไม่พบรุ่นการอบรมนี้"))
    if manage and not access.can_manage_run(request.user, run):
        raise PermissionDenied
    return run


# --- Courses ------------------------------------------------------------------------------
@login_required
def course_list(request):
    courses = list(selectors.course_list().select_related("district"))
    for course in courses:
        course.hours = sum(cm.module.hours for cm in course.course_modules.all())
    return render(
        request,
        "training/course_list.html",
        {"courses": courses, "can_run": access.can_run_courses(request.user)},
    )


@login_required
def course_detail(request, pk):
    course = get_object_or_404(selectors.course_list().select_related("district"), pk=pk)
    can_edit = access.can_edit_course(request.user, course)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "hours": course_hours(course),
            "questions": course.questions.prefetch_related("choices"),
            "can_edit": can_edit,
            "runs": selectors.run_list(user=request.user).filter(course=course)[:20],
        },
    )


@login_required
def question_edit(request, pk, question_pk=None):
    course = get_object_or_404(Course, pk=pk)
    if not access.can_edit_course(request.user, course):
        raise PermissionDenied
    question = None
    initial = {}
    if question_pk is not None:
        question = get_object_or_404(Question, pk=question_pk, course=course)
        choices = list(question.choices.all())
        initial = {"text": question.text}
        for i, choice in enumerate(choices[:MAX_CHOICES]):
            initial[f"choice_{i}"] = choice.text
            if choice.is_correct:
                initial["correct"] = i
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.question_save(
                course=course,
                by=request.user,
                text=form.cleaned_data["text"],
                choices=form.choices(),
                correct=form.cleaned_data["correct"],
                question=question,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกคำถามแล้ว"))
            return redirect("training:course_detail", pk=course.pk)
    return render(
        request,
        "training/question_form.html",
        {"course": course, "question": question, "form": form},
    )


# --- Runs ---------------------------------------------------------------------------------
@login_required
def run_list(request):
    filters = {
        "host": querystring.code(request.GET.get("host", "")),
        "status": request.GET.get("status", ""),
    }
    runs = selectors.run_list(user=request.user, filters=filters).order_by("-starts_on", "-pk")
    page = Paginator(runs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "training/run_list.html",
        {
            "page_obj": page,
            "runs": page.object_list,
            "filters": filters,
            "statuses": RunStatus.choices,
            "hosts": District.objects.pilots().order_by("code"),
            "can_create": access.can_run_courses(request.user),
        },
    )


def _hosts_for(user):
    pilots = District.objects.pilots().order_by("code")
    if sees_all_districts(user):
        return pilots
    return pilots.filter(pk=user.district_id)


def _run_values(form) -> dict:
    data = form.cleaned_data
    return {
        "course": data["course"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "capacity": data["capacity"],
        "venue": data.get("venue") or "",
        "online_url": data.get("online_url") or "",
    }


@login_required
@submit_once
def run_create(request):
    if not access.can_run_courses(request.user):
        raise PermissionDenied
    form = RunForm(request.POST or None, hosts=_hosts_for(request.user))
    if request.method == "POST" and form.is_valid():
        targets = list(form.cleaned_data["target_districts"])
        try:
            run = services.course_run_create(
                by=request.user,
                host=form.cleaned_data["host"],
                target_districts=targets or None,
                trainers=form.cleaned_data["trainers"],
                **_run_values(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("สร้างรุ่นการอบรมแล้ว"))
            return redirect("training:run_detail", pk=run.pk)
    return render(request, "training/run_form.html", {"form": form, "run": None})


@login_required
def run_edit(request, pk):
    run = _get_run(request, pk, manage=True)
    form = RunForm(request.POST or None, instance=run, hosts=_hosts_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            editing.course_run_update(
                run=run,
                by=request.user,
                target_districts=form.cleaned_data["target_districts"],
                trainers=form.cleaned_data["trainers"],
                **_run_values(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect("training:run_detail", pk=run.pk)
    return render(request, "training/run_form.html", {"form": form, "run": run})


@login_required
def run_detail(request, pk):
    run = _get_run(request, pk)
    rows = selectors.participant_rows(user=request.user, run=run)
    gains = selectors.participant_gains(run=run)
    enrolled = [r for r in rows if r.participant.status == ParticipantStatus.ENROLLED]
    waitlisted = [r for r in rows if r.participant.status == ParticipantStatus.WAITLISTED]
    certificates = {c.participant_id: c for c in Certificate.objects.filter(participant__run=run)}
    for row in rows:  # what the table shows beside each person
        row.participant.gain = gains.get(row.participant.pk)
        row.participant.issued = certificates.get(row.participant.pk)
    can_manage = access.can_manage_run(request.user, run)
    own = next((r.participant for r in rows if r.participant.user_id == request.user.pk), None)
    return render(
        request,
        "training/run_detail.html",
        {
            "run": run,
            "sessions": run.sessions.select_related("module"),
            "trainers": run.trainers.select_related("district"),
            "targets": run.target_districts.order_by("code"),
            "enrolled": enrolled,
            "waitlisted": waitlisted,
            "run_gain": selectors.mean_gain(gains.values()),
            "hours": course_hours(run.course),
            "can_manage": can_manage,
            "next_statuses": [RunStatus(s) for s in sorted(RUN_TRANSITIONS[run.status])]
            if can_manage
            else [],
            "session_form": SessionForm(course=run.course) if can_manage else None,
            "own": own,
        },
    )


@login_required
@require_POST
def run_status(request, pk):
    run = _get_run(request, pk, manage=True)
    to = request.POST.get("to", "")
    try:
        run = services.course_run_transition(run=run, to=to, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training:run_detail", pk=run.pk)
    messages.success(request, _("เปลี่ยนสถานะเป็น “%(s)s” แล้ว") % {"s": run.get_status_display()})
    if run.status == RunStatus.COMPLETED:
        issued = run.participants.filter(certificate__isnull=False).count()
        messages.info(request, _("ออกวุฒิบัตรแล้ว %(n)s ฉบับ") % {"n": issued})
    return redirect("training:run_detail", pk=run.pk)


@login_required
@require_POST
def run_certify(request, pk):
    """Certify again after a late score or correction (never a second certificate)."""
    run = _get_run(request, pk, manage=True)
    try:
        certificates = services.course_run_complete(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("วุฒิบัตรที่ใช้ได้ของรุ่นนี้ %(n)s ฉบับ") % {"n": len(certificates)})
    return redirect("training:run_detail", pk=run.pk)


@login_required
@submit_once
def session_create(request, pk):
    run = _get_run(request, pk, manage=True)
    form = SessionForm(request.POST or None, course=run.course)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_add(run=run, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("เพิ่มช่วงการอบรมแล้ว"))
            return redirect("training:run_detail", pk=run.pk)
    return render(request, "training/session_form.html", {"run": run, "form": form})


@login_required
@submit_once
def enrol(request, pk):
    run = _get_run(request, pk, manage=True)
    districts = District.objects.filter(
        Q(pk=run.host_id) | Q(pk__in=run.target_districts.values("pk"))
    ).order_by("code")
    form = EnrolForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_enroll(run=run, by=request.user, **_enrolee(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if participant.status == ParticipantStatus.WAITLISTED:
                messages.warning(
                    request,
                    _("รุ่นนี้เต็มแล้ว %(name)s อยู่ในรายชื่อรอที่ว่างลำดับที่ %(n)s")
                    % {"name": participant.display_name, "n": participant.waitlist_position},
                )
            else:
                messages.success(
                    request, _("ลงทะเบียน %(name)s แล้ว") % {"name": participant.display_name}
                )
            return redirect("training:run_detail", pk=run.pk)
    return render(request, "training/enrol_form.html", {"run": run, "form": form})


def _enrolee(form) -> dict:
    data = form.cleaned_data
    district = data.get("district")
    if data.get("username"):
        user = get_user_model().objects.filter(username=data["username"], is_active=True).first()
        if user is None:
            raise ValidationError({"username": _("ไม่พบผู้ใช้ชื่อนี้ในพอร์ทัล")})
        return {"user": user, "role": data.get("role") or "", "district": district}
    community = data.get("community")
    return {
        "name": data["name"],
        "role": data.get("role") or "",
        "district": district,
        "community": community,
        "phone": data.get("phone") or "",
        "consent": data["consent"],
        "kind": data["kind"],
    }


@login_required
@require_POST
def withdraw(request, pk, participant_pk):
    run = _get_run(request, pk, manage=True)
    participant = get_object_or_404(Participant, pk=participant_pk, run=run)
    promoted = services.participant_withdraw(participant=participant, by=request.user)
    messages.success(request, _("ถอนชื่อออกจากรุ่นแล้ว"))
    if promoted is not None:
        messages.info(
            request, _("%(name)s เลื่อนจากรายชื่อรอเป็นผู้ลงทะเบียน") % {"name": promoted.display_name}
        )
    return redirect("training:run_detail", pk=run.pk)
