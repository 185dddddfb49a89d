"""The data migration: free-text interviewees become one row per person with no consent
recorded, and existing revisions get their snapshot of what others see."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

migration = importlib.import_module("lessons.migrations.0006_interviewees_and_revision_snapshots")

BEFORE = [("lessons", "0004_revision_search_index")]
AFTER = [("lessons", "0007_remove_lesson_interviewees_text")]


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("นางสมศรี ใจดี ประธานชุมชน", ("นางสมศรี ใจดี", "ประธานชุมชน")),
        ("นาง สมศรี ใจดี ประธานชุมชน", ("นาง สมศรี ใจดี", "ประธานชุมชน")),
        ("นางสมศรี ใจดี - ประธานชุมชน", ("นางสมศรี ใจดี", "ประธานชุมชน")),
        ("นางสมศรี ใจดี (ประธานชุมชน)", ("นางสมศรี ใจดี", "ประธานชุมชน")),
        ("นางสมศรี ใจดี", ("นางสมศรี ใจดี", "")),
    ],
)
def test_a_line_of_free_text_is_split_into_name_and_role(line, person):
    assert migration.split_person(line) == person


@pytest.mark.django_db(transaction=True)
def test_existing_interviewees_are_kept_with_no_consent_and_shown_by_role(
    bangphlat, latest_migrations_after
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Lesson = old.get_model("lessons", "Lesson")
    Revision = old.get_model("lessons", "LessonRevision")
    lesson = Lesson.objects.create(
        district_id=bangphlat.pk,
        title="บทเรียนเก่า",
        step="understand",
        dimensions=["income"],
        interviewees="นางสมศรี ใจดี ประธานชุมชน\nนายบุญมี รักถิ่น อาสาสมัครสาธารณสุข",
    )
    revision = Revision.objects.create(
        lesson=lesson, number=1, title="บทเรียนเก่า", step="understand"
    )
    Lesson.objects.filter(pk=lesson.pk).update(status="approved", approved_revision=revision)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from lessons.models import Interviewee, LessonRevision

    people = list(Interviewee.objects.values_list("name", "role", "consent"))
    assert people == [
        ("นางสมศรี ใจดี", "ประธานชุมชน", False),
        ("นายบุญมี รักถิ่น", "อาสาสมัครสาธารณสุข", False),
    ]
    revision = LessonRevision.objects.get()
    assert revision.public_interviewees() == ["ประธานชุมชน", "อาสาสมัครสาธารณสุข"]
    assert revision.dimensions == ["income"]
