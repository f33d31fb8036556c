"""The ledger and introductions move to their own apps; their tables stay.

State only: Django forgets these models here and ``ledger.0001`` and
``outreach.0001`` declare them there, with ``Meta.db_table`` naming the same
tables, so no row is copied and no table is renamed.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("relationships", "0004_consent"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Gratitude first: it points at Advice.
                migrations.DeleteModel(name="Gratitude"),
                migrations.DeleteModel(name="Advice"),
                migrations.DeleteModel(name="MentorUpdate"),
                migrations.DeleteModel(name="Question"),
                migrations.DeleteModel(name="Touchpoint"),
                migrations.DeleteModel(name="Introduction"),
            ],
            database_operations=[],
        ),
    ]
