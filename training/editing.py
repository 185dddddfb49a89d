"""Writes the training pages need besides ``training.services``: a run's details, a course's
test questions, and a participant's own answers to the pre/post test (scored here, taken once).
Same rules as the services: keyword-only, access checked here, validated, atomic."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from training import access
from training.models import (
    Assessment,
    AssessmentKind,
    Choice,
    CourseRun,
    Participant,
    ParticipantStatus,
    Question,
    RunStatus,
)
from training.services.runs import _attending, _locked, _promote, _require, _writable

RUN_FIELDS = ("course", "starts_on", "ends_on", "capacity", "venue", "online_url")


@transaction.atomic
def course_run_update(
    *, run: CourseRun, by, target_districts=None, trainers=None, **fields
) -> CourseRun:
    """Change a run's details (not its host or status). A larger capacity moves the first
    people on the waitlist up; a smaller one never removes anyone already enrolled."""
    _require(access.can_manage_run(by, run))
    run = _locked(run)
    _writable(run)
    if run.status == RunStatus.COMPLETED:
        raise ValidationError(_("รุ่นที่จบการอบรมแล้วแก้ไขไม่ได้"))
    unknown = set(fields) - set(RUN_FIELDS)
    if unknown:
        raise TypeError(f"unknown run fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(run, name, value.strip() if isinstance(value, str) else value)
    run.full_clean()
    if trainers is not None:
        trainers = list(trainers)
        current = set(run.trainers.values_list("pk", flat=True))
        if any(not t.is_active and t.pk not in current for t in trainers):
            raise ValidationError({"trainers": _("เลือกได้เฉพาะวิทยากรที่ยังปฏิบัติงาน")})
    run.save()
    if target_districts is not None:
        run.target_districts.set(target_districts)
    if trainers is not None:
        run.trainers.set(trainers)
    enrolled = run.participants.filter(status=ParticipantStatus.ENROLLED).count()
    for _place in range(max(run.capacity - enrolled, 0)):
        if _promote(run) is None:
            break
    return run


@transaction.atomic
def question_save(*, course, by, text: str, choices: list[str], correct: int, question=None):
    """Write or rewrite one multiple-choice question: 2–6 choices, ``correct`` the index of
    the right one. Rewriting replaces the choices (scores already given stay as they are)."""
    _require(access.can_edit_course(by, course))
    text = " ".join(text.split())
    # ``correct`` points into the choices as typed: blank ones in between are dropped.
    typed = [(i, " ".join((c or "").split())) for i, c in enumerate(choices)]
    kept = [(i, c) for i, c in typed if c]
    correct = next((n for n, (i, _c) in enumerate(kept) if i == correct), -1)
    choices = [c for _i, c in kept]
    errors = {}
    if not text:
        errors["text"] = _("กรุณาพิมพ์คำถาม")
    if not 2 <= len(choices) <= 6:
        errors["choices"] = _("คำถามหนึ่งข้อมีตัวเลือก 2 ถึง 6 ข้อ")
    elif not 0 <= correct < len(choices):
        errors["correct"] = _("กรุณาเลือกคำตอบที่ถูกจากตัวเลือกที่กรอกไว้")
    if errors:
        raise ValidationError(errors)
    if question is None:
        top = course.questions.aggregate(top=Max("order"))["top"] or 0
        question = Question(course=course, order=top + 1)
    elif question.course_id != course.pk:
        raise ValidationError(_("คำถามนี้ไม่ได้อยู่ในหลักสูตรนี้"))
    question.text = text
    question.full_clean()
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, order=i + 1, text=c, is_correct=i == correct)
        for i, c in enumerate(choices)
    )
    return question


@transaction.atomic
def test_submit(
    *,
    participant: Participant,
    kind: str,
    answers: dict[int, int],
    user=None,
    personal_code: str = "",
) -> tuple[Assessment, bool]:
    """A participant's own answers to the pre- or post-test, scored 0–100 (the share of
    questions answered right). Each test is taken once: a second submission (a repeat, a
    second tab) returns the first score unchanged: (assessment, created)."""
    allowed = (user is not None and access.can_take_test(user, participant)) or (
        access.can_take_test_by_code(participant, personal_code)
    )
    if not allowed:
        raise PermissionDenied(_("แบบทดสอบนี้เป็นของผู้เข้าอบรมท่านอื่น"))
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    _writable(participant.run)
    if participant.run.status == RunStatus.COMPLETED:
        raise ValidationError(_("รุ่นนี้จบการอบรมแล้ว ทำแบบทดสอบไม่ได้"))
    _attending(participant)
    if kind not in AssessmentKind.values:
        raise ValidationError({"kind": _("ไม่มีแบบทดสอบประเภทนี้")})
    done = participant.assessments.filter(kind=kind).first()
    if done is not None:
        return done, False
    questions = list(participant.run.course.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("หลักสูตรนี้ยังไม่มีแบบทดสอบ"))
    unanswered = [q for q in questions if q.pk not in answers]
    if unanswered:
        raise ValidationError(_("ยังไม่ได้ตอบ %(n)s ข้อ กรุณาตอบให้ครบทุกข้อ") % {"n": len(unanswered)})
    right = 0
    for question in questions:
        chosen = next((c for c in question.choices.all() if c.pk == answers[question.pk]), None)
        if chosen is None:
            raise ValidationError(_("คำตอบไม่ตรงกับตัวเลือกของคำถาม กรุณาเปิดแบบทดสอบใหม่"))
        right += chosen.is_correct
    score = (Decimal(right * 100) / len(questions)).quantize(Decimal("0.1"))
    assessment = Assessment(participant=participant, kind=kind, score=score, recorded_by=None)
    if user is not None and user.is_authenticated:
        assessment.recorded_by = user
    assessment.full_clean(validate_constraints=False)
    assessment.save()
    return assessment, True
