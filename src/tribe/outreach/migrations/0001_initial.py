"""Introductions, moved here from ``relationships``: state only, the table keeps its name.

See ``relationships.0005``; the content type follows the model.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def _relabel(
    apps: StateApps, schema_editor: BaseDatabaseSchemaEditor, source: str, target: str
) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=target, model="introduction").exists():
        types.filter(app_label=source, model="introduction").update(app_label=target)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, schema_editor, "relationships", "outreach")


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, schema_editor, "outreach", "relationships")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('people', '0007_move_win_to_ledger'),
        ('relationships', '0005_move_ledger_and_outreach'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Introduction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('note', models.CharField(blank=True, max_length=1000)),
                        ('introduced_on', models.DateField()),
                        ('introducer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='introductions_made', to=settings.AUTH_USER_MODEL)),
                        ('mentee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='introductions_received', to=settings.AUTH_USER_MODEL)),
                        ('relationship', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='introductions', to='relationships.relationship')),
                        ('to_contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='introduced_to', to='people.contact')),
                        ('to_person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='introduced_to', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'relationships_introduction',
                        'ordering': ['-introduced_on', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('to_person__isnull', False), ('to_contact__isnull', False), _connector='XOR'), name='introduction_one_target'), models.CheckConstraint(condition=models.Q(('introducer', models.F('mentee')), _negated=True), name='introduction_not_self')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
