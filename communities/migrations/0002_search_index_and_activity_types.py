"""Thai substring search index (PostgreSQL pg_trgm) and the starting list of activity types."""

from django.db import migrations

ACTIVITY_TYPES = [
    ("บัญชีครัวเรือน", "Household accounts"),
    ("กลุ่มออมทรัพย์", "Savings group"),
    ("ปลูกผักสวนครัว", "Vegetable garden"),
    ("ฝึกอาชีพ", "Occupational training"),
    ("ธนาคารขยะ", "Waste bank"),
    ("ดูแลผู้สูงอายุ", "Elderly care"),
    ("ส่งเสริมสุขภาพ", "Health promotion"),
    ("พัฒนาเด็กและเยาวชน", "Children and youth development"),
    ("ประชุมประชาคม", "Community forum"),
    ("สำรวจข้อมูลครัวเรือน", "Household survey"),
]


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches with LIKE; fine at a district's scale
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # Django's icontains is UPPER("name"::text) LIKE UPPER(%s): index that expression.
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS community_name_trgm "
        "ON communities_community USING gin ((UPPER(name::text)) gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS community_name_trgm")


def add_activity_types(apps, schema_editor):
    ActivityType = apps.get_model("communities", "ActivityType")
    for order, (name_th, name_en) in enumerate(ACTIVITY_TYPES, start=1):
        ActivityType.objects.get_or_create(
            name_th=name_th, defaults={"name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("communities", "0001_initial")]

    operations = [
        migrations.RunPython(add_trigram_index, drop_trigram_index),
        migrations.RunPython(add_activity_types, migrations.RunPython.noop),
    ]
