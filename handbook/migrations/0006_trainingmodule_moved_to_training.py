"""Curriculum modules moved to the training app: the handbook forgets them in its state only;
the table (``handbook_trainingmodule``) and its rows stay, now owned by training/0001."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("handbook", "0005_forget_pre_consent_interviewees"),
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name="trainingmodule", name="module_hours_range"),
                migrations.DeleteModel(name="TrainingModule"),
            ],
            database_operations=[],
        )
    ]
