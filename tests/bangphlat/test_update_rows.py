"""bangphlat.db.update_rows: each row gets its own values, of every column type an import
writes, and the rows it is not given are left alone (on SQLite and PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import pytest

from bangphlat.db import update_rows
from communities.models import Activity
from tests.communities.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_each_row_gets_its_own_values_of_every_type(staff_bangphlat):
    first, second, untouched = ActivityFactory.create_batch(3)
    first.principles, second.principles = ["moderation"], ["virtue", "knowledge"]
    first.budget, second.budget = Decimal("1500.50"), Decimal("0")
    first.funding_source, second.funding_source = "district", "none"
    first.date, second.date = dt.date(2024, 2, 29), dt.date(2025, 1, 1)
    first.outcome, second.outcome = "ผลลัพธ์ 'หนึ่ง' \"สอง\"", ""
    first.updated_by, second.updated_by = staff_bangphlat, None
    fields = ["principles", "budget", "funding_source", "date", "outcome", "updated_by"]
    update_rows([first, second], fields)
    saved = Activity.objects.in_bulk([first.pk, second.pk, untouched.pk])
    for expected in (first, second):
        row = saved[expected.pk]
        assert [getattr(row, name) for name in fields] == [getattr(expected, n) for n in fields]
    assert saved[untouched.pk].title == untouched.title and saved[untouched.pk].version == 1


def test_nothing_to_update_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        update_rows([], ["outcome"])


def test_history_copied_by_the_database_matches_what_simple_history_writes(staff_bangphlat):
    from bangphlat.db import copy_history_rows

    activities = ActivityFactory.create_batch(3, principles=["moderation"], outcome="ผล 'ดี'")
    Activity.history.all().delete()
    Activity.history.bulk_history_create(activities[:1], default_user=staff_bangphlat)
    copy_history_rows(Activity, [a.pk for a in activities], user=staff_bangphlat, history_type="+")

    ours = list(Activity.history.filter(id=activities[0].pk).order_by("history_id"))
    assert len(ours) == 2
    tracked = [f.name for f in Activity.history.model._meta.concrete_fields]
    skip = {"history_id", "history_date"}
    expected, copied = ours
    assert {n: getattr(copied, n) for n in tracked if n not in skip} == {
        n: getattr(expected, n) for n in tracked if n not in skip
    }
    assert Activity.history.filter(history_type="+", history_user=staff_bangphlat).count() == 4
