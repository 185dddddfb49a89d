"""Real registries (issue 12): the sixth community type, a permanent community code, clean
names with a normalised key unique per district, population by sex, optional households.

The data step keeps every existing row: legacy type values are mapped, text is cleaned
(bangphlat.thai.clean_text), households of 0 become unknown, each community gets the code
<district code>-<its current number, 4 digits>, and a second alive community of a district
whose name normalises to the same key gets " (ซ้ำ N)" appended so an administrator can find
and merge it (the new constraint forbids such twins).
"""

import django.core.validators
import django.db.models.expressions
import django.db.models.functions.text
from django.db import migrations, models


def clean_stored_rows(apps, schema_editor):
    from bangphlat.thai import COMMUNITY_PREFIX, clean_text, search_key
    from communities.models import community_type_from_text

    Community = apps.get_model("communities", "Community")
    HistoricalCommunity = apps.get_model("communities", "HistoricalCommunity")
    Activity = apps.get_model("communities", "Activity")
    District = apps.get_model("districts", "District")
    district_codes = dict(District.objects.values_list("pk", "code"))
    seen = set()
    for community in Community.objects.order_by("is_deleted", "pk"):
        community.name = clean_text(community.name)
        community.address = clean_text(community.address)
        community.chair_name = clean_text(community.chair_name)
        community.chair_phone = clean_text(community.chair_phone)
        community.community_type = (
            community_type_from_text(community.community_type) or community.community_type
        )
        if community.households == 0:
            community.households = None
        community.code = f"{district_codes[community.district_id]}-{community.number:04d}"
        if not community.is_deleted:
            key = (community.district_id, search_key(community.name, prefix=COMMUNITY_PREFIX))
            if key in seen:
                community.name = f"{community.name} (ซ้ำ {community.pk})"
            seen.add(key)
        community.save(
            update_fields=[
                "name", "address", "chair_name", "chair_phone", "community_type", "households",
                "code",
            ]
        )  # fmt: skip
    codes = dict(Community.objects.values_list("pk", "code"))
    for record in HistoricalCommunity.objects.filter(code__isnull=True).only("pk", "id"):
        record.code = codes.get(record.id, "")
        record.save(update_fields=["code"])
    for activity in Activity.objects.only("pk", "title", "outcome"):
        title, outcome = clean_text(activity.title), clean_text(activity.outcome, multiline=True)
        if (title, outcome) != (activity.title, activity.outcome):
            Activity.objects.filter(pk=activity.pk).update(title=title, outcome=outcome)


def add_name_key_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite scans the column: fine at a district's scale, same results
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS community_name_key_trgm "
        "ON communities_community USING gin (name_key gin_trgm_ops)"
    )


