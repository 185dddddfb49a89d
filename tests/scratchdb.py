"""Throwaway databases for tests that run the real commands (a worker, backup, restore) in
subprocesses: of the same engine as the tests, empty, outside pytest-django's test database.
A SQLite file in a temporary folder, or on PostgreSQL a database ``<prefix>_<random>`` created
and dropped here (never another database)."""

import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _server(url: str, database: str) -> dict:
    parts = urlsplit(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or "",
        "dbname": database,
    }


def _maintenance(statement: str) -> None:
    import psycopg2

    connection = psycopg2.connect(**_server(os.environ["DATABASE_URL"], "postgres"))
    connection.autocommit = True
    with closing(connection), connection.cursor() as cursor:
        cursor.execute(statement)


@contextmanager
def scratch_database(folder: Path, purpose: str):
    """Yield the DATABASE_URL of a new empty database; drop it afterwards. On PostgreSQL it is
    named after the tests' own database: ``<name>_<purpose>_<random>``."""
    if not on_postgresql():
        yield f"sqlite:///{folder / f'{purpose}-{secrets.token_hex(4)}.sqlite3'}"
        return
    base = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/") or "portal"
    name = f"{base}_{purpose}_{secrets.token_hex(4)}"
    _maintenance(f'CREATE DATABASE "{name}"')
    parts = urlsplit(os.environ["DATABASE_URL"])
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(url: str, sql: str) -> list[tuple]:
    """Rows of one SELECT on a scratch database, read without Django (whose connection
    belongs to the test database)."""
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"), timeout=20)) as db:
            return db.execute(sql).fetchall()
    import psycopg2

    connection = psycopg2.connect(**_server(url, urlsplit(url).path.lstrip("/")))
    connection.autocommit = True
    with closing(connection), connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def table_counts(url: str) -> dict[str, int]:
    """Rows per table of a scratch database (its portal schema only)."""
    if url.startswith("sqlite:///"):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    return {
        table: query(url, f'SELECT COUNT(*) FROM "{table}"')[0][0] for (table,) in query(url, sql)
    }


def manage_env(url: str, media: Path, **extra: str) -> dict:
    """The environment of a ``manage.py`` subprocess on the scratch database."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def manage(env: dict, *args: str, timeout: float = 180, check: bool = True):
    """Run ``manage.py`` with these arguments to the end; its output is in the result."""
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def start_manage(env: dict, *args: str, log: Path) -> subprocess.Popen:
    """Start ``manage.py`` in the background, its output going to ``log``."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
