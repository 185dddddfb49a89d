"""The per-district, per-month activity summary (``ActivityMonth``) and the triggers that keep it.

Triggers rather than signals or ``on_commit``: they see every write to activities (forms,
imports, bulk seeds with ``bulk_create``, queryset ``update()``, the shell), and they change
the summary in the writer's own transaction, so the summary never disagrees with the
activities a reader can see. Each trigger adds or subtracts one row's values on the summary
row of that row's district and month (an ``UPDATE … SET n = n + 1``, never a read-then-write),
so concurrent writers lose nothing and writers of different districts never share a row.
An UPDATE that changes none of the counted columns (a title, an outcome) fires nothing.
"""

from django.db import connection, transaction

TABLE = "dashboard_activitymonth"
SUMS = [  # summary column, activity column
    ("total", "participants_total"),
    ("women", "participants_women"),
    ("elderly", "participants_elderly"),
    ("disabled", "participants_disabled"),
    ("youth", "participants_youth"),
    ("welfare_card", "participants_welfare_card"),
]
COUNTED = ["district_id", "date", "is_deleted", *(column for _name, column in SUMS)]
NAMES = ", ".join(name for name, _column in SUMS)


def _add(row: str, month: str, *, table_alias: str) -> tuple[str, str]:
    """(INSERT values, ON CONFLICT SET list) adding ``row``'s values to its month."""
    values = ", ".join(f"{row}.{column}" for _name, column in SUMS)
    sets = ", ".join(
        f"{name} = {table_alias}.{name} + excluded.{name}" for name in ["n", *dict(SUMS)]
    )
    return f"{row}.district_id, {month}, 1, {values}", sets


def _subtract(row: str) -> str:
    return ", ".join(["n = n - 1", *(f"{name} = {name} - {row}.{col}" for name, col in SUMS)])


def _sqlite_sql() -> list[str]:
    def month(row):
        return f"date({row}.date, 'start of month')"

    def add(row):
        values, sets = _add(row, month(row), table_alias=TABLE)
        return (
            f"INSERT INTO {TABLE} (district_id, month, n, {NAMES}) SELECT {values} "
            f"WHERE {row}.is_deleted = 0 "
            f"ON CONFLICT (district_id, month) DO UPDATE SET {sets};"
        )

    def subtract(row):
        return (
            f"UPDATE {TABLE} SET {_subtract(row)} WHERE {row}.is_deleted = 0 "
            f"AND district_id = {row}.district_id AND month = {month(row)};"
        )

    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COUNTED)
    return [
        "DROP TRIGGER IF EXISTS dashboard_activity_insert;",
        "DROP TRIGGER IF EXISTS dashboard_activity_update;",
        "DROP TRIGGER IF EXISTS dashboard_activity_delete;",
        f"CREATE TRIGGER dashboard_activity_insert AFTER INSERT ON communities_activity "
        f"BEGIN {add('NEW')} END;",
        f"CREATE TRIGGER dashboard_activity_update AFTER UPDATE ON communities_activity "
        f"WHEN {changed} BEGIN {subtract('OLD')} {add('NEW')} END;",
        f"CREATE TRIGGER dashboard_activity_delete AFTER DELETE ON communities_activity "
        f"BEGIN {subtract('OLD')} END;",
    ]


def _postgresql_sql() -> list[str]:
    def month(row):
        return f"date_trunc('month', {row}.date)::date"

    values, sets = _add("NEW", month("NEW"), table_alias="m")
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COUNTED)
    function = f"""
CREATE OR REPLACE FUNCTION dashboard_activity_month() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF NOT OLD.is_deleted THEN
      UPDATE {TABLE} SET {_subtract("OLD")}
      WHERE district_id = OLD.district_id AND month = {month("OLD")};
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NOT NEW.is_deleted THEN
      INSERT INTO {TABLE} AS m (district_id, month, n, {NAMES}) VALUES ({values})
      ON CONFLICT (district_id, month) DO UPDATE SET {sets};
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
    return [
        function,
        "DROP TRIGGER IF EXISTS dashboard_activity_insert_delete ON communities_activity;",
        "DROP TRIGGER IF EXISTS dashboard_activity_update ON communities_activity;",
        "CREATE TRIGGER dashboard_activity_insert_delete AFTER INSERT OR DELETE "
        "ON communities_activity FOR EACH ROW EXECUTE FUNCTION dashboard_activity_month();",
        f"CREATE TRIGGER dashboard_activity_update AFTER UPDATE ON communities_activity "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION dashboard_activity_month();",
    ]


def trigger_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return _postgresql_sql()
    if vendor == "sqlite":
        return _sqlite_sql()
    raise NotImplementedError(f"no activity summary triggers for {vendor}")


def drop_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS dashboard_activity_insert_delete ON communities_activity;",
            "DROP TRIGGER IF EXISTS dashboard_activity_update ON communities_activity;",
            "DROP FUNCTION IF EXISTS dashboard_activity_month();",
        ]
    return [
        f"DROP TRIGGER IF EXISTS dashboard_activity_{op};" for op in ("insert", "update", "delete")
    ]


def rebuild_sql(vendor: str) -> list[str]:
    """Recount the whole summary from the activities (the migration, and a repair)."""
    if vendor == "postgresql":
        month = "date_trunc('month', date)::date"
    else:
        month = "date(date, 'start of month')"
    sums = ", ".join(f"SUM({column})" for _name, column in SUMS)
    return [
        f"DELETE FROM {TABLE};",
        f"INSERT INTO {TABLE} (district_id, month, n, {NAMES}) "
        f"SELECT district_id, {month}, COUNT(*), {sums} FROM communities_activity "
        f"WHERE NOT is_deleted GROUP BY district_id, {month};",
    ]


@transaction.atomic
def rebuild() -> None:
    """Recount the summary (``manage.py shell``, or after restoring activities from a dump)."""
    with connection.cursor() as cursor:
        for statement in rebuild_sql(connection.vendor):
            cursor.execute(statement)
