"""Database limits for web processes, and a batched UPDATE for imports.

Web requests must fail fast: a statement that runs longer than ``DB_STATEMENT_TIMEOUT``
seconds is cancelled by PostgreSQL (long work belongs to the task worker, which does not load
this). Connected from ``bangphlat/wsgi.py``, so gunicorn workers get it and management
commands (migrate, db_worker, backup) do not.
"""

from django.conf import settings
from django.db import connections, router
from django.db.backends.signals import connection_created
from django.utils import timezone


def limit_statement_time(sender, connection, **kwargs):
    seconds = settings.DB_STATEMENT_TIMEOUT
    if connection.vendor != "postgresql" or not seconds:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{seconds}s"])


def limit_web_processes() -> None:
    connection_created.connect(limit_statement_time, dispatch_uid="bangphlat-statement-timeout")


def update_rows(objs, fields: list[str]) -> None:
    """Save ``fields`` of many model instances, each with its own values: one
    ``UPDATE … FROM (VALUES …)`` per batch, on PostgreSQL and SQLite (3.33+) alike.

    Django's ``bulk_update`` builds a ``CASE WHEN pk = … THEN …`` expression per row and
    field, about 1 ms of CPU per row: 20 s for a 20,000-row import. Like it, this sends no
    signals (the caller writes the history); database triggers fire for each row."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.pk, *(model._meta.get_field(name) for name in fields)]
    postgresql = connection.vendor == "postgresql"
    # PostgreSQL types a VALUES list from its literals: cast each to its column's type.
    row = ", ".join(f"%s::{f.db_type(connection)}" if postgresql else "%s" for f in columns)
    aliases = [f"column{index}" for index in range(1, len(columns) + 1)]  # SQLite's own names
    alias = f"v({', '.join(aliases)})" if postgresql else "v"
    sets = ", ".join(
        f"{quote(f.column)} = v.{name}" for f, name in zip(columns[1:], aliases[1:], strict=True)
    )
    batch_size = max(1, min(1000, 30_000 // len(columns)))  # SQLite allows 32,766 parameters
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params = [
                f.get_db_prep_save(getattr(obj, f.attname), connection)
                for obj in batch
                for f in columns
            ]
            values = ", ".join([f"({row})"] * len(batch))
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM (VALUES {values}) AS {alias} "
                f"WHERE {table}.{quote(columns[0].column)} = v.column1",
                params,
            )


def copy_history_rows(model, pks, *, user, history_type: str, batch_size: int = 1000) -> None:
    """simple-history's rows for the saved rows ``pks``, copied by the database (``INSERT …
    SELECT``): what ``bulk_history_create`` writes, without one Python object per row (2.7 s
    of a 20,000-row import). Like it, sends no signals."""
    history = model.history.model
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    tracked = [
        quote(field.column)
        for field in history._meta.concrete_fields
        if not field.name.startswith("history_")
    ]
    columns = ", ".join(tracked)
    pk = quote(model._meta.pk.column)
    pks = list(pks)
    when = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, history_date, "
                f"history_change_reason, history_type, history_user_id) "
                f"SELECT {columns}, %s, '', %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {pk} IN ({', '.join(['%s'] * len(batch))})",
                [when, history_type, user.pk if user else None, *batch],
            )
