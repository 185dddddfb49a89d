"""lessons/0011: consents given before the portal kept the record are dated by the lesson's
last save and attributed to its creator; the others stay without a record."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("lessons", "0010_search_text_folds_sara_e_twice")]
AFTER = [("lessons", "0011_interviewee_consent_record")]


@pytest.mark.django_db(transaction=True)
def test_existing_consents_get_a_date_and_who_recorded_them(
    bangphlat, staff_bangphlat, latest_migrations_after
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Lesson = old.get_model("lessons", "Lesson")
    Interviewee = old.get_model("lessons", "Interviewee")
    lesson = Lesson.objects.create(
        district_id=bangphlat.pk, title="บทเรียนเก่า", step="understand",
        created_by_id=staff_bangphlat.pk,
    )  # fmt: skip
    saved = dt.datetime(2025, 9, 1, 3, 0, tzinfo=dt.UTC)
    Lesson.objects.filter(pk=lesson.pk).update(updated_at=saved)
    Interviewee.objects.create(lesson=lesson, name="นายบุญมี รักถิ่น", role="อสส.", consent=True)
    Interviewee.objects.create(lesson=lesson, name="นางสมศรี ใจดี", role="ประธาน", consent=False)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from lessons.models import Interviewee as Current

    records = {
        p.name: (p.consent_recorded_by_id, p.consent_recorded_at) for p in Current.objects.all()
    }
    assert records == {
        "นายบุญมี รักถิ่น": (staff_bangphlat.pk, saved),
        "นางสมศรี ใจดี": (None, None),
    }
