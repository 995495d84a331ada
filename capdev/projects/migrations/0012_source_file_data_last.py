"""SourceFile.data becomes the table's last column, so that SQLite can write a large original a chunk at a time.

SQLite keeps a zeroblob(N) as a count, not N bytes, only when no column after it holds data; with "created"
after "data", making room for a 50 MB original took 100 MB of memory (importer.originals writes the bytes
into that room through SQLite's blob I/O). The bytes are copied to a new column at the end of the table, then
the old one is dropped and the new one renamed. On PostgreSQL, where the order of columns does not matter,
the same steps run and change nothing but the order.
"""
from django.db import migrations, models


def copy_data(apps, schema_editor):
    SourceFile = apps.get_model("projects", "SourceFile")
    SourceFile.objects.update(data_last=models.F("data"))


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0011_reviewflag_findings"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcefile",
            name="data_last",
            field=models.BinaryField(default=b"", verbose_name="original bytes"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_data, migrations.RunPython.noop),
        migrations.RemoveField(model_name="sourcefile", name="data"),
        migrations.RenameField(model_name="sourcefile", old_name="data_last", new_name="data"),
    ]
