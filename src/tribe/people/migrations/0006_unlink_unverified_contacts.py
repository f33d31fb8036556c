"""Contacts linked to an account before addresses were verified lose the link.

The old sign-up linked any new account to every contact with its address, so
an address typed by someone else could claim a contact. A link now comes only
with the account's own yes to a request (or a verified address).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def unlink(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Contact = apps.get_model("people", "Contact")
    Contact.objects.filter(person__isnull=False, person__email_verified_at__isnull=True).update(
        person=None
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0005_mark_demo_accounts")]

    operations = [migrations.RunPython(unlink, migrations.RunPython.noop)]
