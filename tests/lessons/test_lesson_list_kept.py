"""The lesson list is kept per reader and query (mentoring/kept_lists.py) under every
district's data: each reader also sees the approved lessons of all districts."""

import pytest
from django.urls import reverse

from accounts.models import Role
from districts.models import District
from tests.conftest import CSRF, make_user
from tests.lessons.factories import approved_lesson, make_lesson

pytestmark = pytest.mark.django_db


def test_another_districts_approval_and_an_own_draft_are_on_the_next_load(
    login, staff_bangphlat, strategy, django_capture_on_commit_callbacks
):
    other = make_user("staff1001_l", Role.DISTRICT_STAFF, District.objects.get(code="1001"))
    client = login(staff_bangphlat)
    url = reverse("lessons:list")
    assert "ธนาคารขยะพระนคร" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        approved_lesson(other, strategy, title="ธนาคารขยะพระนคร")
    assert "ธนาคารขยะพระนคร" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_lesson(staff_bangphlat, title="ร่างบทเรียนบางพลัด")
    assert "ร่างบทเรียนบางพลัด" in client.get(url).content.decode()
    # The draft is the writer's district's: another district's staff never get that list.
    assert "ร่างบทเรียนบางพลัด" not in login(other).get(url).content.decode()


def test_a_reload_with_nothing_changed_runs_no_list_query(
    login, staff_bangphlat, strategy, django_assert_max_num_queries
):
    approved_lesson(staff_bangphlat, strategy, title="บัญชีครัวเรือน")
    client = login(staff_bangphlat)
    first = client.get(reverse("lessons:list")).content
    # session, user, the mentees (the readable districts), the list's version, the bell
    with django_assert_max_num_queries(5):
        again = client.get(reverse("lessons:list")).content
    assert CSRF.sub(b"", again) == CSRF.sub(b"", first)
    assert "บัญชีครัวเรือน" in again.decode()
