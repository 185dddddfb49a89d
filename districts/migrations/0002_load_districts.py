"""Load Bangkok's 50 districts and six zone groups from districts/data/*.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from districts.loaders import load_districts

    load_districts(apps.get_model("districts", "ZoneGroup"), apps.get_model("districts", "District"))


class Migration(migrations.Migration):
    dependencies = [("districts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
