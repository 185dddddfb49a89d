"""Trigram index for searching other districts' approved text on PostgreSQL."""

from django.db import migrations


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS lessonrevision_search_trgm "
        "ON lessons_lessonrevision USING gin ((UPPER(search_text)) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS lessonrevision_search_trgm")


def fill_search_text(apps, schema_editor):
    """Revisions made before 0003 have an empty search text."""
    LessonRevision = apps.get_model("lessons", "LessonRevision")
    names = ["title", "background", "actions", "results", "success_factors", "obstacles",
             "recommendations"]  # fmt: skip
    for revision in LessonRevision.objects.filter(search_text=""):
        revision.search_text = "\n".join(getattr(revision, name) for name in names)
        revision.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("lessons", "0003_revision_search_text")]

    operations = [
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(add_index, drop_index),
    ]
