"""The database half of backup and restore, one class per engine the portal runs on.

Each one dumps a consistent copy and counts the rows of every table *in that same copy*, so
the manifest's counts are exactly what a restore must find:
- PostgreSQL: a REPEATABLE READ transaction exports its snapshot; the counts are read in it
  and ``pg_dump --snapshot`` dumps it (custom format, for ``pg_restore``).
- SQLite: the online backup API copies the live file page by page; the counts are read from
  the copy.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection as default_connection
from django.utils.translation import gettext as _


class OpsError(Exception):
    """A refusal or failure the person running the command must read (in Thai)."""


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - quoted names
        counts[table] = cursor.fetchone()[0]
    return counts


class SQLiteDatabase:
    vendor = "sqlite"
    dump_name = "database.sqlite3"

    def __init__(self, connection):
        self.connection = connection

    @staticmethod
    def _tables(cursor) -> list[str]:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return [row[0] for row in cursor.fetchall()]

    def dump(self, target: Path) -> dict[str, int]:
        self.connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            self.connection.connection.backup(copy)
            return count_rows(copy.cursor(), self._tables(copy.cursor()))

    def counts(self) -> dict[str, int]:
        with self.connection.cursor() as cursor:
            return count_rows(cursor, self._tables(cursor))

    def is_empty(self) -> bool:
        with self.connection.cursor() as cursor:
            return not self._tables(cursor)

    def load(self, source: Path, *, replace: bool) -> None:
        # The backup API writes every page of the target: it replaces whatever was there.
        self.connection.ensure_connection()
        with closing(sqlite3.connect(source)) as backup:
            backup.backup(self.connection.connection)

    def server_version(self) -> str:
        return sqlite3.sqlite_version


class PostgreSQLDatabase:
    vendor = "postgresql"
    dump_name = "database.dump"

    def __init__(self, connection):
        self.connection = connection

    def _raw(self):
        """A connection of our own, outside Django's (and outside any transaction of its)."""
        raw = self.connection.get_new_connection(self.connection.get_connection_params())
        raw.autocommit = True
        return raw

    @staticmethod
    def _tables(cursor) -> list[str]:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        return [row[0] for row in cursor.fetchall()]

    def _environment(self) -> dict:
        """libpq's variables: the password never appears on a command line."""
        settings = self.connection.settings_dict
        variables = {
            "PGDATABASE": settings["NAME"],
            "PGHOST": settings.get("HOST") or "",
            "PGPORT": str(settings.get("PORT") or ""),
            "PGUSER": settings.get("USER") or "",
            "PGPASSWORD": settings.get("PASSWORD") or "",
            "PGSSLMODE": (settings.get("OPTIONS") or {}).get("sslmode", ""),
        }
        return {**os.environ, **{key: value for key, value in variables.items() if value}}

    def _run(self, program: str, *args: str) -> None:
        if shutil.which(program) is None:
            raise OpsError(
                _("ไม่พบโปรแกรม %(program)s บนเครื่องนี้ (ติดตั้ง postgresql-client)")
                % {"program": program}
            )
        result = subprocess.run(
            [program, *args], env=self._environment(), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise OpsError(
                _("%(program)s ทำงานไม่สำเร็จ: %(error)s")
                % {"program": program, "error": result.stderr.strip()[-1500:]}
            )

    def dump(self, target: Path) -> dict[str, int]:
        with closing(self._raw()) as raw, raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_rows(cursor, self._tables(cursor))
            # The transaction stays open while pg_dump reads the same snapshot.
            self._run("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}")
            cursor.execute("COMMIT")
        return counts

    def counts(self) -> dict[str, int]:
        with closing(self._raw()) as raw, raw.cursor() as cursor:
            return count_rows(cursor, self._tables(cursor))

    def is_empty(self) -> bool:
        with closing(self._raw()) as raw, raw.cursor() as cursor:
            return not self._tables(cursor)

    def load(self, source: Path, *, replace: bool) -> None:
        self.connection.close()
        if replace:
            self._drop_everything()
        self._run(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={self.connection.settings_dict['NAME']}",
            str(source),
        )

    def _drop_everything(self) -> None:
        """Empty the portal's schema (tables, triggers, functions, the trigram extension)."""
        with closing(self._raw()) as raw, raw.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = quote(cursor.fetchone()[0])
            try:
                cursor.execute(f"DROP SCHEMA {schema} CASCADE")
                cursor.execute(f"CREATE SCHEMA {schema}")
            except Exception as error:  # noqa: BLE001 - shown to the operator
                raise OpsError(
                    _("ล้างฐานข้อมูลเดิมไม่ได้ (ผู้ใช้ฐานข้อมูลต้องเป็นเจ้าของ schema): %(error)s")
                    % {"error": error}
                ) from error

    def server_version(self) -> str:
        with closing(self._raw()) as raw, raw.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]


def current_database(connection=default_connection):
    engines = {"sqlite": SQLiteDatabase, "postgresql": PostgreSQLDatabase}
    if connection.vendor not in engines:
        raise OpsError(
            _("สำรองข้อมูลได้เฉพาะ PostgreSQL และ SQLite (ฐานข้อมูลนี้คือ %(vendor)s)")
            % {"vendor": connection.vendor}
        )
    return engines[connection.vendor](connection)
