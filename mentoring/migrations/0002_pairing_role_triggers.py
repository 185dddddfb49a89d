"""The database itself refuses a pairing whose mentor is not a pilot district or whose
mentee is one. A CHECK constraint cannot read the districts table, so this is a trigger,
written for both databases the portal runs on."""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER pairing_roles_insert BEFORE INSERT ON mentoring_pairing
    WHEN (SELECT is_pilot FROM districts_district WHERE id = NEW.mentor_id) = 0
      OR (SELECT is_pilot FROM districts_district WHERE id = NEW.mentee_id) = 1
    BEGIN SELECT RAISE(ABORT, 'pairing_roles: mentor must be a pilot, mentee must not'); END
    """,
    """
    CREATE TRIGGER pairing_roles_update BEFORE UPDATE ON mentoring_pairing
    WHEN (SELECT is_pilot FROM districts_district WHERE id = NEW.mentor_id) = 0
      OR (SELECT is_pilot FROM districts_district WHERE id = NEW.mentee_id) = 1
    BEGIN SELECT RAISE(ABORT, 'pairing_roles: mentor must be a pilot, mentee must not'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS pairing_roles_insert",
    "DROP TRIGGER IF EXISTS pairing_roles_update",
]
POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION pairing_roles_check() RETURNS trigger AS $$
    BEGIN
      IF NOT (SELECT is_pilot FROM districts_district WHERE id = NEW.mentor_id)
         OR (SELECT is_pilot FROM districts_district WHERE id = NEW.mentee_id) THEN
        RAISE EXCEPTION 'pairing_roles: mentor must be a pilot, mentee must not'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER pairing_roles BEFORE INSERT OR UPDATE ON mentoring_pairing
    FOR EACH ROW EXECUTE FUNCTION pairing_roles_check()
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS pairing_roles ON mentoring_pairing",
    "DROP FUNCTION IF EXISTS pairing_roles_check()",
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(
        schema_editor.connection.vendor, []
    )
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial"), ("districts", "0004_pilot_stages")]

    operations = [migrations.RunPython(create, drop)]
