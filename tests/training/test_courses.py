"""Courses and their test: versions, modules in order, questions with one right answer,
answers scored on the phone and recorded once."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from training import services
from training.models import Assessment, TrainingModule

pytestmark = pytest.mark.django_db


def test_a_pilot_writes_a_course_and_a_second_one_of_the_same_title_is_version_2(
    staff_bangphlat, course
):
    modules = list(TrainingModule.objects.order_by("-order"))
    again = services.course_create(by=staff_bangphlat, title=f"  {course.title} ", modules=modules)
    assert (again.version, again.district, again.pass_mark) == (2, staff_bangphlat.district, 60)
    assert [cm.module for cm in again.course_modules.all()] == modules


def test_non_pilots_write_no_course_and_pilots_not_for_another(
    staff_mentee, staff_other_pilot, bangphlat, strategy
):
    with pytest.raises(PermissionDenied):
        services.course_create(by=staff_mentee, title="ก")
    with pytest.raises(PermissionDenied):
        services.course_create(by=staff_other_pilot, title="ก", district=bangphlat)
    assert services.course_create(by=strategy, title="ของสำนัก").district is None


def test_a_pass_mark_outside_0_to_100_is_refused(strategy):
    with pytest.raises(ValidationError) as error:
        services.course_create(by=strategy, title="ก", pass_mark=101)
    assert "pass_mark" in error.value.message_dict


def test_a_module_twice_is_refused(course, staff_bangphlat):
    module = TrainingModule.objects.first()
    with pytest.raises(ValidationError):
        services.course_modules_set(course=course, modules=[module, module], by=staff_bangphlat)


def test_questions_need_text_two_to_six_choices_and_a_right_one(
    course, staff_bangphlat, staff_mentee
):
    for text, choices, correct in [
        ("", ["ก", "ข"], 0),
        ("ถาม", ["ก", " "], 0),
        ("ถาม", ["ก", "ข"], 2),
    ]:
        with pytest.raises(ValidationError):
            services.question_add(
                course=course, by=staff_bangphlat, text=text, choices=choices, correct=correct
            )
    with pytest.raises(PermissionDenied):
        services.question_add(
            course=course, by=staff_mentee, text="ถาม", choices=["ก", "ข"], correct=0
        )
    question = services.question_add(
        course=course, by=staff_bangphlat, text="ถาม", choices=["ก", "ข", "ค"], correct=1
    )
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("ก", False),
        ("ข", True),
        ("ค", False),
    ]


def _test(course, by):
    return [
        services.question_add(course=course, by=by, text=f"ข้อ {n}", choices=["ถูก", "ผิด"], correct=0)
        for n in range(3)
    ]


def right(question):
    return question.choices.get(is_correct=True).pk


def wrong(question):
    return question.choices.get(is_correct=False).pk


def test_answers_are_scored_as_the_share_right(course, staff_bangphlat, django_assert_num_queries):
    q = _test(course, staff_bangphlat)
    answers = {str(q[0].pk): str(right(q[0])), q[1].pk: wrong(q[1]), "x": "y", q[2].pk: right(q[0])}
    with django_assert_num_queries(2):
        assert services.score_answers(course=course, answers=answers) == Decimal("33.3")
    every = {x.pk: right(x) for x in q}
    assert services.score_answers(course=course, answers=every) == Decimal("100.0")
    assert services.score_answers(course=course, answers={}) == Decimal("0.0")


def test_a_course_without_questions_cannot_be_scored(course):
    with pytest.raises(ValidationError):
        services.score_answers(course=course, answers={})


def test_a_participant_submits_their_own_test_once(
    course, run, staff_bangphlat, staff_mentee, staff_outsider
):
    q = _test(course, staff_bangphlat)
    person = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    key = str(uuid.uuid4())
    answers = {x.pk: right(x) for x in q[:2]}
    row, created = services.answers_submit(
        participant=person, kind="pre", answers=answers, by=staff_mentee, key=key
    )
    _, again = services.answers_submit(
        participant=person, kind="pre", answers={}, by=staff_mentee, key=key
    )
    assert (created, again, row.score) == (True, False, Decimal("66.7"))
    assert Assessment.objects.get().score == Decimal("66.7")
    with pytest.raises(PermissionDenied):
        services.answers_submit(participant=person, kind="post", answers=answers, by=staff_outsider)
    # The host may enter a paper test for them.
    assert services.answers_submit(
        participant=person, kind="post", answers=answers, by=staff_bangphlat
    )[1]


def test_a_withdrawn_participant_takes_no_test(course, run, staff_bangphlat, staff_mentee):
    _test(course, staff_bangphlat)
    person = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    services.participant_withdraw(participant=person, by=staff_bangphlat)
    person.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.answers_submit(participant=person, kind="pre", answers={}, by=staff_mentee)
