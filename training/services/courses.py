"""Writes for courses and their pre/post test: a pilot writes the course and its questions;
participants answer on their phones and the score is the share of right answers."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from training import access
from training.models import Choice, Course, CourseModule, Question
from training.services.runs import record_score

MIN_CHOICES, MAX_CHOICES = 2, 6


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("คุณไม่มีสิทธิ์แก้ไขหลักสูตรนี้"))


@transaction.atomic
def course_create(
    *, by, title: str, district=None, objectives: str = "", pass_mark: int = 60, modules=()
) -> Course:
    """A new course (version 1, or the next version of a course of the same title) with its
    modules in the order given."""
    _require(access.can_create_course(by))
    if district is None and by.is_authenticated and by.is_district_staff:
        district = by.district
    if district is not None and not access.can_edit_course(by, Course(district=district)):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์แก้ไขหลักสูตรนี้"))
    title = " ".join(title.split())
    latest = Course.objects.filter(title=title).order_by("-version").first()
    course = Course(
        title=title,
        version=latest.version + 1 if latest else 1,
        district=district,
        objectives=objectives.strip(),
        pass_mark=pass_mark,
    )
    course.full_clean()
    course.save()
    course_modules_set(course=course, modules=modules, by=by)
    return course


@transaction.atomic
def course_modules_set(*, course: Course, modules, by) -> None:
    """The course's modules, in this order (replacing any before)."""
    _require(access.can_edit_course(by, course))
    modules = list(modules)
    if len({m.pk for m in modules}) != len(modules):
        raise ValidationError({"modules": _("เลือกหน่วยการเรียนรู้ซ้ำกัน")})
    CourseModule.objects.filter(course=course).delete()
    CourseModule.objects.bulk_create(
        CourseModule(course=course, module=module, order=order)
        for order, module in enumerate(modules, start=1)
    )


@transaction.atomic
def question_add(*, course: Course, by, text: str, choices: list[str], correct: int) -> Question:
    """A multiple-choice question: 2–6 choices, ``correct`` the index of the right one."""
    _require(access.can_edit_course(by, course))
    texts = [" ".join(str(c).split()) for c in choices]
    texts = [t for t in texts if t]
    errors = {}
    if not " ".join(text.split()):
        errors["text"] = _("กรุณากรอกคำถาม")
    if not MIN_CHOICES <= len(texts) <= MAX_CHOICES:
        errors["choices"] = _("คำถามต้องมีตัวเลือก 2 ถึง 6 ข้อ")
    elif not 0 <= correct < len(texts):
        errors["correct"] = _("กรุณาเลือกคำตอบที่ถูก")
    if errors:
        raise ValidationError(errors)
    order = course.questions.count() + 1
    question = Question.objects.create(course=course, order=order, text=" ".join(text.split()))
    Choice.objects.bulk_create(
        Choice(question=question, order=i, text=t[:300], is_correct=i == correct)
        for i, t in enumerate(texts)
    )
    return question


def score_answers(*, course: Course, answers: dict) -> Decimal:
    """The share (0–100, one decimal) of the course's questions answered right.
    ``answers`` maps a question id to the chosen choice id; unanswered counts as wrong, and
    a choice of another question is wrong too. Two queries."""
    questions = list(course.questions.values_list("pk", flat=True))
    if not questions:
        raise ValidationError(_("หลักสูตรนี้ยังไม่มีแบบทดสอบ"))
    right = set(
        Choice.objects.filter(question__course=course, is_correct=True).values_list(
            "question_id", "pk"
        )
    )
    chosen = {(int(q), int(c)) for q, c in answers.items() if str(q).isdigit() and str(c).isdigit()}
    score = Decimal(100 * len(right & chosen)) / len(questions)
    return score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def answers_submit(*, participant, kind: str, answers: dict, by, key: str | None = None):
    """Answers to the pre- or post-test, by the participant on their phone (or entered by the
    host), scored and recorded exactly once per key: (assessment, created)."""
    allowed = access.can_take_test(by, participant) or access.can_manage_run(by, participant.run)
    _require(allowed)
    score = score_answers(course=participant.run.course, answers=answers)
    return record_score(participant=participant, kind=kind, score=score, by=by, key=key)
