"""Pilot districts start as implementing or beyond: Bang Phlat already mentors others."""

from django.db import migrations


def set_pilot_stages(apps, schema_editor):
    District = apps.get_model("districts", "District")
    District.objects.filter(is_pilot=True).update(rollout_stage="implementing")
    District.objects.filter(is_original_pilot=True).update(rollout_stage="mentor_ready")


class Migration(migrations.Migration):
    dependencies = [("districts", "0003_rollout_stage")]

    operations = [migrations.RunPython(set_pilot_stages, migrations.RunPython.noop)]