def drop_name_key_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS community_name_key_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ('communities', '0002_search_index_and_activity_types'),
        ('districts', '0004_pilot_stages'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='community',
            name='community_population_at_least_households',
        ),
        migrations.AddField(
            model_name='community',
            name='code',
            field=models.CharField(editable=False, max_length=12, null=True, verbose_name='รหัสชุมชน'),
        ),
        migrations.AddField(
            model_name='community',
            name='female',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='หญิง'),
        ),
        migrations.AddField(
            model_name='community',
            name='male',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='ชาย'),
        ),
        migrations.AddField(
            model_name='historicalcommunity',
            name='code',
            field=models.CharField(editable=False, max_length=12, null=True, verbose_name='รหัสชุมชน'),
        ),
        migrations.AddField(
            model_name='historicalcommunity',
            name='female',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='หญิง'),
        ),
        migrations.AddField(
            model_name='historicalcommunity',
            name='male',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='ชาย'),
        ),
        migrations.AlterField(
            model_name='community',
            name='community_type',
            field=models.CharField(choices=[('crowded', 'ชุมชนแออัด'), ('urban', 'ชุมชนเมือง'), ('suburban', 'ชุมชนชานเมือง'), ('housing_estate', 'ชุมชนหมู่บ้านจัดสรร'), ('public_housing', 'เคหะชุมชน'), ('high_rise', 'ชุมชนอาคารสูง')], max_length=20, verbose_name='ประเภทชุมชน'),
        ),
        migrations.AlterField(
            model_name='community',
            name='households',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='จำนวนครัวเรือน'),
        ),
        migrations.AlterField(
            model_name='community',
            name='number',
            field=models.PositiveIntegerField(blank=True, help_text='ไม่บังคับ: เว้นว่างเพื่อให้ระบบใช้ลำดับถัดไปของเขต', validators=[django.core.validators.MinValueValidator(1)], verbose_name='ลำดับชุมชนของเขต'),
        ),
        migrations.AlterField(
            model_name='historicalcommunity',
            name='community_type',
            field=models.CharField(choices=[('crowded', 'ชุมชนแออัด'), ('urban', 'ชุมชนเมือง'), ('suburban', 'ชุมชนชานเมือง'), ('housing_estate', 'ชุมชนหมู่บ้านจัดสรร'), ('public_housing', 'เคหะชุมชน'), ('high_rise', 'ชุมชนอาคารสูง')], max_length=20, verbose_name='ประเภทชุมชน'),
        ),
        migrations.AlterField(
            model_name='historicalcommunity',
            name='households',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='จำนวนครัวเรือน'),
        ),
        migrations.AlterField(
            model_name='historicalcommunity',
            name='number',
            field=models.PositiveIntegerField(blank=True, help_text='ไม่บังคับ: เว้นว่างเพื่อให้ระบบใช้ลำดับถัดไปของเขต', validators=[django.core.validators.MinValueValidator(1)], verbose_name='ลำดับชุมชนของเขต'),
        ),
        migrations.RunPython(clean_stored_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='community',
            name='code',
            field=models.CharField(editable=False, max_length=12, unique=True, verbose_name='รหัสชุมชน'),
        ),
        migrations.AlterField(
            model_name='historicalcommunity',
            name='code',
            field=models.CharField(db_index=True, editable=False, max_length=12, verbose_name='รหัสชุมชน'),
        ),
        migrations.AddField(
            model_name='community',
            name='name_key',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Lower(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(django.db.models.functions.text.Replace(models.Case(models.When(name__startswith='ชุมชน', then=django.db.models.functions.text.Substr('name', 6)), default=models.F('name')), models.Value(' '), models.Value('')), models.Value('๐'), models.Value('0')), models.Value('๑'), models.Value('1')), models.Value('๒'), models.Value('2')), models.Value('๓'), models.Value('3')), models.Value('๔'), models.Value('4')), models.Value('๕'), models.Value('5')), models.Value('๖'), models.Value('6')), models.Value('๗'), models.Value('7')), models.Value('๘'), models.Value('8')), models.Value('๙'), models.Value('9'))), output_field=models.CharField(max_length=200)),
        ),
        migrations.AddConstraint(
            model_name='community',
            constraint=models.UniqueConstraint(condition=models.Q(('is_deleted', False)), fields=('district', 'name_key'), name='community_unique_name_in_district', violation_error_message='เขตนี้มีชุมชนชื่อนี้อยู่แล้ว'),
        ),
        migrations.AddConstraint(
            model_name='community',
            constraint=models.CheckConstraint(condition=models.Q(('households__isnull', True), ('population__gte', models.F('households')), _connector='OR'), name='community_population_at_least_households'),
        ),
        migrations.AddConstraint(
            model_name='community',
            constraint=models.CheckConstraint(condition=models.Q(('male__isnull', True), ('female__isnull', True), ('population__gte', django.db.models.expressions.CombinedExpression(models.F('male'), '+', models.F('female'))), _connector='OR'), name='community_population_at_least_male_and_female'),
        ),
        migrations.RemoveConstraint(
            model_name='community',
            name='community_unique_number_in_district',
        ),
        migrations.AddConstraint(
            model_name='community',
            constraint=models.UniqueConstraint(condition=models.Q(('is_deleted', False)), fields=('district', 'number'), name='community_unique_number_in_district', violation_error_message='เขตนี้มีชุมชนลำดับนี้อยู่แล้ว'),
        ),
        migrations.RunPython(add_name_key_trigram_index, drop_name_key_trigram_index),
    ]
