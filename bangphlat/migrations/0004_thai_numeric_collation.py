"""The Thai order with numbers inside names compared as numbers (issue 29: ซอย 5 before
ซอย 12). PostgreSQL's predefined th-TH-x-icu compares digits one by one, so the portal
creates its own ICU collation with the numeric option (kn); SQLite registers the same order
under the same name (bangphlat.apps)."""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("bangphlat", "0003_data_version")]

    operations = [
        # A no-op on SQLite (CreateCollation runs on PostgreSQL only).
        CreateCollation("thai_numeric", provider="icu", locale="th-TH-u-kn-true"),
    ]
