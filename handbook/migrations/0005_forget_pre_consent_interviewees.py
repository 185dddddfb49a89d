"""Editions built before interviewee consent was recorded printed a free-text list of names.
Their snapshots forget that text and their stored PDFs are deleted: a download of such an
edition finds its file missing and queues a rebuild, which prints roles only with consent."""

from django.core.files.storage import default_storage
from django.db import migrations


def forget(apps, schema_editor):
    Edition = apps.get_model("handbook", "Edition")
    for edition in Edition.objects.all().iterator():
        lessons = (edition.inputs or {}).get("content", {}).get("lessons", [])
        old = [lesson for lesson in lessons if not isinstance(lesson.get("interviewees"), list)]
        if not old:
            continue
        for lesson in old:
            lesson["interviewees"] = []
        Edition.objects.filter(pk=edition.pk).update(inputs=edition.inputs)
        for name in (edition.file.name, edition.archival_file.name):
            if name:
                default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [("handbook", "0004_edition_archival_file")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
