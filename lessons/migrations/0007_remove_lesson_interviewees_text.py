from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0006_interviewees_and_revision_snapshots"),
    ]

    operations = [
        migrations.RemoveField(model_name="lesson", name="interviewees_text"),
    ]
