"""The keep-alive ledger, moved here from ``relationships`` and ``people``.

State only: the tables keep their names (``relationships_advice``,
``people_win``, ...) and their rows; ``relationships.0005`` and
``people.0007`` forgot the models there first. The content types follow the
models, so permissions and admin history stay attached.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

MOVED = {
    "relationships": ["advice", "gratitude", "mentorupdate", "question", "touchpoint"],
    "people": ["win"],
}


def _relabel(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor, *, forward: bool) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for old_app, names in MOVED.items():
        source, target = (old_app, "ledger") if forward else ("ledger", old_app)
        for name in names:
            if not types.filter(app_label=target, model=name).exists():
                types.filter(app_label=source, model=name).update(app_label=target)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, schema_editor, forward=True)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, schema_editor, forward=False)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('meetings', '0004_note_detached_from_meeting'),
        ('people', '0007_move_win_to_ledger'),
        ('relationships', '0005_move_ledger_and_outreach'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Advice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('given_on', models.DateField()),
                        ('text', models.CharField(max_length=1000)),
                        ('decision', models.CharField(choices=[('undecided', 'Not decided yet'), ('adopt', 'Adopt'), ('try', 'Try it'), ('park', 'Park for later'), ('reject', 'Set aside')], default='undecided', max_length=16)),
                        ('reason', models.CharField(blank=True, max_length=1000)),
                        ('outcome', models.TextField(blank=True, max_length=5000)),
                        ('outcome_on', models.DateField(blank=True, null=True)),
                        ('report_back', models.BooleanField(default=False)),
                        ('reported_back_on', models.DateField(blank=True, null=True)),
                        ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='advice', to='meetings.meeting')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('relationship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='advice', to='relationships.relationship')),
                    ],
                    options={
                        'verbose_name_plural': 'advice',
                        'db_table': 'relationships_advice',
                        'ordering': ['-given_on', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('decision__in', ['undecided', 'adopt', 'try', 'park', 'reject'])), name='advice_decision_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='Gratitude',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('kind', models.CharField(choices=[('thank_you', 'Thank-you note'), ('gift', 'Gift'), ('volunteering', 'Volunteered for their cause'), ('acknowledgement', 'Public acknowledgement')], default='thank_you', max_length=16)),
                        ('given_on', models.DateField()),
                        ('description', models.CharField(max_length=1000)),
                        ('advice', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='gratitude', to='ledger.advice')),
                        ('given_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='gratitude', to='meetings.meeting')),
                        ('relationship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='gratitude', to='relationships.relationship')),
                    ],
                    options={
                        'verbose_name_plural': 'gratitude',
                        'db_table': 'relationships_gratitude',
                        'ordering': ['-given_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='MentorUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('sent_on', models.DateField()),
                        ('body', models.TextField(max_length=10000)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('relationship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='relationships.relationship')),
                    ],
                    options={
                        'db_table': 'relationships_mentorupdate',
                        'ordering': ['-sent_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Question',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('text', models.CharField(max_length=500)),
                        ('answered_on', models.DateField(blank=True, null=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('relationship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='relationships.relationship')),
                    ],
                    options={
                        'db_table': 'relationships_question',
                        'ordering': ['answered_on', 'created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Touchpoint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('kind', models.CharField(choices=[('call', 'Call'), ('message', 'Message'), ('email', 'E-mail'), ('in_person', 'Met in person'), ('update', 'Sent an update'), ('other', 'Other')], max_length=16)),
                        ('happened_on', models.DateField()),
                        ('note', models.CharField(blank=True, max_length=500)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('relationship', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='touchpoints', to='relationships.relationship')),
                    ],
                    options={
                        'db_table': 'relationships_touchpoint',
                        'ordering': ['-happened_on', '-id'],
                        'indexes': [models.Index(fields=['relationship', 'happened_on'], name='relationshi_relatio_359bb1_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='Win',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('happened_on', models.DateField()),
                        ('text', models.CharField(max_length=500)),
                        ('goal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='wins', to='people.goal')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='wins', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'people_win',
                        'ordering': ['-happened_on', '-id'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
