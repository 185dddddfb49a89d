"""Courses: versions, modules in order, pass marks; a withdrawn participant takes no test
(questions and answers themselves: tests/training/test_editing.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from training import editing, services
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


def test_a_withdrawn_participant_takes_no_test(course, run, staff_bangphlat, staff_mentee):
    # Questions are written and answered through training.editing (the pages' one write path).
    question = editing.question_save(
        course=course, by=staff_bangphlat, text="ถาม", choices=["ถูก", "ผิด"], correct=0
    )
    person = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    services.participant_withdraw(participant=person, by=staff_bangphlat)
    person.refresh_from_db()
    right = question.choices.get(is_correct=True).pk
    with pytest.raises((PermissionDenied, ValidationError)):
        editing.test_submit(
            participant=person, kind="pre", answers={question.pk: right}, user=staff_mentee
        )
    assert not Assessment.objects.exists()
