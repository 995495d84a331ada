"""Relation kinds read from the relation's first project: previous phase, follow-up, related, duplicate.

Before, "previous_phase" said the first project was the previous phase of the second; now it says the second is the
first's previous phase, so the old rows become "follow_up" (the second follows up the first: the same fact).
"same_programme" has no kind of its own any more: its rows become "related", the note saying so.
"""

import django.db.models.deletion
from django.db import migrations, models


def forwards(apps, schema_editor):
    Relation = apps.get_model("projects", "ProjectRelation")
    Relation.objects.filter(kind="previous_phase").update(kind="follow_up")
    for relation in Relation.objects.filter(kind="same_programme"):
        relation.kind = "related"
        relation.note = ("same programme; " + relation.note if relation.note else "same programme")[:300]
        if Relation.objects.filter(from_project_id=relation.from_project_id, to_project_id=relation.to_project_id,
                                   kind="related").exists():
            relation.delete()  # the pair is linked as related already: the note would be all it adds
        else:
            relation.save(update_fields=["kind", "note"])


def backwards(apps, schema_editor):
    Relation = apps.get_model("projects", "ProjectRelation")
    # The old "previous_phase" read the other way: a new one is the old kind with its two projects swapped.
    swapped = list(Relation.objects.filter(kind="previous_phase").values_list("pk", "from_project_id", "to_project_id"))
    Relation.objects.filter(kind="follow_up").update(kind="previous_phase")
    for pk, first, second in swapped:
        Relation.objects.filter(pk=pk).update(from_project_id=second, to_project_id=first)
    Relation.objects.filter(kind="duplicate").update(kind="related")


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0012_source_file_data_last'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelOptions(
            name='projectrelation',
            options={'ordering': ['from_project_id', 'kind', 'id'], 'verbose_name': 'project relation', 'verbose_name_plural': 'project relations'},
        ),
        migrations.AlterField(
            model_name='historicalprojectrelation',
            name='from_project',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project', verbose_name='project'),
        ),
        migrations.AlterField(
            model_name='historicalprojectrelation',
            name='kind',
            field=models.CharField(choices=[('previous_phase', 'previous phase'), ('follow_up', 'follow-up'), ('related', 'related project'), ('duplicate', 'duplicate')], default='related', max_length=16, verbose_name='the other project is its'),
        ),
        migrations.AlterField(
            model_name='historicalprojectrelation',
            name='to_project',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project', verbose_name='other project'),
        ),
        migrations.AlterField(
            model_name='projectrelation',
            name='from_project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relations_from', to='projects.project', verbose_name='project'),
        ),
        migrations.AlterField(
            model_name='projectrelation',
            name='kind',
            field=models.CharField(choices=[('previous_phase', 'previous phase'), ('follow_up', 'follow-up'), ('related', 'related project'), ('duplicate', 'duplicate')], default='related', max_length=16, verbose_name='the other project is its'),
        ),
        migrations.AlterField(
            model_name='projectrelation',
            name='to_project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relations_to', to='projects.project', verbose_name='other project'),
        ),
        migrations.AlterConstraint(
            model_name='projectrelation',
            name='projects_relation_unique',
            constraint=models.UniqueConstraint(fields=('from_project', 'to_project', 'kind'), name='projects_relation_unique', violation_error_message='This project is linked to that one this way already.'),
        ),
        migrations.AlterConstraint(
            model_name='projectrelation',
            name='projects_relation_not_self',
            constraint=models.CheckConstraint(condition=models.Q(('from_project', models.F('to_project')), _negated=True), name='projects_relation_not_self', violation_error_message='A project cannot be related to itself.'),
        ),
    ]
