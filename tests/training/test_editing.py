"""The writes behind the pages: editing a run, writing the test, taking it on a phone."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from training import editing, services
from training.models import Assessment, ParticipantStatus, RunStatus


@pytest.fixture
def questions(course, staff_bangphlat):
    return [
        editing.question_save(
            course=course,
            by=staff_bangphlat,
            text=f"คำถามที่ {i}",
            choices=["ถูก", "ผิด", "ไม่แน่ใจ"],
            correct=0,
        )
        for i in range(1, 5)
    ]


@pytest.fixture
def staff_participant(run, staff_bangphlat, staff_mentee):
    return services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)


def _answers(questions, right: int) -> dict[int, int]:
    """The first ``right`` questions answered right, the rest wrong."""
    answers = {}
    for i, question in enumerate(questions):
        choices = list(question.choices.order_by("order"))
        answers[question.pk] = choices[0 if i < right else 1].pk
    return answers


def test_a_question_keeps_its_choices_in_order_with_one_right_answer(questions):
    question = questions[0]
    assert [c.text for c in question.choices.order_by("order")] == ["ถูก", "ผิด", "ไม่แน่ใจ"]
    assert [c.is_correct for c in question.choices.order_by("order")] == [True, False, False]
    assert [q.order for q in questions] == [1, 2, 3, 4]


def test_rewriting_a_question_replaces_its_choices(course, staff_bangphlat, questions):
    editing.question_save(
        course=course,
        by=staff_bangphlat,
        text="คำถามใหม่",
        choices=["ก", "ข"],
        correct=1,
        question=questions[0],
    )
    questions[0].refresh_from_db()
    assert questions[0].text == "คำถามใหม่"
    assert [c.is_correct for c in questions[0].choices.order_by("order")] == [False, True]


@pytest.mark.parametrize(
    ("text", "choices", "correct", "field"),
    [
        ("  ", ["ก", "ข"], 0, "text"),
        ("คำถาม", ["ก", " "], 0, "choices"),
        ("คำถาม", ["ก", "ข"], 2, "correct"),
    ],
)
def test_a_question_needs_text_two_choices_and_a_right_answer(
    course, staff_bangphlat, text, choices, correct, field
):
    with pytest.raises(ValidationError) as error:
        editing.question_save(
            course=course, by=staff_bangphlat, text=text, choices=choices, correct=correct
        )
    assert field in error.value.message_dict


def test_only_the_course_author_or_the_strategy_office_writes_questions(
    course, staff_mentee, strategy
):
    with pytest.raises(PermissionDenied):
        editing.question_save(
            course=course, by=staff_mentee, text="x", choices=["a", "b"], correct=0
        )
    editing.question_save(course=course, by=strategy, text="x", choices=["a", "b"], correct=0)


def test_a_participant_scores_the_share_of_right_answers_once(
    questions, staff_participant, staff_mentee
):
    assessment, created = editing.test_submit(
        participant=staff_participant,
        kind="post",
        answers=_answers(questions, 3),
        user=staff_mentee,
    )
    assert created and assessment.score == 75
    again, created = editing.test_submit(
        participant=staff_participant,
        kind="post",
        answers=_answers(questions, 4),
        user=staff_mentee,
    )
    assert not created and again.pk == assessment.pk and again.score == 75
    assert Assessment.objects.filter(participant=staff_participant).count() == 1


def test_a_person_without_an_account_takes_the_test_with_their_own_code(questions, leader):
    assessment, _ = editing.test_submit(
        participant=leader,
        kind="pre",
        answers=_answers(questions, 1),
        personal_code=leader.personal_code.lower(),
    )
    assert assessment.score == 25
    with pytest.raises(PermissionDenied):
        editing.test_submit(
            participant=leader,
            kind="post",
            answers=_answers(questions, 1),
            personal_code="WRONG123",
        )


def test_someone_else_cannot_take_a_participants_test(
    questions, staff_participant, staff_bangphlat
):
    with pytest.raises(PermissionDenied):
        editing.test_submit(
            participant=staff_participant, kind="pre", answers={}, user=staff_bangphlat
        )


def test_every_question_must_be_answered_with_one_of_its_own_choices(
    questions, staff_participant, staff_mentee
):
    partial = dict(list(_answers(questions, 4).items())[:3])
    with pytest.raises(ValidationError, match="1"):
        editing.test_submit(
            participant=staff_participant, kind="pre", answers=partial, user=staff_mentee
        )
    foreign = _answers(questions, 4)
    foreign[questions[0].pk] = questions[1].choices.first().pk
    with pytest.raises(ValidationError):
        editing.test_submit(
            participant=staff_participant, kind="pre", answers=foreign, user=staff_mentee
        )
    assert not Assessment.objects.exists()


def test_a_waitlisted_person_takes_no_test(run, questions, staff_bangphlat, staff_mentee):
    run.capacity = 1
    run.save()
    services.participant_enroll(
        run=run, by=staff_bangphlat, name="ก", district=run.host, consent=True
    )
    waiting = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    assert waiting.status == ParticipantStatus.WAITLISTED
    with pytest.raises(PermissionDenied):
        editing.test_submit(
            participant=waiting, kind="pre", answers=_answers(questions, 4), user=staff_mentee
        )


def test_a_larger_capacity_moves_the_waitlist_up(run, staff_bangphlat, phranakhon):
    people = [
        services.participant_enroll(
            run=run, by=staff_bangphlat, name=f"คนที่ {i}", district=phranakhon, consent=True
        )
        for i in range(5)
    ]
    assert [p.status for p in people].count(ParticipantStatus.WAITLISTED) == 2
    editing.course_run_update(run=run, by=staff_bangphlat, capacity=4, venue="ห้องประชุมใหญ่")
    run.refresh_from_db()
    assert run.venue == "ห้องประชุมใหญ่"
    statuses = [p.status for p in run.participants.order_by("pk")]
    assert statuses == ["enrolled"] * 4 + ["waitlisted"]


def test_a_run_cannot_end_before_it_starts_or_be_edited_by_an_invited_district(
    run, staff_bangphlat, staff_mentee
):
    with pytest.raises(ValidationError):
        editing.course_run_update(run=run, by=staff_bangphlat, ends_on=dt.date(2025, 8, 1))
    with pytest.raises(PermissionDenied):
        editing.course_run_update(run=run, by=staff_mentee, capacity=10)


def test_a_completed_run_is_not_edited(run, sessions, staff_bangphlat):
    services.course_run_transition(run=run, to=RunStatus.OPEN, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.RUNNING, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.COMPLETED, by=staff_bangphlat)
    with pytest.raises(ValidationError):
        editing.course_run_update(run=run, by=staff_bangphlat, capacity=10)
