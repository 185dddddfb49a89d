"""Database limits for web processes.

Web requests must fail fast: a statement that runs longer than ``DB_STATEMENT_TIMEOUT``
seconds is cancelled by PostgreSQL (long work belongs to the task worker, which does not load
this). Connected from ``bangphlat/wsgi.py``, so gunicorn workers get it and management
commands (migrate, db_worker, backup) do not.
"""

from django.conf import settings
from django.db.backends.signals import connection_created


def limit_statement_time(sender, connection, **kwargs):
    seconds = settings.DB_STATEMENT_TIMEOUT
    if connection.vendor != "postgresql" or not seconds:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{seconds}s"])


def limit_web_processes() -> None:
    connection_created.connect(limit_statement_time, dispatch_uid="bangphlat-statement-timeout")
