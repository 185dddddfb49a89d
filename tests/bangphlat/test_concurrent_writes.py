"""Several people writing at once through the real views: nobody gets a 500.

On SQLite these run on a database file (the in-memory test database cannot show SQLite's
file locking), with the settings' transaction mode, busy timeout and WAL; under DATABASE_URL
they run on PostgreSQL. Each thread is its own browser with its own database connection.
"""

import datetime as dt
import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from communities.models import Community
from mentoring import services as mentoring_services
from mentoring.models import FollowUp, Pairing, PairingStatus
from tests.communities.factories import CommunityFactory
from tests.conftest import PASSWORD, make_user
from tests.lessons.factories import TEXT, make_lesson

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8


@pytest.fixture
def database_file(tmp_path):
    """On SQLite, move this test onto a copy of the test database in a file, with the
    settings' OPTIONS (IMMEDIATE transactions, busy timeout, WAL); restore afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    path = tmp_path / "concurrent.sqlite3"
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)  # schema and reference data
    copy.close()
    in_memory = connections["default"]  # keeps the shared in-memory database alive
    settings_dict = in_memory.settings_dict  # shared by every thread's new connection
    original_name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    assert connections["default"].cursor().execute("PRAGMA journal_mode").fetchone() == ("wal",)
    yield
    connections["default"].close()
    settings_dict["NAME"] = original_name
    connections["default"] = in_memory


def logged_in_clients(user, count):
    clients = []
    for _ in range(count):
        client = Client(raise_request_exception=False)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)
    return clients


def at_once(requests):
    """Run each ``request()`` in its own thread, released together; return the responses
    (an exception that escaped the view is returned in place of its response)."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait()
            results[index] = request()
        except Exception as error:  # reported by the assertions on the results
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def statuses(results):
    return [getattr(r, "status_code", repr(r)) for r in results]


def test_eight_mentors_adding_follow_ups_at_once_all_get_them_saved(
    database_file, bangphlat, phranakhon, strategy, staff_bangphlat
):
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    session = mentoring_services.session_create(
        by=strategy, mentor=bangphlat, mentees=[phranakhon], trainers=[],
        date=dt.date(2025, 6, 1), kind="site_visit", topics="การสำรวจข้อมูลครัวเรือน", attendee_count=20,
    )  # fmt: skip
    url = reverse("mentoring:follow_up_add", args=[session.pk])
    clients = logged_in_clients(staff_bangphlat, WRITERS)
    results = at_once(
        [
            lambda c=c, i=i: c.post(
                url, {"who": f"ทีมที่ {i}", "what": "ส่งแผนชุมชน", "due_date": "2568-07-01"}
            )
            for i, c in enumerate(clients)
        ]
    )
    assert statuses(results) == [302] * WRITERS
    assert FollowUp.objects.filter(session=session).count() == WRITERS


def test_eight_saves_of_one_lesson_at_once_keep_one_and_refuse_the_rest_politely(
    database_file, staff_bangphlat
):
    lesson = make_lesson(staff_bangphlat)
    url = reverse("lessons:edit", args=[lesson.pk])
    form = {"title": lesson.title, "step": "understand", "version": lesson.version, **TEXT}
    clients = logged_in_clients(staff_bangphlat, WRITERS)
    results = at_once(
        [
            lambda c=c, i=i: c.post(url, form | {"results": f"ผลของคนที่ {i}"})
            for i, c in enumerate(clients)
        ]
    )
    codes = statuses(results)
    assert sorted(codes) == [200] * (WRITERS - 1) + [302], codes
    refused = [r for r in results if r.status_code == 200]
    assert all("มีผู้อื่นบันทึกบทเรียนนี้ไปก่อนแล้ว" in r.content.decode() for r in refused)
    lesson.refresh_from_db()
    assert lesson.version == form["version"] + 1
    assert lesson.results.startswith("ผลของคนที่ ")


def test_eight_saves_of_one_community_at_once_keep_one_and_refuse_the_rest_politely(
    database_file, bangphlat, staff_bangphlat
):
    community = CommunityFactory(district=bangphlat, households=100)
    url = reverse("communities:edit", args=[community.pk])
    form = {
        "name": community.name, "number": community.number, "community_type": "urban",
        "households": 100, "population": 350, "status": community.status,
        "model_step": community.model_step, "version": community.version,
    }  # fmt: skip
    clients = logged_in_clients(staff_bangphlat, WRITERS)
    results = at_once(
        [
            lambda c=c, i=i: c.post(url, form | {"households": 101 + i})
            for i, c in enumerate(clients)
        ]
    )
    codes = statuses(results)
    assert sorted(codes) == [200] * (WRITERS - 1) + [302], codes
    community = Community.objects.get(pk=community.pk)
    assert community.version == form["version"] + 1
    assert 101 <= community.households <= 100 + WRITERS


def test_sixteen_failed_logins_at_once_are_refused_without_an_error_page(database_file, bangphlat):
    make_user("staff1025_busy", Role.DISTRICT_STAFF, bangphlat)
    url = reverse("accounts:login")
    clients = [Client(raise_request_exception=False) for _ in range(16)]
    results = at_once(
        [
            lambda c=c, i=i: c.post(url, {"username": "staff1025_busy", "password": f"wrong-{i}"})
            for i, c in enumerate(clients)
        ]
    )
    codes = statuses(results)
    assert all(isinstance(code, int) and code < 500 for code in codes), codes
    # the right password is still refused once the lock-out has been reached
    locked = Client().post(url, {"username": "staff1025_busy", "password": PASSWORD})
    assert locked.status_code in (403, 429)
