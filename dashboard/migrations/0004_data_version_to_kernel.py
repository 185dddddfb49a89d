"""DataVersion now belongs to the kernel (bangphlat 0003): drop it from the dashboard's state
only; the table stays, owned by bangphlat.DataVersion."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0003_activity_month"),
        ("bangphlat", "0003_data_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DataVersion")],
            database_operations=[],
        ),
    ]
