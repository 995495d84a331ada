"""PostgreSQL: keep the search documents' rows narrow, their long text and tsvector in the TOAST table.

Listing the matches of a common word visits every heap page holding one (a bitmap heap scan for the project
ids only); with rows up to 2 kB inline, 284,000 matches at a million projects visited 150,000 pages. With
toast_tuple_target at 128 bytes, long values move out of line and the same search visits 92,000 pages
(458 -> 361 ms, docs/performance.md). Ranking and snippets read the moved values for the rows shown only.
Rows already written move when they are next written (`capdev reindex` rewrites them all). No-op on SQLite.
"""
from django.db import migrations

TABLE = "projects_projectsearchdocument"


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0007_index_refresh"),
    ]

    operations = [
        migrations.RunPython(narrow, widen, elidable=False),
    ]
