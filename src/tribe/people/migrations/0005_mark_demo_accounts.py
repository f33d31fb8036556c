"""Mark the accounts an earlier ``tribe demo`` made as demo accounts (and verified).

Before ``Person.is_demo`` the demo recognised its people by the ``tribe.example``
domain alone, so a real person who signed up at that domain was wiped with it.
Here an account is the demo's only if both its address and its name are exactly
those the demo gave it (a frozen copy of ``tribe.core.demo.PEOPLE``): anyone
else at ``@tribe.example`` stays a real account.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Q
from django.utils import timezone

DEMO_ACCOUNTS = [
    ("maya@tribe.example", "Maya Chen"),
    ("ravi@tribe.example", "Ravi Menon"),
    ("elena@tribe.example", "Elena Petrova"),
    ("grace@tribe.example", "Grace Liu"),
    ("sam@tribe.example", "Sam Okafor"),
    ("lina@tribe.example", "Lina Haddad"),
    ("kofi@tribe.example", "Kofi Mensah"),
    ("priya@tribe.example", "Priya Nair"),
    ("tomas@tribe.example", "Tomás García"),
    ("jonas@tribe.example", "Jonas Weber"),
    ("aisha@tribe.example", "Aisha Bello"),
    ("hugo@tribe.example", "Hugo Martin"),
]


def mark_demo_accounts(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Person = apps.get_model("people", "Person")
    demo = Q()
    for email, name in DEMO_ACCOUNTS:
        demo |= Q(email__iexact=email, name=name)
    Person.objects.filter(demo).update(is_demo=True)
    # Demo accounts are verified: requests to them must not wait for an e-mail.
    Person.objects.filter(demo, email_verified_at__isnull=True).update(
        email_verified_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_verified_demo_block"),
    ]

    operations = [
        migrations.RunPython(mark_demo_accounts, migrations.RunPython.noop),
    ]
