"""Attendance and tests: the trainer's sheet (also sent offline), the projector's check-in,
a participant's check-in and pre/post test on a phone.

People without an account check in with their personal code; the code is then remembered in
their browser session, so the test that follows needs no typing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangphlat.qr import qr_svg
from bangphlat.submissions import submit_once
from training import access, editing, services
from training.forms import CheckinForm
from training.models import AssessmentKind, Participant, ParticipantStatus, RunSession
from training.views import _get_run

PERSONAL_CODE_SESSION_KEY = "training_personal_code"


def _get_session(request, pk) -> RunSession:
    session = get_object_or_404(
        RunSession.objects.select_related("run__course", "run__host"), pk=pk
    )
    _get_run(request, session.run_id, manage=True)  # 404 outsiders, 403 read-only
    return session


# --- The trainer's attendance sheet -------------------------------------------------------
@login_required
@submit_once
def attendance_sheet(request, pk):
    """Every enrolled person with a present box. One key per sheet; each row's record is
    keyed by it too, so the offline queue sending the sheet again writes nothing twice."""
    session = _get_session(request, pk)
    people = list(
        session.run.participants.filter(status=ParticipantStatus.ENROLLED).select_related("user")
    )
    marked = {a.participant_id: a for a in session.attendance.all()}
    if request.method == "POST":
        key = request.POST.get("submission_key", "")
        present = set(request.POST.getlist("present"))
        try:
            for person in people:
                services.attendance_record(
                    session=session,
                    participant=person,
                    present=str(person.pk) in present,
                    by=request.user,
                    key=f"{key[:40]}-{person.pk}" if key else None,
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except services.KeyConflict:
            messages.error(request, _("ส่งแบบฟอร์มนี้ซ้ำไม่ได้ กรุณากรอกแบบฟอร์มใหม่อีกครั้ง"))
        else:
            messages.success(request, _("บันทึกการเข้าอบรมแล้ว"))
            return redirect("training:run_detail", pk=session.run_id)
    return render(
        request,
        "training/attendance_sheet.html",
        {
            "session": session,
            "run": session.run,
            "rows": [(person, marked.get(person.pk)) for person in people],
        },
    )


# --- Check-in on the projector --------------------------------------------------------------
@login_required
@require_POST
def checkin_open(request, pk):
    session = _get_session(request, pk)
    try:
        services.checkin_open(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training:run_detail", pk=session.run_id)
    return redirect("training:checkin_projector", pk=session.pk)


@login_required
@require_POST
def checkin_close(request, pk):
    session = _get_session(request, pk)
    services.checkin_close(session=session, by=request.user)
    messages.success(request, _("ปิดการเช็กอินแล้ว"))
    return redirect("training:run_detail", pk=session.run_id)


@login_required
def checkin_projector(request, pk):
    """The big-type page for the projector: the code, its QR, and the count so far."""
    session = _get_session(request, pk)
    open_now = bool(session.checkin_code) and session.checkin_expires_at > timezone.now()
    url = request.build_absolute_uri(reverse("training:checkin"))
    link = f"{url}?code={session.checkin_code}" if open_now else ""
    return render(
        request,
        "training/checkin_projector.html",
        {
            "session": session,
            "run": session.run,
            "open_now": open_now,
            "checkin_url": url,
            "qr": qr_svg(link, label=_("คิวอาร์โค้ดสำหรับเช็กอิน")) if open_now else None,
            "present": session.attendance.filter(present=True).count(),
            "enrolled": session.run.participants.filter(status=ParticipantStatus.ENROLLED).count(),
        },
    )


# --- A participant's phone ------------------------------------------------------------------
def checkin(request):
    """Open to anyone with the projector's code: logged in, or with a personal code."""
    form = CheckinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    done = None
    if request.method == "POST" and form.is_valid():
        personal = form.cleaned_data["personal_code"]
        user = request.user if request.user.is_authenticated else None
        try:
            attendance, created = services.checkin_by_code(
                code=form.cleaned_data["code"], user=user, personal_code="" if user else personal
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if user is None:
                request.session[PERSONAL_CODE_SESSION_KEY] = attendance.participant.personal_code
            done = {"attendance": attendance, "created": created}
    return render(request, "training/checkin.html", {"form": form, "done": done})


def _participant_for_test(request, run_pk) -> tuple[Participant, str]:
    """The person taking the test: the logged-in user's place in the run, or the one whose
    personal code this browser checked in with (or typed now)."""
    if request.user.is_authenticated:
        participant = Participant.objects.filter(run_id=run_pk, user=request.user).first()
        if participant is not None:
            return participant, ""
    code = request.POST.get("personal_code") or request.session.get(PERSONAL_CODE_SESSION_KEY, "")
    code = "".join(str(code).split()).upper()[:16]
    participant = (
        Participant.objects.filter(run_id=run_pk, personal_code=code).first() if code else None
    )
    if participant is None:
        raise Http404(_("ไม่พบชื่อของท่านในรุ่นนี้ กรุณาเช็กอินด้วยรหัสประจำตัวก่อน"))
    return participant, code


def take_test(request, pk, kind):
    if kind not in AssessmentKind.values:
        raise Http404
    participant, code = _participant_for_test(request, pk)
    run = participant.run
    questions = list(run.course.questions.prefetch_related("choices"))
    done = participant.assessments.filter(kind=kind).first()
    chosen: dict[int, int] = {}
    error = None
    if request.method == "POST" and done is None:
        for question in questions:
            value = request.POST.get(f"q{question.pk}", "")
            if value.isdigit():
                chosen[question.pk] = int(value)
        try:
            done, _created = editing.test_submit(
                participant=participant,
                kind=kind,
                answers=chosen,
                user=request.user if not code else None,
                personal_code=code,
            )
        except PermissionDenied:
            raise
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("ส่งคำตอบแล้ว"))
            return redirect("training:take_test", pk=run.pk, kind=kind)
    return render(
        request,
        "training/take_test.html",
        {
            "run": run,
            "kind": AssessmentKind(kind),
            "participant": participant,
            "questions": questions,
            "chosen": chosen,
            "done": done,
            "error": error,
            "can_view_run": access.can_view_run(request.user, run),
        },
    )
