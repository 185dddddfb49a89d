"""The kept connection's check at the start of a request (bangphlat/postgresql/base.py): no
round trip while the connection is fine, a new connection when the server ended the old one."""

import select
import time

import pytest
from django.db import connection


@pytest.fixture
def kept_connection():
    if connection.vendor != "postgresql":
        pytest.skip("the backend is PostgreSQL's")
    connection.ensure_connection()
    assert connection.health_check_enabled  # CONN_HEALTH_CHECKS in settings
    yield connection
    connection.close()


def new_request(conn):
    conn.health_check_done = False  # what close_if_unusable_or_obsolete does at request start


@pytest.mark.django_db(transaction=True)
def test_a_working_kept_connection_is_used_without_a_round_trip(kept_connection, monkeypatch):
    checks = []
    monkeypatch.setattr(kept_connection, "is_usable", lambda: checks.append(1) or True)
    before = kept_connection.connection
    for _ in range(3):
        new_request(kept_connection)
        with kept_connection.cursor() as cursor:
            cursor.execute("SELECT 2")
            assert cursor.fetchone() == (2,)
    assert checks == []
    assert kept_connection.connection is before


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(kept_connection):
    from django.db.backends.postgresql.base import Database

    before = kept_connection.connection
    other = Database.connect(**kept_connection.get_connection_params())
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [before.info.backend_pid])
    other.close()
    for _ in range(50):  # the server's last message reaches the socket
        if select.select([before.fileno()], [], [], 0)[0]:
            break
        time.sleep(0.05)

    new_request(kept_connection)
    with kept_connection.cursor() as cursor:  # no error: a new connection
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert kept_connection.connection is not before
