"""Starting topics, and a trigram index for Thai substring search on PostgreSQL."""

from django.db import migrations


def load(apps, schema_editor):
    from lessons.reference import load_topics

    load_topics(apps.get_model("lessons", "Topic"))


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS lesson_search_trgm "
        "ON lessons_lesson USING gin ((UPPER(search_text)) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS lesson_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(add_index, drop_index),
    ]
