"""เ typed twice for แ (issue #30): search keys now read it as แ (bangphlat.thai.clean_text),
so the stored search text of a lesson or revision that holds it is computed again with the
models' own function. The lesson's text itself stays as approved."""

from django.db import migrations

SECTION_NAMES = ["title", "background", "actions", "results", "success_factors", "obstacles",
                 "recommendations"]  # fmt: skip
SARA_E_TWICE = "\u0e40\u0e40"


def refill_search_text(apps, schema_editor):
    from bangphlat.thai import search_key

    for model_name in ("Lesson", "LessonRevision"):
        model = apps.get_model("lessons", model_name)
        for obj in model.objects.filter(search_text__contains=SARA_E_TWICE).only(
            "pk", *SECTION_NAMES
        ):
            text = "\n".join(search_key(getattr(obj, name)) for name in SECTION_NAMES)
            model.objects.filter(pk=obj.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("lessons", "0009_merge_20261125_2113")]

    operations = [migrations.RunPython(refill_search_text, migrations.RunPython.noop)]
