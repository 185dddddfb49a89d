"""Search text as search keys (issue 12): spaces, Thai digits and invisible characters no
longer decide whether a lesson is found. Recomputes the stored text of every lesson and
revision with the same function the models use."""

from django.db import migrations

SECTION_NAMES = ["title", "background", "actions", "results", "success_factors", "obstacles",
                 "recommendations"]  # fmt: skip


def refill_search_text(apps, schema_editor):
    from bangphlat.thai import search_key

    for model_name in ("Lesson", "LessonRevision"):
        model = apps.get_model("lessons", model_name)
        for obj in model.objects.only("pk", *SECTION_NAMES):
            text = "\n".join(search_key(getattr(obj, name)) for name in SECTION_NAMES)
            model.objects.filter(pk=obj.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("lessons", "0007_remove_lesson_interviewees_text")]

    operations = [migrations.RunPython(refill_search_text, migrations.RunPython.noop)]
