"""Pilot districts start as implementing or beyond: Bang Phlat already mentors others."""

from django.db import migrations


def set_pilot_stages(apps, schema_editor):
    from districts.loaders import set_pilot_stages

    set_pilot_stages(apps.get_model("districts", "District"))


class Migration(migrations.Migration):
    dependencies = [("districts", "0003_rollout_stage")]

    operations = [migrations.RunPython(set_pilot_stages, migrations.RunPython.noop)]
