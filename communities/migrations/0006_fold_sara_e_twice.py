"""เ typed twice for แ (issue #30): stored community names and activity titles get แ, as
bangphlat.thai.clean_text now writes them, so their search keys (generated columns) match a
query however it was typed. A community whose folded name another community of its district
already has keeps its name (the unique name rule would refuse it; a duplicate for the district
to merge)."""

from django.db import migrations

SARA_E_TWICE, SARA_AE = "\u0e40\u0e40", "\u0e41"


def fold(apps, schema_editor):
    Community = apps.get_model("communities", "Community")
    Activity = apps.get_model("communities", "Activity")
    for community in Community.objects.filter(name__contains=SARA_E_TWICE):
        name = community.name.replace(SARA_E_TWICE, SARA_AE)
        taken = (
            Community.objects.filter(district_id=community.district_id, name=name, is_deleted=False)
            .exclude(pk=community.pk)
            .exists()
        )
        if not taken:
            Community.objects.filter(pk=community.pk).update(name=name)
    for activity in Activity.objects.filter(title__contains=SARA_E_TWICE).only("pk", "title"):
        title = activity.title.replace(SARA_E_TWICE, SARA_AE)
        Activity.objects.filter(pk=activity.pk).update(title=title)


class Migration(migrations.Migration):
    dependencies = [("communities", "0005_activity_title_search_key")]

    operations = [migrations.RunPython(fold, migrations.RunPython.noop)]
