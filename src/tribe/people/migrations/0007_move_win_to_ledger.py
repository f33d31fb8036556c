"""Wins move to the ledger app; the table ``people_win`` stays (state only, see ``ledger.0001``)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0006_unlink_unverified_contacts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Win")],
            database_operations=[],
        ),
    ]
