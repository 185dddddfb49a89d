"""The completeness grid of the readers of every district is kept under the months' data
version: a reload reads nothing again, and a month sent, returned or approved, a new deadline
or another filter is on the next load; the office's page (with its waiting list) is never an
administrator's."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import CSRF

pytestmark = pytest.mark.django_db


def grid(client, **query):
    response = client.get(reverse("reporting:completeness"), query)
    assert response.status_code == 200
    return response.content.decode()


def cell(body, code, month):
    row = body.split(f'<tr data-district="{code}">')[1].split("</tr>")[0]
    return row.split(f"/{month}/")[1].split("</a>")[0]


def test_a_reload_reads_nothing_again_and_a_sent_month_shows_next(
    login, strategy, staff_mentee, phranakhon, frozen, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    from reporting import services

    frozen(dt.datetime(2026, 11, 20, 9, 0))
    client = login(strategy)
    first = grid(client)
    assert "ยังไม่ส่ง" in cell(first, "1001", "2026-10")
    with django_assert_max_num_queries(4):  # session, user, the version, the bell
        again = client.get(reverse("reporting:completeness"))
    assert CSRF.sub(b"", again.content) == CSRF.sub(b"", first.encode())
    with django_capture_on_commit_callbacks(execute=True):
        services.reporting_month_submit(
            district=phranakhon, month=dt.date(2026, 10, 1), by=staff_mentee
        )
    assert "ส่งแล้ว" in cell(grid(client), "1001", "2026-10")
    with django_capture_on_commit_callbacks(execute=True):
        services.reporting_month_return(
            district=phranakhon, month=dt.date(2026, 10, 1), by=strategy, comment="ขาดรูป"
        )
    assert "ส่งกลับให้แก้ไข" in cell(grid(client), "1001", "2026-10")


def test_a_filter_and_the_reader_are_part_of_the_key(login, strategy, portal_admin):
    office = grid(login(strategy))
    assert 'id="waiting"' in office and 'data-district="1025"' in office
    pilots = grid(login(strategy), pilot="non_pilot")
    assert 'data-district="1025"' not in pilots and 'data-district="1001"' in pilots
    assert 'id="waiting"' not in grid(login(portal_admin))


def test_a_new_deadline_shows_next(login, strategy, frozen, django_capture_on_commit_callbacks):
    from periods.services import deadline_set

    frozen(dt.datetime(2026, 11, 20, 9, 0))
    client = login(strategy)
    assert "ภายในวันที่ 5 ของเดือนถัดไป" in grid(client)
    with django_capture_on_commit_callbacks(execute=True):
        deadline_set(fiscal_year=2570, due_day=10, by=strategy)
    assert "ภายในวันที่ 10 ของเดือนถัดไป" in grid(client)
