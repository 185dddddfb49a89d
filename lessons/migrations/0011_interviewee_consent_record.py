"""Consent records carry who recorded them and when; withdrawals are logged.

Existing consents were recorded before the portal kept the record: they are dated by the
lesson's last save (the consent was on record by then, the rows are rewritten on each save)
and attributed to the lesson's creator, who entered its interviewees.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def date_existing_consents(apps, schema_editor):
    Interviewee = apps.get_model("lessons", "Interviewee")
    for person in Interviewee.objects.filter(consent=True).select_related("lesson"):
        person.consent_recorded_at = person.lesson.updated_at
        person.consent_recorded_by_id = person.lesson.created_by_id
        person.save(update_fields=["consent_recorded_at", "consent_recorded_by"])


class Migration(migrations.Migration):

    dependencies = [
        ('lessons', '0010_search_text_folds_sara_e_twice'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ConsentWithdrawal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('withdrawn_at', models.DateTimeField(auto_now_add=True, verbose_name='วันที่ถอนความยินยอม')),
                ('revisions_changed', models.PositiveIntegerField(default=0, verbose_name='จำนวนฉบับที่ลบชื่อออก')),
            ],
            options={
                'verbose_name': 'การถอนความยินยอม',
                'verbose_name_plural': 'การถอนความยินยอม',
                'ordering': ['-withdrawn_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='interviewee',
            name='consent_recorded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='วันที่บันทึกความยินยอม'),
        ),
        migrations.AddField(
            model_name='interviewee',
            name='consent_recorded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ผู้บันทึกความยินยอม'),
        ),
        migrations.RunPython(date_existing_consents, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='interviewee',
            constraint=models.CheckConstraint(condition=models.Q(('consent', False), ('consent_recorded_at__isnull', False), _connector='OR'), name='interviewee_consent_recorded', violation_error_message='ความยินยอมต้องมีวันที่บันทึก'),
        ),
        migrations.AddField(
            model_name='consentwithdrawal',
            name='lesson',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='lessons.lesson', verbose_name='บทเรียน'),
        ),
        migrations.AddField(
            model_name='consentwithdrawal',
            name='withdrawn_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ผู้บันทึกการถอนความยินยอม'),
        ),
    ]
