"""Thai-tolerant activity search (issue 12): the title as a search key (the same expression as
Community.name_key, without the ชุมชน prefix), with a trigram index on PostgreSQL.

On SQLite a stored generated column cannot be added in place, so Django rebuilds the table,
which drops the dashboard's summary triggers on it: they are put back (the summary rows
themselves are untouched, as the copy fires no trigger)."""

import django.db.models.functions.text
from django.db import migrations, models


def add_title_key_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite scans the column: same results, fine at a district's scale
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS activity_title_key_trgm "
        "ON communities_activity USING gin (title_key gin_trgm_ops)"
    )


def drop_title_key_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS activity_title_key_trgm")


def restore_summary_triggers(apps, schema_editor):
    from dashboard import summary

    if schema_editor.connection.vendor == "sqlite":
        for statement in summary.trigger_sql("sqlite"):
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('communities', '0004_programme_date_window'),
        # Its triggers on communities_activity must exist before they are restored here.
        ('dashboard', '0003_activity_month'),
    ]

    operations = [
        # (Unapplying removes the column, rebuilding the table again: restore them after it.)
        migrations.RunPython(migrations.RunPython.noop, restore_summary_triggers),
        migrations.AddField(
            model_name='activity',
            name='title_key',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Lower(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(models.F('title'), models.Value(' '), models.Value('')), models.Value('๐'), models.Value('0')), models.Value('๑'), models.Value('1')), models.Value('๒'), models.Value('2')), models.Value('๓'), models.Value('3')), models.Value('๔'), models.Value('4')), models.Value('๕'), models.Value('5')), models.Value('๖'), models.Value('6')), models.Value('๗'), models.Value('7')), models.Value('๘'), models.Value('8')), models.Value('๙'), models.Value('9'))), output_field=models.CharField(max_length=200)),
        ),
        migrations.RunPython(restore_summary_triggers, migrations.RunPython.noop),
        migrations.RunPython(add_title_key_trigram_index, drop_title_key_trigram_index),
    ]
